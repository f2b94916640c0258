package org.dynreg.tck.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.dynreg.tck.selftest.Bundles.allureResults;
import static org.dynreg.tck.selftest.Bundles.append;
import static org.dynreg.tck.selftest.Bundles.assertNoSecretInClear;
import static org.dynreg.tck.selftest.Bundles.deleteTree;
import static org.dynreg.tck.selftest.Bundles.replace;
import static org.dynreg.tck.selftest.Bundles.tamper;
import static org.dynreg.tck.selftest.Bundles.text;
import static org.dynreg.tck.selftest.Bundles.verdictChanged;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.FixtureLoader;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.platform.Behaviour;
import org.dynreg.tck.platform.ReferencePlatform;
import org.dynreg.tck.report.OverallVerdict;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.selftest.Bundles.Verdict;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.steps.BrokerUnderTest;
import org.dynreg.tck.steps.DeviceDemand;
import org.dynreg.tck.submission.SigningKey;
import org.dynreg.tck.submission.Submission;
import org.dynreg.tck.submission.SubmissionBundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real run of the reference platform writes its submission bundle, unsigned and signed; the
 * verifier accepts both, and rejects each way of tampering with one, each with its one line: a
 * changed, removed or added file, a changed verdict (in summary.json or summary.md), a forged result,
 * a bad signature, a secret in clear, and a bundle from a run of a kit whose feature file was edited
 * (which the run itself flags).
 */
class SubmissionSelfTest {

    private static long scenarioRuns;
    private static final Path OUT = Path.of("target", "self-test", "submission");
    private static final Path FIXTURE = Path.of("fixtures/embedded.yaml");
    private static final Path KIT = Path.of("");

    private static ReferencePlatform platform;
    private static Fixture fixture;
    private static Map<String, byte[]> unsigned;
    private static Map<String, byte[]> signed;
    private static Path vendorPublicKey;
    private static Path strangerPublicKey;
    private static final Bundles BUNDLES = new Bundles(OUT);
    private static long allureFiles;
    private static CertificationRun firstRun;
    private static Submission.Sources firstSources;

    @BeforeAll
    static void aRunWritesItsBundles() throws Exception {
        deleteTree(OUT);
        fixture = FixtureLoader.withSystemEnvironment().load(FIXTURE, Optional.empty());
        platform = ReferencePlatform.start(fixture, Behaviour.exemplary(), OUT.resolve("platform"), 0);
        Instant start = Instant.now();
        CertificationRun run = run(Path.of("features"), "");
        Path conformance = OUT.resolve("conformance");
        RunResults results = SuiteRunner.run(run, List.of(MqttVersion.V3_1_1, MqttVersion.V5), "",
                SuiteRunner.ALLURE + ", " + SuiteRunner.REPORTER);
        results.write(conformance);
        assertThat(results.overall()).isEqualTo(OverallVerdict.CONFORMANT);
        scenarioRuns = results.entries().size();

        Path junit = OUT.resolve("failsafe-reports");
        Files.createDirectories(junit);
        Files.writeString(junit.resolve("TEST-org.example.CertificationIT.xml"), "<testsuite name=\"x\">\n</testsuite>\n");
        Submission.Sources sources = new Submission.Sources(KIT, conformance, allureResults(), junit,
                List.of("org.example.CertificationIT"), start);

        firstRun = run;
        firstSources = sources;
        allureFiles = countFiles(allureResults());
        Path stale = allureResults().resolve("00000000-from-an-earlier-run-result.json");
        Files.writeString(stale, "{\"name\":\"an earlier run's result\",\"status\":\"failed\"}");
        Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.from(start.minusSeconds(3600)));
        unsigned = SubmissionBundle.read(BUNDLES.keep(Submission.afterRun(run, results.overall(), sources, Optional.empty()),
                "unsigned.zip"));

