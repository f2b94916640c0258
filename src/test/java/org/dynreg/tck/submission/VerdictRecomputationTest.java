package org.dynreg.tck.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dynreg.tck.device.DeviceRule;
import org.dynreg.tck.report.OverallVerdict;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.spec.Rule;
import org.junit.jupiter.api.Test;

/** The verdict recomputed from Allure results, for each verdict the kit can reach. */
class VerdictRecomputationTest {

    private static final List<String> BOTH = List.of("3.1.1", "5");

    @Test
    void everyRulePassedIsConformant() throws IOException {
        VerdictRecomputation.Result r = VerdictRecomputation.recompute(allPassed(), BOTH, false);
        assertThat(r.verdict()).isEqualTo("CONFORMANT");
        assertThat(r.scenarios()).isEqualTo(Rule.values().length * 2);
        assertThat(r.cells()).containsEntry("PRE-1 mqtt5", "PASS 1/1");
    }

    @Test
    void aFailedMustRuleIsNotConformantAMustRuleNotRunIncomplete() throws IOException {
        Map<String, byte[]> failed = allPassed();
        failed.put(name("PRE-2", "5"), result("PRE-2", "5", "failed", "PRE-2 violated: accepted"));
        assertThat(VerdictRecomputation.recompute(failed, BOTH, false).verdict()).isEqualTo("NOT CONFORMANT");

        Map<String, byte[]> broken = allPassed();
        broken.put(name("PRE-2", "5"), result("PRE-2", "5", "broken", "timed out"));
        assertThat(VerdictRecomputation.recompute(broken, BOTH, false).verdict()).isEqualTo("NOT CONFORMANT");

        Map<String, byte[]> notRun = allPassed();
        notRun.put(name("RESTRICT-2", "3.1.1"), result("RESTRICT-2", "3.1.1", "skipped", "not-run", "NOT RUN: no observer"));
        VerdictRecomputation.Result r = VerdictRecomputation.recompute(notRun, BOTH, false);
        assertThat(r.verdict()).isEqualTo("INCOMPLETE");
        assertThat(r.cells()).containsEntry("RESTRICT-2 mqtt3.1.1", "not run 1/1");
    }

    @Test
    void aShouldRuleIsAWarningUnlessStrict() throws IOException {
        Map<String, byte[]> warned = allPassed();
        warned.put(name("ADV-3", "5"), result("ADV-3", "5", "skipped", "warning", "ADV-3 not followed: registered again"));
        assertThat(VerdictRecomputation.recompute(warned, BOTH, false).overall()).isEqualTo(OverallVerdict.CONFORMANT);
        assertThat(VerdictRecomputation.recompute(warned, BOTH, false).cells()).containsEntry("ADV-3 mqtt5", "WARN");

        Map<String, byte[]> strict = allPassed();
        strict.put(name("ADV-3", "5"), result("ADV-3", "5", "failed", "violation", "ADV-3 not followed: registered again"));
        assertThat(VerdictRecomputation.recompute(strict, BOTH, true).verdict()).isEqualTo("NOT CONFORMANT");
    }

    @Test
    void theOutcomeIsTheResultsLabelNeverItsMessage() throws IOException {
        Map<String, byte[]> notRun = allPassed();
        notRun.put(name("PRE-3", "5"), result("PRE-3", "5", "skipped", "not-run", "WARNING looks like a warning"));
        assertThat(VerdictRecomputation.recompute(notRun, BOTH, false).overall()).isEqualTo(OverallVerdict.INCOMPLETE);

        Map<String, byte[]> unlabelled = allPassed();
        unlabelled.put(name("PRE-3", "5"), result("PRE-3", "5", "skipped", "WARNING PRE-3: no label"));
        assertThat(VerdictRecomputation.recompute(unlabelled, BOTH, false).overall()).as("a skip without a finding did not run")
                .isEqualTo(OverallVerdict.INCOMPLETE);
    }

    @Test
    void onlySomeRulesIsPartialAVersionNotCertifiedIsLeftOut() throws IOException {
        Map<String, byte[]> some = new LinkedHashMap<>();
        some.put(name("PRE-3", "3.1.1"), result("PRE-3", "3.1.1", "passed", ""));
        assertThat(VerdictRecomputation.recompute(some, BOTH, false).verdict()).isEqualTo("PARTIAL");

        Map<String, byte[]> only311 = allPassed();
        for (Rule rule : Rule.values()) {
            only311.put(name(rule.id(), "5"), result(rule.id(), "5", "skipped", "NOT RUN: the fixture's mqttVersions do not list \"5\""));
        }
        VerdictRecomputation.Result r = VerdictRecomputation.recompute(only311, List.of("3.1.1"), false);
        assertThat(r.verdict()).isEqualTo("CONFORMANT");
        assertThat(r.scenarios()).isEqualTo(Rule.values().length);
        assertThat(VerdictRecomputation.recompute(only311, BOTH, false).verdict()).as("had 5 been certified").isEqualTo("INCOMPLETE");
    }

