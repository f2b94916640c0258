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
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.dynreg.tck.bench.BenchReporter;
import org.dynreg.tck.bench.DeviceBench;
import org.dynreg.tck.bench.InProcessLauncher;
import org.dynreg.tck.device.Conduct;
import org.dynreg.tck.device.DeviceResults;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.FixtureLoader;
import org.dynreg.tck.platform.Behaviour;
import org.dynreg.tck.platform.ReferencePlatform;
import org.dynreg.tck.report.AllureEnvironment;
import org.dynreg.tck.report.OverallVerdict;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.selftest.Bundles.Verdict;
import org.dynreg.tck.submission.SigningKey;
import org.dynreg.tck.submission.Submission;
import org.dynreg.tck.submission.SubmissionBundle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A real device bench run in this JVM (the kit's reference device, every scenario of features/device/) ends with its
 * submission bundle, unsigned and signed, as {@code mvn verify -Pdevice} does; the verifier accepts both, and rejects a
 * changed verdict, a changed rule result, a forged result, a changed, added or removed file, a secret in clear, and a
 * bundle passed off as another kind. A flawed device's run (DEV-4 only) writes a bundle the verifier accepts as NOT
 * CONFORMANT: a failing device is a valid submission.
 */
class DeviceSubmissionSelfTest {

    private static final Path OUT = Path.of("target", "self-test", "device-submission");
    private static final Bundles BUNDLES = new Bundles(OUT);

    private static ReferencePlatform platform;
    private static Fixture fixture;
    private static DeviceResults results;
    private static Instant start;
    private static Instant end;
    private static Map<String, byte[]> unsigned;
    private static Map<String, byte[]> signed;
    private static Path vendorPublicKey;

    @BeforeAll
    static void aDeviceBenchRunWritesItsBundles() throws Exception {
        deleteTree(OUT);
        fixture = FixtureLoader.withSystemEnvironment().load(DeviceBench.FIXTURE, Optional.empty());
        platform = ReferencePlatform.start(fixture, Behaviour.exemplary(), OUT.resolve("platform"), 0);
        start = Instant.now();
        results = benchRun(Conduct.reference(), 0, "");
        end = Instant.now();
        assertThat(results.overall()).isEqualTo(OverallVerdict.CONFORMANT);
        unsigned = SubmissionBundle.read(BUNDLES.keep(submit(results, "conformance", start, Optional.empty()), "unsigned.zip"));

        Bundles.KeyFiles vendor = BUNDLES.keyPair("vendor");
        vendorPublicKey = vendor.publicKey();
        signed = SubmissionBundle.read(BUNDLES.keep(submit(results, "conformance", start,
                Optional.of(SigningKey.load(vendor.signing(), Map.of()))), "signed.zip"));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void theBundleHoldsTheDeviceRunsEvidenceAndNoSecretInClear() throws IOException {
        assertThat(unsigned).containsKeys("MANIFEST.sha256", "summary.md", "summary.json", "device-summary.schema.json",
                "badge.json", "environment.json", "fixture/fixture.redacted.yaml", "fixture/fixture.sha256");
        assertThat(results.entries()).hasSize(13);
        List<String> scenarios = unsigned.keySet().stream().filter(p -> p.endsWith("-result.json")).toList();
        assertThat(scenarios).as("one Allure result per scenario run").hasSize(results.entries().size());
        assertThat(scenarios).as("each names its rule for the verifier")
                .allMatch(p -> text(unsigned, p).matches("(?s).*\"name\":\"" + RunResults.RULE_LABEL + "\",\"value\":\"DEV-\\d+\".*"));
        JsonNode env = new ObjectMapper().readTree(unsigned.get("environment.json"));
        assertThat(env.path("kind").asText()).isEqualTo("device");
        assertThat(env.path("product").asText()).isEqualTo(fixture.product().productSN());
        assertThat(env.path("device").asText()).isEqualTo(results.device());
        assertThat(env.path("modifiedKit").asBoolean(true)).isFalse();
        assertThat(text(unsigned, "badge.json")).contains("\"label\":\"dynreg device\"", "\"message\":\"conformant\"");
        List<String> md = text(unsigned, "summary.md").lines().toList();
        assertThat(md.get(md.indexOf("- verdict: **CONFORMANT**") + 1)).as("the kit's line, below the verdict")
                .startsWith("- kit fingerprint " + env.path("kitFingerprint").asText());
        assertThat(signed).containsKeys("MANIFEST.sha256.sig", "signer.pem");

        assertNoSecretInClear(fixture, platform, 11, List.of(unsigned, signed));
    }

    @Test
    void theBenchOfASelfTestWritesNoBundleOnlyTheRunsOwnBenchDoes() throws IOException {
        if (Files.isDirectory(BenchReporter.SUMMARY_DIR)) {
            try (Stream<Path> files = Files.list(BenchReporter.SUMMARY_DIR)) {
                assertThat(files.filter(f -> f.getFileName().toString().endsWith(".zip")).filter(f -> modifiedBetween(f, start, end)))
                        .as("a bundle written during this self-test's bench run").isEmpty();
            }
        }
    }

    @Test
    void theVerifierAcceptsTheBundlesAsWritten() throws IOException {
        assertThat(verify(unsigned, "", "")).isEqualTo(new Verdict(0, List.of()));
        assertThat(BUNDLES.lastOutput()).contains("run      a device: the kit's reference device; product " + fixture.product().productSN(),
                "verdict  CONFORMANT", "ok    verdict    CONFORMANT, recomputed from 13 Allure results",
                "ok    summary    summary.json conforms to the kit's JSON Schema (device-summary.schema.json)", "ACCEPTED");
        assertThat(verify(unsigned, "", DeviceBench.FIXTURE.toString())).isEqualTo(new Verdict(0, List.of()));
        assertThat(verify(signed, vendorPublicKey.toString(), "")).isEqualTo(new Verdict(0, List.of()));
        assertThat(BUNDLES.lastOutput()).contains("ok    signature  the manifest is signed with your key");
    }

    @Test
    void aChangedVerdictInTheSummaryIsRejected() throws IOException {
        assertThat(verify(tamper(unsigned, verdictChanged("CONFORMANT", "NOT CONFORMANT"), true), "", "")).isEqualTo(new Verdict(1,
                List.of("verdict    summary.json says NOT CONFORMANT, the 13 Allure results say CONFORMANT")));
        Verdict notRehashed = verify(tamper(unsigned, verdictChanged("CONFORMANT", "INCOMPLETE"), false), "", "");
        assertThat(notRehashed.failures()).containsExactlyInAnyOrder(
                "files      summary.json: changed since the run (its SHA-256 is not the manifest's)",
                "files      badge.json: changed since the run (its SHA-256 is not the manifest's)",
                "verdict    summary.json says INCOMPLETE, the 13 Allure results say CONFORMANT");
        assertThat(verify(tamper(unsigned, f -> replace(f, "summary.md", "- verdict: **CONFORMANT**", "- verdict: **PARTIAL**"), true),
                "", "")).isEqualTo(new Verdict(1,
                List.of("verdict    summary.md says PARTIAL (its verdict line), the 13 Allure results say CONFORMANT")));
    }

    @Test
    void aChangedRuleResultInTheSummaryIsRejected() throws IOException {
        Consumer<Map<String, byte[]>> edit = f -> replace(f, "summary.json", "\"result\" : \"PASS 4/4\"", "\"result\" : \"PASS 3/3\"");
        assertThat(verify(tamper(unsigned, edit, true), "", "")).isEqualTo(new Verdict(1,
                List.of("verdict    summary.json shows DEV-4 as 'PASS 3/3', the Allure results as 'PASS 4/4'")));
    }

    @Test
    void aForgedResultIsRejectedEvenWithARecomputedManifest() throws IOException {
        String result = result("DEV-4");
        Verdict v = verify(tamper(unsigned, f -> replace(f, result, "\"status\":\"passed\"", "\"status\":\"failed\""), true), "", "");
        assertThat(v.failures()).containsExactly("verdict    summary.json says CONFORMANT, the 13 Allure results say NOT CONFORMANT",
                "verdict    summary.json shows DEV-4 as 'PASS 4/4', the Allure results as 'FAIL 1/4'",
                "verdict    summary.md says CONFORMANT (its title, verdict line, table), the 13 Allure results say NOT CONFORMANT");
    }

    @Test
    void aChangedAddedOrRemovedFileIsRejected() throws IOException {
        String transcript = first("-attachment.txt");
        assertThat(verify(tamper(unsigned, f -> append(f, transcript, "\n+9999 ms  platform CONNACK accepted"), false), "", ""))
                .isEqualTo(new Verdict(1,
                        List.of("files      " + transcript + ": changed since the run (its SHA-256 is not the manifest's)")));
        assertThat(verify(tamper(unsigned, f -> f.put("allure-results/notes.txt", "all fine".getBytes()), false), "", ""))
                .isEqualTo(new Verdict(1, List.of("files      allure-results/notes.txt: not in the manifest (added after the run)")));
        assertThat(verify(tamper(unsigned, f -> f.remove(transcript), false), "", "")).isEqualTo(new Verdict(1,
                List.of("files      " + transcript + ": listed in the manifest, missing from the bundle (removed)")));
        String result = result("DEV-7");
        assertThat(verify(tamper(unsigned, f -> f.remove(result), true), "", "").failures()).as("a result removed, the manifest recomputed")
                .contains("verdict    summary.json shows DEV-7 as 'PASS 1/1', the Allure results as '-'");
    }

    @Test
    void aSecretInClearIsRejected() throws IOException {
        // a device command that prints its environment, and a form-encoded password in what the device wrote
        String output = "DYNREG_PRODUCT_SECRET=" + fixture.product().productSecret().reveal();
        assertThat(verify(tamper(unsigned, f -> append(f, "summary.md", output), true), "", DeviceBench.FIXTURE.toString()))
                .isEqualTo(new Verdict(1, List.of("secrets    summary.md: holds a secret of the fixture ("
                        + fixture.product().productSecret() + ") in clear")));
        String transcript = first("-attachment.txt");
        Verdict formEncoded = verify(tamper(unsigned, f -> append(f, transcript, "\nlogin: user=dev&password=k3y-in-clear"), true),
                "", "");
        assertThat(formEncoded.failures()).singleElement().asString().startsWith("secrets    " + transcript + ": a password in clear");
    }

    @Test
    void aDeviceBundlePassedOffAsAnotherKindIsRejected() throws IOException {
        Verdict asBroker = verify(tamper(unsigned, f -> replace(f, "environment.json", "\"kind\" : \"device\"", "\"kind\" : \"broker\""),
                true), "", "");
        assertThat(asBroker.exit()).isEqualTo(1);
        assertThat(asBroker.failures()).anyMatch(l -> l.startsWith("summary    summary.json does not conform to the schema: "))
                .anyMatch(l -> l.startsWith("verdict    "));
        assertThat(verify(tamper(unsigned, f -> replace(f, "environment.json", "\"kind\" : \"device\"", "\"kind\" : \"toaster\""),
                true), "", "")).isEqualTo(new Verdict(1, List.of("kind       environment.json says the bundle is of a kind 'toaster' "
                + "this kit does not know (broker, device)")));
    }

    @Test
    void aFlawedDevicesBundleIsAValidSubmissionOfItsVerdict() throws IOException {
        Instant flawedStart = Instant.now();
        DeviceResults flawed = benchRun(Conduct.reference().with(Conduct.Flaw.ANY_REQUEST_ID), 40, "@DEV-4");
        assertThat(flawed.overall()).isEqualTo(OverallVerdict.NOT_CONFORMANT);
        Map<String, byte[]> bundle = SubmissionBundle.read(BUNDLES.keep(submit(flawed, "flawed-conformance", flawedStart,
                Optional.empty()), "flawed.zip"));
        assertThat(verify(bundle, "", DeviceBench.FIXTURE.toString())).isEqualTo(new Verdict(0, List.of()));
        assertThat(BUNDLES.lastOutput()).contains("verdict  NOT CONFORMANT",
                "ok    verdict    NOT CONFORMANT, recomputed from 4 Allure results");
        assertThat(text(bundle, "badge.json")).contains("\"message\":\"not conformant\"", "\"color\":\"red\"");

        assertThat(verify(tamper(bundle, verdictChanged("NOT CONFORMANT", "PARTIAL"), true), "", "").failures())
                .contains("verdict    summary.json says PARTIAL, the 4 Allure results say NOT CONFORMANT");
    }

    // --- helpers

    /** Runs the scenarios of features/device/ selected by {@code tags} in a bench of its own, as mvn verify -Pdevice does. */
    private static DeviceResults benchRun(Conduct conduct, int firstDevice, String tags) {
        DeviceBench bench = DeviceBench.open(platform, fixture, new InProcessLauncher(conduct, "the kit's reference device"),
                OUT.resolve("bench-" + firstDevice), firstDevice);
        DeviceResults r = bench.results();
        AllureEnvironment.startDeviceRun(r.device(), r.platform(), r.start()); // as the run's bench does: earlier results cleared
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .filters(EngineFilter.includeEngines("cucumber"))
                .selectors(selectDirectory(Path.of("features", "device").toFile()))
                .configurationParameter("cucumber.glue", "org.dynreg.tck.bench.steps")
                .configurationParameter("cucumber.filter.tags", tags)
                .configurationParameter("cucumber.plugin", SuiteRunner.ALLURE + ", " + BenchReporter.NAME)
                .build());
        return r;
    }

    /** The run's summary into OUT/{@code dir}, then what a certification's bench does at its end. */
    private static Optional<Path> submit(DeviceResults r, String dir, Instant since, Optional<SigningKey> key) {
        Path conformance = OUT.resolve(dir);
        r.write(conformance);
        return Submission.afterRun(Submission.Subject.ofDevice(r, DeviceBench.FIXTURE, fixture), r.overall(),
                new Submission.Sources(Path.of(""), conformance, allureResults(), OUT.resolve("no-junit"), List.of(), since), key);
    }

    private static Verdict verify(Map<String, byte[]> files, String publicKey, String fixtureFile) throws IOException {
        return BUNDLES.verify(files, publicKey, fixtureFile);
    }

    private static String first(String suffix) {
        return unsigned.keySet().stream().filter(p -> p.startsWith("allure-results/") && p.endsWith(suffix)).sorted().findFirst()
                .orElseThrow();
    }

    /** A passed Allure result of {@code rule}. */
    private static String result(String rule) {
        return unsigned.keySet().stream().filter(p -> p.endsWith("-result.json")).sorted()
                .filter(p -> text(unsigned, p).contains("\"status\":\"passed\"")
                        && text(unsigned, p).contains("\"name\":\"" + RunResults.RULE_LABEL + "\",\"value\":\"" + rule + "\""))
                .findFirst().orElseThrow();
    }

    private static boolean modifiedBetween(Path f, Instant from, Instant to) {
        try {
            Instant modified = Files.getLastModifiedTime(f).toInstant();
            return !modified.isBefore(from) && !modified.isAfter(to);
        } catch (IOException e) {
            return false;
        }
    }
}
