package org.dynreg.tck.submission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.dynreg.tck.device.DeviceResults;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.kit.Waits;
import org.dynreg.tck.report.OverallVerdict;

/**
 * What a complete run does at its end, after the summary is written: checks the kit's fingerprint
 * (console, summary, badge and bundle say "modified kit" if it is not the recorded one), writes
 * {@code badge.json} and the submission bundle, signed if {@code -Dsign.key} is given. The same for a
 * broker certification and a device certification (the bench's); what differs is the {@link Subject}.
 * Nothing here fails the run: a problem is one line on the console and no bundle.
 */
public final class Submission {

    /** How long the bundle waits for failsafe to write the JUnit XML of a suite that has finished. */
    static final Duration JUNIT_XML_WAIT = Duration.ofSeconds(10);

    private Submission() {
    }

    /**
     * What a run certified, as its bundle names it: its kind, the ProductSN, the fixture it ran with, and its
     * environment.json (made once the kit is checked).
     */
    public record Subject(BundleKind kind, String product, Path fixture, BiFunction<KitCheck, Instant, Map<String, Object>> environment) {

        /** A broker certification. */
        public static Subject of(CertificationRun run) {
            return new Subject(BundleKind.BROKER, run.fixture().product().productSN(), run.settings().fixture(),
                    (kit, created) -> RunEnvironment.of(run, kit, created));
        }

        /** A device certification: the bench's results, its platform configured from {@code fixtureFile}. */
        public static Subject ofDevice(DeviceResults results, Path fixtureFile, Fixture fixture) {
            return new Subject(BundleKind.DEVICE, fixture.product().productSN(), fixtureFile,
                    (kit, created) -> RunEnvironment.ofDevice(results, fixtureFile, fixture, kit, created));
        }
    }