        Bundles.KeyFiles vendor = BUNDLES.keyPair("vendor");
        vendorPublicKey = vendor.publicKey();
        strangerPublicKey = BUNDLES.keyPair("stranger").publicKey();
        signed = SubmissionBundle.read(BUNDLES.keep(Submission.afterRun(run, results.overall(), sources,
                Optional.of(SigningKey.load(vendor.signing(), Map.of()))), "signed.zip"));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void theBundleHoldsTheRunsEvidenceAndNoSecretInClear() throws IOException {
        assertThat(unsigned).containsKeys("MANIFEST.sha256", "summary.md", "summary.json", "summary.schema.json", "badge.json",
                "environment.json", "fixture/fixture.redacted.yaml", "fixture/fixture.sha256",
                "junit/TEST-org.example.CertificationIT.xml", "observer-transcript.txt");
        assertThat(text(unsigned, "observer-transcript.txt")).as("the observer's CONNECT, SUBSCRIBE and what it received")
                .contains("CONNECT").contains("SUBSCRIBE \"#\"").contains("← PUBLISH");
        assertThat(unsigned.keySet().stream().filter(p -> p.startsWith("allure-results/")).count())
                .as("every file of this run's Allure results").isEqualTo(allureFiles);
        assertThat(unsigned).as("an earlier run's result").doesNotContainKey("allure-results/00000000-from-an-earlier-run-result.json");
        assertThat(unsigned.keySet().stream().filter(p -> p.endsWith("-result.json")).count())
                .as("one Allure result per scenario run").isEqualTo(scenarioRuns);
        assertThat(text(unsigned, "fixture/fixture.sha256")).startsWith(fixture.sha256() + "  embedded.yaml");
        JsonNode env = new ObjectMapper().readTree(unsigned.get("environment.json"));
        for (String key : List.of("kitVersion", "kitCommit", "kitFingerprint", "java", "os", "broker", "mqttVersions", "strict",
                "tagFilter")) {
            assertThat(env.has(key)).as("environment.json has %s", key).isTrue();
        }
        assertThat(env.path("modifiedKit").asBoolean()).isFalse();
        List<String> md = text(unsigned, "summary.md").lines().toList();
        assertThat(md.get(md.indexOf("- verdict: **CONFORMANT**") + 1)).as("the kit's line, below the verdict")
                .startsWith("- kit fingerprint " + env.path("kitFingerprint").asText() + " (")
                .contains(": the one recorded for dynreg-tck ");
        assertThat(md.stream().filter(l -> l.contains("kit fingerprint "))).as("once, though two bundles were written").hasSize(1);
        assertThat(text(unsigned, "badge.json")).contains("\"message\":\"conformant\"");
        assertThat(signed).containsKeys("MANIFEST.sha256.sig", "signer.pem");

        assertNoSecretInClear(fixture, platform, 21, List.of(unsigned, signed));
    }

    @Test
    void theVerifierAcceptsTheBundlesAsWritten() throws IOException {
        assertThat(verify(unsigned, "", "")).isEqualTo(new Verdict(0, List.of()));
        assertThat(BUNDLES.lastOutput()).contains("note  signature  not signed", "verdict  CONFORMANT", "ACCEPTED")
                .containsPattern("note  kit        fingerprint [0-9a-f]{12}… is the one recorded for dynreg-tck \\S+-SNAPSHOT: "
                        + "a development version, not a released one");
        assertThat(verify(unsigned, "", FIXTURE.toString())).isEqualTo(new Verdict(0, List.of()));
        assertThat(verify(signed, "", "")).isEqualTo(new Verdict(0, List.of()));
        assertThat(BUNDLES.lastOutput()).contains("ok    signature  the manifest is signed by the bundled Ed25519 key");
        assertThat(verify(signed, vendorPublicKey.toString(), "")).isEqualTo(new Verdict(0, List.of()));
        assertThat(BUNDLES.lastOutput().lines().count()).as("one screen").isLessThan(25);
    }

