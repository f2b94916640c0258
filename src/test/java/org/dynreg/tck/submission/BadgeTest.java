package org.dynreg.tck.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BadgeTest {

    @Test
    void eachVerdictHasItsColour() {
        assertThat(new String(Badge.json("CONFORMANT", false), StandardCharsets.UTF_8).strip())
                .isEqualTo("{\"schemaVersion\":1,\"label\":\"dynreg\",\"message\":\"conformant\",\"color\":\"green\"}");
        assertThat(Badge.of("NOT CONFORMANT", false)).containsEntry("message", "not conformant").containsEntry("color", "red");
        assertThat(Badge.of("INCOMPLETE", false)).containsEntry("message", "incomplete").containsEntry("color", "orange");
        assertThat(Badge.of("PARTIAL", false)).containsEntry("message", "partial").containsEntry("color", "yellow");
    }

    @Test
    void aModifiedKitIsGreyWhateverItsVerdict() {
        assertThat(Badge.of("CONFORMANT", true)).containsEntry("message", "conformant (modified kit)")
                .containsEntry("color", "lightgrey");
    }
}
