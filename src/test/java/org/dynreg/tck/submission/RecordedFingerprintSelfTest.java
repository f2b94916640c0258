package org.dynreg.tck.submission;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The kit's own tests ({@code -Pkit-tests}, CI) fail while {@code fingerprints.properties} does not
 * hold the kit's current fingerprint. A plain certification ({@code mvn verify}) still runs, and
 * reports a modified kit.
 */
class RecordedFingerprintSelfTest {

    @Test
    void theRecordedFingerprintIsTheKitsOwn() {
        KitCheck kit = KitCheck.of(Path.of(""));
        if (kit.modified()) {
            throw new AssertionError(RecordedFingerprints.FILE + " is stale: the kit's fingerprint is "
                    + kit.fingerprint().sha256() + ", recorded for " + kit.version() + ": " + kit.recorded().orElse("nothing")
                    + "; record it with: " + RecordedFingerprints.COMMAND);
        }
    }
}