    /** The paths a run's bundle is made from. */
    public record Sources(Path kitRoot, Path conformanceDir, Path allureResults, Path junitReports, List<String> suites,
                          Instant runStart) {

        /**
         * A certification run by failsafe, in the kit's root directory: this JVM's suites that have finished, since it
         * started (a device bench's run ends before its suite does: its bundle holds no JUnit XML).
         */
        public static Sources ofCertification(Path conformanceDir) {
            return new Sources(Path.of(""), conformanceDir,
                    Path.of(System.getProperty("allure.results.directory", "allure-results")),
                    Path.of("target", "failsafe-reports"), RunSuites.finished(),
                    Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime()));
        }
    }

    /**
     * Called by the run's lifecycle after {@code RunResults.write}; prints its lines on the console.
     * The bundle is signed with {@code -Dsign.key}, if given.
     */
    public static Optional<Path> afterRun(CertificationRun run, OverallVerdict verdict, Sources sources) {
        return afterRun(Subject.of(run), verdict, sources);
    }

    /** As {@link #afterRun(CertificationRun, OverallVerdict, Sources)}, signed with {@code key} if present. */
    public static Optional<Path> afterRun(CertificationRun run, OverallVerdict verdict, Sources sources, Optional<SigningKey> key) {
        return afterRun(Subject.of(run), verdict, sources, key);
    }

    /** As {@link #afterRun(CertificationRun, OverallVerdict, Sources)}, for any {@link Subject}: a device's too. */
    public static Optional<Path> afterRun(Subject subject, OverallVerdict verdict, Sources sources) {
        return afterRun(subject, verdict, sources, Submission::signingKey);
    }

    /** As {@link #afterRun(Subject, OverallVerdict, Sources)}, signed with {@code key} if present. */
    public static Optional<Path> afterRun(Subject subject, OverallVerdict verdict, Sources sources, Optional<SigningKey> key) {
        return afterRun(subject, verdict, sources, () -> key);
    }

    private static Optional<Path> afterRun(Subject subject, OverallVerdict verdict, Sources sources,
                                           Supplier<Optional<SigningKey>> signing) {
        Instant now = Instant.now();
        try {
            // an earlier bundle of the same name must not be taken for this run's if this one cannot be written
            Files.deleteIfExists(sources.conformanceDir().resolve(SubmissionBundle.fileName(subject.kind(), subject.product(), now)));
            KitCheck kit = KitCheck.of(sources.kitRoot());
            System.out.println(kit.modified() ? "MODIFIED KIT: " + kit.describe() : kit.describe());
            annotateSummary(sources.conformanceDir(), kit);
            byte[] badge = Badge.json(subject.kind(), verdict, kit.modified());
            Files.write(sources.conformanceDir().resolve(Badge.NAME), badge);
            Optional<SigningKey> key = signing.get();
            SubmissionBundle.Contents contents = new SubmissionBundle.Contents(subject.kind(), subject.product(),
                    sources.conformanceDir(), sources.allureResults(), sources.runStart(), junitXml(sources), subject.fixture(),
                    System.getenv(), subject.environment().apply(kit, now), badge);
            Path bundle = SubmissionBundle.write(contents, key, sources.conformanceDir(), now);
            System.out.println("submission bundle: " + bundle
                    + key.map(k -> " (signed, " + ManifestSignature.describe(k.publicKey()) + ")").orElse(" (unsigned)")
                    + (kit.modified() ? " -- " + KitCheck.MODIFIED : "")
                    + "; a reviewer checks it with: " + VerifyBundle.COMMAND.replace("PATH", bundle.toString()));
            return Optional.of(bundle);
        } catch (RuntimeException | IOException e) {
            System.out.println("submission bundle not written: " + e.getMessage());
        }
        return Optional.empty();
    }

    private static Optional<SigningKey> signingKey() {
        String path = System.getProperty("sign.key", "");
        return path.isBlank() ? Optional.empty() : Optional.of(SigningKey.load(Path.of(path), System.getenv()));
    }

    /** How summary.md's line on the kit begins: a modified kit's, and any other's. */
    static final String MODIFIED_LINE = "- **MODIFIED KIT**: ";
    static final String KIT_LINE = "- kit fingerprint ";

    /**
     * The kit's fingerprint in summary.json ({@code kitFingerprint}, {@code modifiedKit}) and as a line
     * of summary.md's header, right below its verdict line, where whoever reads the verdict reads it too.
     * Written again (a second bundle of the same run), it replaces the line.
     */
    static void annotateSummary(Path dir, KitCheck kit) {
        try {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Path json = dir.resolve("summary.json");
            ObjectNode summary = (ObjectNode) mapper.readTree(json.toFile());
            summary.put("kitFingerprint", kit.fingerprint().sha256());
            summary.put("modifiedKit", kit.modified());
            mapper.writeValue(json.toFile(), summary);
            Path md = dir.resolve("summary.md");
            String kitLine = kit.modified() ? MODIFIED_LINE + kit.describe() : "- " + kit.describe();
            List<String> lines = new ArrayList<>(Files.readAllLines(md, StandardCharsets.UTF_8));
            lines.removeIf(l -> l.startsWith(MODIFIED_LINE) || l.startsWith(KIT_LINE));
            int verdict = lines.indexOf(lines.stream().filter(l -> l.startsWith("- verdict:")).findFirst().orElse(null));
            lines.add(verdict < 0 ? Math.min(1, lines.size()) : verdict + 1, kitLine);
            Files.writeString(md, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot add the kit's fingerprint to the summary in " + dir, e);
        }
    }

    /**
     * Failsafe's JUnit XML of the suites that ran in this JVM. Failsafe writes them in the Maven
     * process, as the suites' results arrive, so each is waited for (bounded): it must be newer than
     * the run's start and complete. One that does not come is left out, with a line saying so.
     */
    static List<Path> junitXml(Sources sources) {
        List<Path> out = new ArrayList<>();
        for (String suite : sources.suites()) {
            Path xml = sources.junitReports().resolve("TEST-" + suite + ".xml");
            if (Waits.within("failsafe's JUnit XML of " + suite, JUNIT_XML_WAIT, () -> complete(xml, sources.runStart()))) {
                out.add(xml);
            } else {
                System.out.println("submission bundle: no complete " + xml + " of this run within "
                        + JUNIT_XML_WAIT.toSeconds() + " s; the bundle holds no JUnit XML of " + suite);
            }
        }
        return out;
    }

    private static boolean complete(Path xml, Instant since) {
        try {
            return Files.isRegularFile(xml) && !Files.getLastModifiedTime(xml).toInstant().isBefore(since.minusSeconds(1))
                    && Files.readString(xml, StandardCharsets.UTF_8).stripTrailing().endsWith("</testsuite>");
        } catch (IOException e) {
            return false;
        }
    }
}
