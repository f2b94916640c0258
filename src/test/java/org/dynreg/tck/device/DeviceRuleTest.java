package org.dynreg.tck.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.report.OverallVerdict;
import org.dynreg.tck.report.RunResults.Outcome;
import org.junit.jupiter.api.Test;

/** The device rules as DEVICE-RULES.md has them, each checked by a scenario of features/device/, and the verdict they give. */
class DeviceRuleTest {

    @Test
    void everyRuleHasDeviceRulesMdsLevelAndText() {
        for (DeviceRule rule : DeviceRule.values()) {
            assertThat(rule.documentedLevel()).as(rule.id()).contains(rule.level());
            assertThat(rule.text()).as(rule.id()).isNotEqualTo(rule.summary()).hasSizeGreaterThan(rule.summary().length() / 2);
        }
    }

    @Test
    void everyRuleHasAScenarioAndEveryDeviceFeatureIsTaggedDevice() throws IOException {
        String all;
        try (Stream<Path> files = Files.list(Path.of("features/device"))) {
            List<Path> features = files.filter(f -> f.toString().endsWith(".feature")).toList();
            assertThat(features).isNotEmpty();
            for (Path f : features) {
                assertThat(Files.readString(f).strip()).as(f + " (broker runs leave out @device)").startsWith("@device");
            }
            StringBuilder text = new StringBuilder();
            for (Path f : features) {
                text.append(Files.readString(f));
            }
            all = text.toString();
        }
        for (DeviceRule rule : DeviceRule.values()) {
            assertThat(all).as(rule.id()).containsPattern("(?m)^\\s*@" + rule.id() + "\\s*$");
        }
    }

    @Test
    void aMustRuleNotRunMakesTheRunIncompleteAFailureNotConformantAShouldWarningNeither() {
        DeviceResults results = results();
        for (DeviceRule rule : DeviceRule.values()) {
            results.record(rule, "s", Outcome.PASSED, null, "", Duration.ZERO);
        }
        assertThat(results.overall()).isEqualTo(OverallVerdict.CONFORMANT);
        results.record(DeviceRule.DEV_10, "late", Outcome.WARNING, null, "6 CONNECTs", Duration.ZERO);
        assertThat(results.overall()).isEqualTo(OverallVerdict.CONFORMANT);
        results.record(DeviceRule.DEV_3, "hung", Outcome.NOT_RUN, Finding.Why.PRECONDITION, "did not connect", Duration.ZERO);
        assertThat(results.overall()).isEqualTo(OverallVerdict.INCOMPLETE);
        results.record(DeviceRule.DEV_4, "bad", Outcome.FAILED, null, "took it", Duration.ZERO);
        assertThat(results.overall()).isEqualTo(OverallVerdict.NOT_CONFORMANT);
        assertThat(results.table()).contains("FAILED DEV-4 bad", "NOT RUN DEV-3 hung", "WARNING DEV-10 late");
    }

    @Test
    void aRunWithSomeRulesOnlyIsPartialAndOneWithNothingIncomplete() {
        assertThat(results().overall()).isEqualTo(OverallVerdict.INCOMPLETE);
        DeviceResults some = results();
        some.record(DeviceRule.DEV_1, "s", Outcome.PASSED, null, "", Duration.ZERO);
        assertThat(some.overall()).isEqualTo(OverallVerdict.PARTIAL);
    }

    private static DeviceResults results() {
        return new DeviceResults("a test device", "nowhere", false);
    }
}
