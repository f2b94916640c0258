package org.dynreg.tck.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RoundTripsTest {

    private static final Duration SILENCE = Duration.ofMillis(1000);

    @Test
    void beforeAnyRoundTripTheFloorIsTheMargin() {
        assertThat(new RoundTrips().silenceFloor(SILENCE)).isEqualTo(RoundTrips.MARGIN);
    }

    @Test
    void theFloorCoversTwoSlowRoundTrips() {
        RoundTrips rt = new RoundTrips();
        for (int ms : new int[] {90, 100, 100, 110, 130, 100, 95, 105, 100, 160}) {
            rt.record(Duration.ofMillis(ms));
        }
        assertThat(rt.median()).isEqualTo(Duration.ofMillis(100));
        assertThat(rt.percentile(90)).isEqualTo(Duration.ofMillis(130));
        assertThat(rt.silenceFloor(SILENCE)).isEqualTo(Duration.ofMillis(50 + 2 * 130));
    }

    @Test
    void theFloorNeverExceedsTheSilenceBound() {
        RoundTrips rt = new RoundTrips();
        rt.record(Duration.ofMillis(700));
        assertThat(rt.silenceFloor(SILENCE)).isEqualTo(SILENCE);
    }
}
