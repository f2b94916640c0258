package org.dynreg.tck.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier's kit check: a released version's recorded fingerprint is ok, a -SNAPSHOT's a note, an unrecorded one fails. */
class BundleVerifierKitTest {

    private static final String FINGERPRINT = "a".repeat(64);

    @TempDir
    Path reviewerKit;

    private RecordedFingerprints recorded;

    @BeforeEach
    void record() {
        recorded = RecordedFingerprints.in(reviewerKit);
        recorded.record("0.2.0", FINGERPRINT);
        recorded.record("0.3.0-SNAPSHOT", FINGERPRINT);
    }

    private BundleVerifier.Check kitCheck(String version) {
        Map<String, byte[]> bundle = Map.of(
                RunEnvironment.NAME, ("{\"kitVersion\":\"" + version + "\",\"kitFingerprint\":\"" + FINGERPRINT
                        + "\",\"modifiedKit\":false}").getBytes(StandardCharsets.UTF_8),
                "summary.json", ("{\"kitFingerprint\":\"" + FINGERPRINT + "\",\"modifiedKit\":false}").getBytes(StandardCharsets.UTF_8));
        BundleVerifier.Report report = new BundleVerifier(new BundleVerifier.Options(Optional.empty(), recorded, Optional.empty(),
                List.of())).verify(bundle);
        return report.checks().stream().filter(c -> c.name().equals("kit")).findFirst().orElseThrow();
    }

    @Test
    void aReleasedVersionsRecordedFingerprintIsOk() {
        assertThat(kitCheck("0.2.0")).isEqualTo(new BundleVerifier.Check("kit", BundleVerifier.Status.OK,
                List.of("fingerprint aaaaaaaaaaaa… is the one recorded for dynreg-tck 0.2.0, a released version")));
    }

    @Test
    void aDevelopmentVersionsRecordedFingerprintIsANoteNotAFailure() {
        assertThat(kitCheck("0.3.0-SNAPSHOT")).isEqualTo(new BundleVerifier.Check("kit", BundleVerifier.Status.INFO,
                List.of("fingerprint aaaaaaaaaaaa… is the one recorded for dynreg-tck 0.3.0-SNAPSHOT: "
                        + "a development version, not a released one")));
    }

    @Test
    void anUnrecordedVersionFails() {
        assertThat(kitCheck("0.4.0")).isEqualTo(new BundleVerifier.Check("kit", BundleVerifier.Status.FAIL,
                List.of("dynreg-tck 0.4.0 has no fingerprint recorded in your kit's fingerprints.properties (not a released version)")));
    }
}
