package org.dynreg.tck.kit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Turns per ClientID: when a refusal probe's closed connection is in doubt, and when it is not. */
class SessionsTest {

    @Test
    void aProbeAloneIsNotInDoubt() {
        Sessions sessions = new Sessions();
        Sessions.Turn first = sessions.shared("p.d");
        assertThat(first.overlapped()).isFalse();
        first.close();
        Sessions.Turn second = sessions.shared("p.d");
        assertThat(second.overlapped()).as("the first had ended before the second began").isFalse();
        second.close();
    }

    @Test
    void probesSideBySideAreInDoubtWhicheverStartedFirst() {
        Sessions sessions = new Sessions();
        Sessions.Turn first = sessions.shared("p.d");
        Sessions.Turn second = sessions.shared("p.d");
        assertThat(second.overlapped()).as("began while the first was held").isTrue();
        second.close();
        assertThat(first.overlapped()).as("another began and ended while it was held").isTrue();
        first.close();
        Sessions.Turn other = sessions.shared("p.other");
        assertThat(other.overlapped()).as("another ClientID is no takeover").isFalse();
        other.close();
    }

    @Test
    void aTurnAloneWaitsForTheProbesAndProbesWaitForIt() throws InterruptedException {
        Sessions sessions = new Sessions();
        Sessions.Turn probe = sessions.shared("p.d");
        Thread alone = new Thread(() -> sessions.alone("p.d").close());
        alone.start();
        alone.join(200);
        assertThat(alone.isAlive()).as("alone waits while a probe holds the ClientID").isTrue();
        probe.close();
        alone.join(2000);
        assertThat(alone.isAlive()).isFalse();
    }
}