    @Test
    void aBundleWrittenBeforeBundlesNamedTheirKindIsABrokersAndStillVerifies() throws IOException {
        assertThat(text(unsigned, "environment.json")).startsWith("{\n  \"kind\" : \"broker\",\n");
        assertThat(verify(tamper(unsigned, f -> replace(f, "environment.json", "\"kind\" : \"broker\",\n  ", ""), true), "", ""))
                .isEqualTo(new Verdict(0, List.of()));
        assertThat(BUNDLES.lastOutput()).contains("verdict  CONFORMANT", "ACCEPTED");
    }

    @Test
    void aChangedResultFileIsRejected() throws IOException {
        String transcript = first(unsigned, "-attachment.txt");
        assertThat(verify(tamper(unsigned, f -> append(f, transcript, "\nRECEIVED CONNACK success"), false), "", ""))
                .isEqualTo(new Verdict(1, List.of("files      " + transcript + ": changed since the run (its SHA-256 is not the manifest's)")));
    }

    @Test
    void aForgedResultIsRejectedEvenWithARecomputedManifest() throws IOException {
        String result = first(unsigned, "-result.json");
        Verdict v = verify(tamper(unsigned, f -> replace(f, result, "\"status\":\"passed\"", "\"status\":\"failed\""), true), "", "");
        assertThat(v.exit()).isEqualTo(1);
        assertThat(v.failures()).first().isEqualTo("verdict    summary.json says CONFORMANT, the " + scenarioRuns + " Allure results say NOT CONFORMANT");
        assertThat(v.failures()).allMatch(l -> l.startsWith("verdict "));
    }

    @Test
    void aChangedVerdictInTheSummaryIsRejected() throws IOException {
        Consumer<Map<String, byte[]>> edit = verdictChanged("CONFORMANT", "INCOMPLETE");
        assertThat(verify(tamper(unsigned, edit, true), "", "")).isEqualTo(new Verdict(1,
                List.of("verdict    summary.json says INCOMPLETE, the " + scenarioRuns + " Allure results say CONFORMANT")));
        Verdict notRehashed = verify(tamper(unsigned, edit, false), "", "");
        assertThat(notRehashed.failures()).contains("files      summary.json: changed since the run (its SHA-256 is not the manifest's)",
                "verdict    summary.json says INCOMPLETE, the " + scenarioRuns + " Allure results say CONFORMANT");
    }

    @Test
    void aChangedVerdictInSummaryMdIsRejectedEvenWithARecomputedManifest() throws IOException {
        Consumer<Map<String, byte[]>> edit = f -> {
            replace(f, "summary.md", "# dynreg-tck certification: CONFORMANT\n", "# dynreg-tck certification: NOT CONFORMANT\n");
            replace(f, "summary.md", "- verdict: **CONFORMANT**\n", "- verdict: **NOT CONFORMANT**\n");
        };
        assertThat(verify(tamper(unsigned, edit, true), "", "")).isEqualTo(new Verdict(1, List.of("verdict    summary.md says "
                + "NOT CONFORMANT (its title, verdict line), the " + scenarioRuns + " Allure results say CONFORMANT")));
    }

    @Test
    void anEnvironmentThatDisagreesWithTheSummaryIsRejected() throws IOException {
        assertThat(verify(tamper(unsigned, f -> replace(f, "environment.json", "\"strict\" : false", "\"strict\" : true"), true),
                "", "")).isEqualTo(new Verdict(1, List.of("summary    summary.json and environment.json disagree on strict")));
    }

    @Test
    void aRemovedFileIsRejected() throws IOException {
        String transcript = first(unsigned, "-attachment.txt");
        assertThat(verify(tamper(unsigned, f -> f.remove(transcript), false), "", "")).isEqualTo(new Verdict(1,
                List.of("files      " + transcript + ": listed in the manifest, missing from the bundle (removed)")));
        String result = first(unsigned, "-result.json");
        Verdict v = verify(tamper(unsigned, f -> f.remove(result), true), "", "");
        assertThat(v.failures()).as("a result removed, the manifest recomputed").isNotEmpty()
                .allMatch(l -> l.startsWith("verdict    summary.json shows "));
    }

