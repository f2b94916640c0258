package org.dynreg.tck.submission;

import java.nio.file.Path;
import java.util.Optional;
import org.dynreg.tck.report.Kit;

/**
 * Whether the kit that ran is the one recorded for its version: computed by every run, printed
 * on the console, added to the summary and put into the bundle.
 */
public record KitCheck(String version, String commit, KitFingerprint.Value fingerprint, Optional<String> recorded) {

    public static final String MODIFIED = "modified kit: this run cannot be submitted";

    /** The kit in {@code root} (the run's working directory), as built ({@link Kit#number()}). */
    public static KitCheck of(Path root) {
        return new KitCheck(Kit.number(), Kit.commit(), KitFingerprint.of(root),
                RecordedFingerprints.in(root).forVersion(Kit.number()));
    }

    public boolean modified() {
        return recorded.map(r -> !r.equals(fingerprint.sha256())).orElse(true);
    }

    /** One line for the console and the summary. */
    public String describe() {
        String fp = "kit fingerprint " + fingerprint.sha256() + " (" + fingerprint.files() + " files)";
        if (!modified()) {
            return fp + ": the one recorded for dynreg-tck " + version;
        }
        return fp + ": " + recorded.map(r -> "not the one recorded for dynreg-tck " + version + " (" + Hashes.shortened(r) + ")")
                .orElse("no fingerprint is recorded for dynreg-tck " + version) + " in " + RecordedFingerprints.FILE
                + " -- " + MODIFIED;
    }
}
