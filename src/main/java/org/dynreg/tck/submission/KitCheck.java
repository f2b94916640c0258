package org.dynreg.tck.submission;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.dynreg.tck.report.Kit;

/**
 * Whether the kit that ran is the one recorded for its version: computed by every run, printed
 * on the console, added to the summary and put into the bundle. The kit is modified if the
 * sources' fingerprint is not the recorded one, or if what the run loads from its classpath is not
 * what those sources say ({@link KitFingerprint#notAsInSources}).
 */
public record KitCheck(String version, String commit, KitFingerprint.Value fingerprint, Optional<String> recorded,
                       List<String> notAsInSources) {

    public static final String MODIFIED = "modified kit: this run cannot be submitted";

    public KitCheck {
        notAsInSources = List.copyOf(notAsInSources);
    }

    /** The kit in {@code root} (the run's working directory), as built ({@link Kit#number()}), as this JVM loads it. */
    public static KitCheck of(Path root) {
        return of(root, KitCheck.class.getClassLoader());
    }

    /** As {@link #of(Path)}, with {@code loader} as the run's classpath. */
    static KitCheck of(Path root, ClassLoader loader) {
        return new KitCheck(Kit.number(), Kit.commit(), KitFingerprint.of(root),
                RecordedFingerprints.in(root).forVersion(Kit.number()), KitFingerprint.notAsInSources(root, loader));
    }

    public boolean modified() {
        return !notAsInSources.isEmpty() || recorded.map(r -> !r.equals(fingerprint.sha256())).orElse(true);
    }

    /** One line for the console and the summary. */
    public String describe() {
        String fp = "kit fingerprint " + fingerprint.sha256() + " (" + fingerprint.files() + " files)";
        if (!modified()) {
            return fp + ": the one recorded for dynreg-tck " + version;
        }
        if (!notAsInSources.isEmpty()) {
            return fp + ": the run's classpath is not the kit's sources (" + notAsInSources.get(0)
                    + (notAsInSources.size() > 1 ? "; and " + (notAsInSources.size() - 1) + " more" : "") + ") -- " + MODIFIED;
        }
        return fp + ": " + recorded.map(r -> "not the one recorded for dynreg-tck " + version + " (" + Hashes.shortened(r) + ")")
                .orElse("no fingerprint is recorded for dynreg-tck " + version) + " in " + RecordedFingerprints.FILE
                + " -- " + MODIFIED;
    }
}