    @Test
    void aLateDeliveryFailsTheScenarioItBelongsTo() throws IOException {
        Map<String, byte[]> late = allPassed();
        late.put("allure-results/late-result.json", ("{\"name\":\"a scenario [MQTT 5] — delivered after the scenario ended\","
                + "\"status\":\"failed\",\"statusDetails\":{\"message\":\"RESTRICT-2 violated: delivered 400 ms late\"},"
                + "\"labels\":[{\"name\":\"tag\",\"value\":\"RESTRICT-2\"},{\"name\":\"parentSuite\",\"value\":\"MQTT 5\"},"
                + "{\"name\":\"" + org.dynreg.tck.report.RunResults.LATE_LABEL + "\",\"value\":\"a scenario\"}]}")
                .getBytes(StandardCharsets.UTF_8));
        VerdictRecomputation.Result r = VerdictRecomputation.recompute(late, BOTH, false);
        assertThat(r.verdict()).isEqualTo("NOT CONFORMANT");
        assertThat(r.cells()).as("the late delivery fails its scenario, as in the run's summary")
                .containsEntry("RESTRICT-2 mqtt5", "FAIL 1/1").containsEntry("RESTRICT-2 mqtt3.1.1", "PASS 1/1");
    }

    @Test
    void aFacetThatDoesNotApplyKeepsTheVerdictAsTheRunGaveIt() throws IOException {
        Map<String, byte[]> files = allPassed();
        files.put("allure-results/STATIC-1-case-result.json", result("STATIC-1", "5", "skipped", "not-run",
                "NOT RUN STATIC-1: does not apply: the secret has no letters", RunResults.WHY_LABEL, "NOT_APPLICABLE"));
        VerdictRecomputation.Result r = VerdictRecomputation.recompute(files, BOTH, false);
        assertThat(r.verdict()).as("a digits-only secret has no case: nothing is missing").isEqualTo("CONFORMANT");
        assertThat(r.cells()).containsEntry("STATIC-1 mqtt5", "PASS 1/1 +1 n/a");

        files.put("allure-results/STATIC-1-case-result.json", result("STATIC-1", "5", "skipped", "NOT RUN STATIC-1: no observer"));
        assertThat(VerdictRecomputation.recompute(files, BOTH, false).verdict()).as("without the label: a check that did not run")
                .isEqualTo("INCOMPLETE");
    }

    // --- a device certification's results (one per scenario, no MQTT version; the rule as a label, as the bench writes it)

    @Test
    void everyDeviceRulePassedIsConformantWithTheTablesCells() throws IOException {
        VerdictRecomputation.Result r = VerdictRecomputation.recomputeDevice(devicePassed(), false);
        assertThat(r.verdict()).isEqualTo("CONFORMANT");
        assertThat(r.scenarios()).isEqualTo(DeviceRule.values().length + 1);
        assertThat(r.cells()).containsEntry("DEV-1 result", "PASS 1/1").containsEntry("DEV-4 result", "PASS 2/2")
                .hasSize(DeviceRule.values().length);
    }

    @Test
    void aDeviceViolatingAMustRuleIsNotConformantAnErrorToo() throws IOException {
        Map<String, byte[]> violated = devicePassed();
        violated.put(device("DEV-4", 2), deviceResult("DEV-4", "failed", "violation", "it connected with the bad reply's Password"));
        VerdictRecomputation.Result r = VerdictRecomputation.recomputeDevice(violated, false);
        assertThat(r.verdict()).isEqualTo("NOT CONFORMANT");
        assertThat(r.cells()).containsEntry("DEV-4 result", "FAIL 1/2");

        Map<String, byte[]> broken = devicePassed();
        broken.put(device("DEV-6", 1), deviceResult("DEV-6", "broken", null, "NullPointerException"));
        assertThat(VerdictRecomputation.recomputeDevice(broken, false).cells()).containsEntry("DEV-6 result", "ERROR");
        assertThat(VerdictRecomputation.recomputeDevice(broken, false).verdict()).isEqualTo("NOT CONFORMANT");
    }

    @Test
    void aDeviceMustCheckThatDidNotRunIsIncompleteAShouldRuleNotFollowedAWarning() throws IOException {
        Map<String, byte[]> notRun = devicePassed();
        notRun.put(device("DEV-5", 1), deviceResult("DEV-5", "skipped", "not-run", "the device did not connect",
                RunResults.WHY_LABEL, "PRECONDITION"));
        VerdictRecomputation.Result r = VerdictRecomputation.recomputeDevice(notRun, false);
        assertThat(r.verdict()).isEqualTo("INCOMPLETE");
        assertThat(r.cells()).containsEntry("DEV-5 result", "not run 1/1");

        Map<String, byte[]> warned = devicePassed();
        warned.put(device("DEV-10", 1), deviceResult("DEV-10", "skipped", "warning", "5 CONNECTs in the 10 s after a refusal"));
        r = VerdictRecomputation.recomputeDevice(warned, false);
        assertThat(r.verdict()).as("a SHOULD rule not followed: a warning, as the status alone would say 'not run'")
                .isEqualTo("CONFORMANT");
        assertThat(r.cells()).containsEntry("DEV-10 result", "WARN");
    }