    @Test
    void anAddedFileIsRejected() throws IOException {
        assertThat(verify(tamper(unsigned, f -> f.put("allure-results/notes.txt", "all fine".getBytes()), false), "", ""))
                .isEqualTo(new Verdict(1, List.of("files      allure-results/notes.txt: not in the manifest (added after the run)")));
    }

    @Test
    void aBadSignatureIsRejected() throws IOException {
        String transcript = first(signed, "-attachment.txt");
        Verdict forged = verify(tamper(signed, f -> append(f, transcript, "\nRECEIVED CONNACK success"), true), "", "");
        assertThat(forged.exit()).isEqualTo(1);
        assertThat(forged.failures()).singleElement().asString()
                .startsWith("signature  the manifest's signature does not verify with the bundled Ed25519 key");

        assertThat(verify(signed, strangerPublicKey.toString(), "").failures()).singleElement().asString()
                .startsWith("signature  the manifest's signature does not verify with your key (Ed25519 key");
        assertThat(verify(unsigned, vendorPublicKey.toString(), "")).isEqualTo(new Verdict(1,
                List.of("signature  the bundle is not signed, but you asked for its signature (-Dpublic.key)")));
    }

    @Test
    void aSecretInClearIsRejected() throws IOException {
        String transcript = first(unsigned, "-attachment.txt");
        String secret = fixture.product().productSecret().reveal();
        assertThat(verify(tamper(unsigned, f -> append(f, transcript, "\nsent " + secret), true), "", FIXTURE.toString()).failures())
                .singleElement().asString().isEqualTo("secrets    " + transcript + ": holds a secret of the fixture ("
                        + fixture.product().productSecret() + ") in clear");
        assertThat(verify(tamper(unsigned, f -> append(f, transcript, "\n{\"RetCode\":\"0\",\"Password\":\"k3y-in-clear\"}"), true),
                "", "").failures()).singleElement().asString().startsWith("secrets    " + transcript + ": a password in clear");
        assertThat(verify(tamper(unsigned, f -> replace(f, "fixture/fixture.redacted.yaml", "password: \"«secret #",
                "password: \"obs3rv3r-pa55w0rd «secret #"), true), "", "").failures()).singleElement().asString()
                .isEqualTo("secrets    fixture/fixture.redacted.yaml: observer.password holds a value that is not masked");
    }

