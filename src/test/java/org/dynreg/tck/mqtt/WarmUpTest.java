package org.dynreg.tck.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WarmUpTest {

    @Test
    void theKitsConnectionIsAcceptedByTheWarmUpsSocketAndEverythingEndsWithinItsBound() {
        long start = System.nanoTime();

        boolean accepted = WarmUp.run();

        assertThat(accepted).as("the CONNECT answered with CONNACK 0: the whole connect path ran").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("dynreg-warm-up-broker") && t.isAlive());
    }
}
