package org.dynreg.tck.submission;

import java.nio.file.Path;
import org.dynreg.tck.report.Kit;

/**
 * {@code mvn -q compile exec:java@fingerprint}: computes the kit's fingerprint in the working
 * directory (the kit's root) and records it for the pom's version in {@code fingerprints.properties}.
 */
public final class RecordFingerprint {

    private RecordFingerprint() {
    }

    public static void main(String[] args) {
        Path root = Path.of("");
        try {
            KitFingerprint.Value value = KitFingerprint.of(root);
            RecordedFingerprints recorded = RecordedFingerprints.in(root);
            String before = recorded.forVersion(Kit.number()).orElse(null);
            recorded.record(Kit.number(), value.sha256());
            System.out.println(value.sha256().equals(before)
                    ? "fingerprint of dynreg-tck " + Kit.number() + " unchanged: " + value.sha256()
                    : "recorded fingerprint of dynreg-tck " + Kit.number() + ": " + value.sha256() + " (" + value.files()
                    + " files) in " + recorded.file());
        } catch (RuntimeException e) {
            System.err.println("fingerprint not recorded: " + e.getMessage());
            System.exit(1);
        }
    }
}