    @Test
    void aSigningKeyThatCannotBeUsedIsOneLineAndNoBundle() throws IOException {
        Path noKey = OUT.resolve("no-such-key.pem");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        System.setProperty("sign.key", noKey.toString());
        Optional<Path> bundle;
        try {
            bundle = Submission.afterRun(firstRun, OverallVerdict.CONFORMANT, firstSources);
        } finally {
            System.clearProperty("sign.key");
            System.setOut(out);
        }
        assertThat(bundle).isEmpty();
        assertThat(console.toString(StandardCharsets.UTF_8).lines().toList()).hasSize(2).last()
                .isEqualTo("submission bundle not written: -Dsign.key=" + noKey + ": file not found");
        try (Stream<Path> files = Files.list(firstSources.conformanceDir())) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no bundle left from before").noneMatch(n -> n.endsWith(".zip"));
        }
    }

    @Test
    void aRunOfAKitWithAnEditedFeatureFileSaysSoAndItsBundleIsRejected() throws Exception {
        Path kit = OUT.resolve("edited-kit");
        copyKit(kit);
        Path feature = kit.resolve("features/2-pre-authentication.feature");
        String text = Files.readString(feature);
        assertThat(text).contains("        | the other product's secret |\n");
        Files.writeString(feature, text.replace("        | the other product's secret |\n", "")); // a relaxed Examples table

        Instant start = Instant.now();
        CertificationRun run = run(kit.resolve("features"), "@PRE-2");
        Path conformance = OUT.resolve("edited-conformance");
        RunResults results = SuiteRunner.run(run, List.of(MqttVersion.V3_1_1, MqttVersion.V5), "@PRE-2",
                SuiteRunner.ALLURE + ", " + SuiteRunner.REPORTER, kit.resolve("features"));
        results.write(conformance);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
        Optional<Path> bundle;
        try {
            bundle = Submission.afterRun(run, results.overall(), new Submission.Sources(kit, conformance, allureResults(),
                    OUT.resolve("none"), List.of(), start), Optional.empty());
        } finally {
            System.setOut(out);
        }
        assertThat(console.toString(StandardCharsets.UTF_8)).startsWith("MODIFIED KIT: kit fingerprint ")
                .contains("modified kit: this run cannot be submitted");
        List<String> md = Files.readAllLines(conformance.resolve("summary.md"));
        assertThat(md.get(md.indexOf(md.stream().filter(l -> l.startsWith("- verdict: ")).findFirst().orElseThrow()) + 1))
                .as("the line below the verdict").startsWith("- **MODIFIED KIT**: kit fingerprint ")
                .endsWith("modified kit: this run cannot be submitted");
        assertThat(new ObjectMapper().readTree(conformance.resolve("summary.json").toFile()).path("modifiedKit").asBoolean()).isTrue();
        assertThat(Files.readString(conformance.resolve("badge.json"))).contains("(modified kit)", "lightgrey");

        Map<String, byte[]> files = SubmissionBundle.read(bundle.orElseThrow());
        Verdict v = verify(files, "", "");
        assertThat(v.exit()).isEqualTo(1);
        assertThat(v.failures()).hasSize(2);
        assertThat(v.failures().get(0)).startsWith("kit        fingerprint ").endsWith(": a modified kit ran")
                .contains("is not the one recorded for dynreg-tck ");
        assertThat(v.failures().get(1)).isEqualTo("kit        the run itself reported a modified kit: this run cannot be submitted");
    }

    // --- helpers

    private static Verdict verify(Map<String, byte[]> files, String publicKey, String fixtureFile) throws IOException {
        return BUNDLES.verify(files, publicKey, fixtureFile);
    }

    /** The first file with that suffix; a result: one that passed, of a MUST rule (CRED-1). */
    private static String first(Map<String, byte[]> files, String suffix) {
        return files.keySet().stream().filter(p -> p.startsWith("allure-results/") && p.endsWith(suffix)).sorted()
                .filter(p -> !suffix.equals("-result.json")
                        || text(files, p).contains("\"status\":\"passed\"") && text(files, p).contains("\"value\":\"CRED-1\""))
                .findFirst().orElseThrow();
    }

    private static CertificationRun run(Path features, String tags) {
        return CertificationRun.start(new CertificationRun.Settings(FIXTURE, Optional.empty(), false, features, tags, OUT),
                BrokerUnderTest.withPlatform(fixture, platform, "tcp"), DeviceDemand.perVersion(features, tags));
    }

    private static long countFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).count();
        }
    }

    /** The kit's files and its recorded fingerprints, copied the way a vendor would have them. */
    private static void copyKit(Path target) throws IOException {
        for (String top : List.of("pom.xml", "fingerprints.properties", "features", "src/main", "src/test/java/org/dynreg/tck/steps",
                "src/test/java/org/dynreg/tck/suite", "src/test/java/org/dynreg/tck/bench", "src/test/resources")) {
            Path from = KIT.resolve(top);
            try (Stream<Path> walk = Files.walk(from)) {
                for (Path f : walk.filter(Files::isRegularFile).toList()) {
                    Path to = target.resolve(f.toString());
                    Files.createDirectories(to.getParent());
                    Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
