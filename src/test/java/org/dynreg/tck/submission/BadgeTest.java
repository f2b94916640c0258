package org.dynreg.tck.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.dynreg.tck.report.OverallVerdict;
import org.junit.jupiter.api.Test;

class BadgeTest {

    @Test
    void eachVerdictHasItsColour() {
        assertThat(new String(Badge.json(BundleKind.BROKER, OverallVerdict.CONFORMANT, false), StandardCharsets.UTF_8).strip())
                .isEqualTo("{\"schemaVersion\":1,\"label\":\"dynreg\",\"message\":\"conformant\",\"color\":\"green\"}");
        assertThat(Badge.of(BundleKind.BROKER, OverallVerdict.NOT_CONFORMANT, false)).containsEntry("message", "not conformant")
                .containsEntry("color", "red");
        assertThat(Badge.of(BundleKind.BROKER, OverallVerdict.INCOMPLETE, false)).containsEntry("message", "incomplete")
                .containsEntry("color", "orange");
        assertThat(Badge.of(BundleKind.BROKER, OverallVerdict.PARTIAL, false)).containsEntry("message", "partial")
                .containsEntry("color", "yellow");
    }

    @Test
    void aModifiedKitIsGreyWhateverItsVerdict() {
        assertThat(Badge.of(BundleKind.BROKER, OverallVerdict.CONFORMANT, true)).containsEntry("message", "conformant (modified kit)")
                .containsEntry("color", "lightgrey");
    }

    @Test
    void aDevicesBadgeSaysSo() {
        assertThat(new String(Badge.json(BundleKind.DEVICE, OverallVerdict.NOT_CONFORMANT, false), StandardCharsets.UTF_8).strip())
                .isEqualTo("{\"schemaVersion\":1,\"label\":\"dynreg device\",\"message\":\"not conformant\",\"color\":\"red\"}");
    }
}