    @Test
    void strictCountsADeviceShouldRuleThatFailedAsAMustRule() throws IOException {
        Map<String, byte[]> failed = devicePassed();
        failed.put(device("DEV-10", 1), deviceResult("DEV-10", "failed", "violation", "no back-off"));
        assertThat(VerdictRecomputation.recomputeDevice(failed, false).verdict()).isEqualTo("CONFORMANT");
        assertThat(VerdictRecomputation.recomputeDevice(failed, true).verdict()).isEqualTo("NOT CONFORMANT");
    }

    @Test
    void aDevicesRuleIsItsResultsLabelItsTagOtherwiseAndAResultOfNoDeviceRuleDoesNotCount() throws IOException {
        Map<String, byte[]> some = new LinkedHashMap<>();
        some.put(device("DEV-1", 1), deviceResult("DEV-1", "passed", null, ""));
        some.put("allure-results/tag-only-result.json", result("DEV-2", null, "passed", null, ""));
        some.put("allure-results/broker-result.json", result("PRE-1", "5", "failed", "violation", "PRE-1 violated"));
        VerdictRecomputation.Result r = VerdictRecomputation.recomputeDevice(some, false);
        assertThat(r.scenarios()).isEqualTo(2);
        assertThat(r.verdict()).as("no failure, only some rules").isEqualTo("PARTIAL");
        assertThat(r.cells()).containsEntry("DEV-1 result", "PASS 1/1").containsEntry("DEV-2 result", "PASS 1/1")
                .containsEntry("DEV-3 result", "-");
        assertThat(VerdictRecomputation.recomputeDevice(Map.of(), false).scenarios()).isZero();
    }

    /** Every device rule passed, DEV-4 by two scenarios. */
    private static Map<String, byte[]> devicePassed() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (DeviceRule rule : DeviceRule.values()) {
            files.put(device(rule.id(), 1), deviceResult(rule.id(), "passed", null, ""));
        }
        files.put(device("DEV-4", 2), deviceResult("DEV-4", "passed", null, ""));
        return files;
    }

    private static String device(String rule, int scenario) {
        return "allure-results/" + rule + "-" + scenario + "-result.json";
    }

    /** A device scenario's result as the bench writes it: its rule as a label (and its finding's, if any). */
    private static byte[] deviceResult(String rule, String status, String outcome, String message, String... more) {
        String[] labels = new String[more.length + 2];
        labels[0] = RunResults.RULE_LABEL;
        labels[1] = rule;
        System.arraycopy(more, 0, labels, 2, more.length);
        return outcome == null ? result(rule, null, status, null, message, labels) : result(rule, null, status, outcome, message, more);
    }

    private static Map<String, byte[]> allPassed() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (Rule rule : Rule.values()) {
            for (String v : BOTH) {
                files.put(name(rule.id(), v), result(rule.id(), v, "passed", ""));
            }
        }
        files.put("allure-results/x-container.json", "{}".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    private static String name(String rule, String version) {
        return "allure-results/" + rule + "-" + version + "-result.json";
    }

    private static byte[] result(String rule, String version, String status, String message) {
        return result(rule, version, status, null, message);
    }

    /**
     * A result as AllureLabels writes it: {@code outcome} is its dynreg.outcome label (null: none, as for a pass);
     * {@code more}: further labels, name then value. A device scenario's ({@code version} null) has no MQTT version.
     */
    private static byte[] result(String rule, String version, String status, String outcome, String message, String... more) {
        StringBuilder finding = new StringBuilder(outcome == null ? "" : ",{\"name\":\"" + RunResults.OUTCOME_LABEL
                + "\",\"value\":\"" + outcome + "\"},{\"name\":\"" + RunResults.RULE_LABEL + "\",\"value\":\"" + rule + "\"}");
        for (int i = 0; i + 1 < more.length; i += 2) {
            finding.append(",{\"name\":\"").append(more[i]).append("\",\"value\":\"").append(more[i + 1]).append("\"}");
        }
        String name = version == null ? "a device scenario" : "a scenario [MQTT " + version + "]";
        String suite = version == null ? "" : ",{\"name\":\"parentSuite\",\"value\":\"MQTT " + version + "\"}";
        return ("{\"name\":\"" + name + "\",\"status\":\"" + status + "\",\"statusDetails\":{\"message\":\""
                + message.replace("\"", "\\\"") + "\"},\"labels\":[{\"name\":\"tag\",\"value\":\"" + rule
                + "\"}" + suite + finding + "]}").getBytes(StandardCharsets.UTF_8);
    }
}
