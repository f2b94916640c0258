package org.dynreg.tck.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.dynreg.tck.device.DeviceResults;
import org.dynreg.tck.device.DeviceRule;
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.report.RunResults.Outcome;
import org.dynreg.tck.report.RunResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.json as the kit writes it (a broker's, a device's) conforms to its published schema, and the schema catches what is wrong. */
class SummarySchemaTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void theSummaryTheKitWritesConforms(@TempDir Path dir) throws IOException {
        ObjectNode summary = written(dir);
        assertThat(SummarySchema.problems(mapper.writeValueAsBytes(summary))).isEmpty();
    }

    @Test
    void laterTopLevelPropertiesAreAllowed(@TempDir Path dir) throws IOException {
        ObjectNode summary = written(dir);
        summary.put("lateDeliveries", 0);
        summary.putObject("roundTripMillis").put("p50", 3);
        assertThat(SummarySchema.problems(mapper.writeValueAsBytes(summary))).isEmpty();
    }

    @Test
    void whatIsWrongIsNamed(@TempDir Path dir) throws IOException {
        ObjectNode noVerdict = written(dir);
        noVerdict.remove("verdict");
        assertThat(SummarySchema.problems(mapper.writeValueAsBytes(noVerdict))).singleElement().asString().contains("verdict");

        ObjectNode unknownVerdict = written(dir);
        unknownVerdict.put("verdict", "ALMOST CONFORMANT");
        assertThat(SummarySchema.problems(mapper.writeValueAsBytes(unknownVerdict))).singleElement().asString()
                .contains("$.verdict");

        ObjectNode badRule = written(dir);
        ((ObjectNode) badRule.path("rules").get(0)).put("level", "MAY");
        assertThat(SummarySchema.problems(mapper.writeValueAsBytes(badRule))).singleElement().asString().contains("level");

        for (String kitField : new String[] {"kitFingerprint", "modifiedKit"}) {
            ObjectNode noKit = written(dir);
            noKit.remove(kitField);
            assertThat(SummarySchema.problems(mapper.writeValueAsBytes(noKit))).as(kitField).singleElement().asString()
                    .contains(kitField);
        }
        ObjectNode notAFingerprint = written(dir);
        notAFingerprint.put("kitFingerprint", "0.1.0");
        assertThat(SummarySchema.problems(mapper.writeValueAsBytes(notAFingerprint))).singleElement().asString()
                .contains("kitFingerprint");

        assertThat(SummarySchema.problems("not json".getBytes())).singleElement().asString().startsWith("is not JSON");
    }

    @Test
    void theDeviceSummaryTheBenchWritesConformsToItsOwnSchema(@TempDir Path dir) throws IOException {
        ObjectNode summary = writtenByTheBench(dir);
        assertThat(SummarySchema.problems(mapper.writeValueAsBytes(summary), SummarySchema.DEVICE_RESOURCE)).isEmpty();
        assertThat(SummarySchema.problems(mapper.writeValueAsBytes(summary))).as("against the broker summary's schema")
                .anyMatch(p -> p.contains("broker")).anyMatch(p -> p.contains("mqtt3.1.1"));
        assertThat(SummarySchema.problems(mapper.writeValueAsBytes(written(dir)), SummarySchema.DEVICE_RESOURCE))
                .as("a broker's summary against the device summary's schema").anyMatch(p -> p.contains("device"));
    }

    @Test
    void whatIsWrongWithADeviceSummaryIsNamed(@TempDir Path dir) throws IOException {
        for (String field : new String[] {"verdict", "device", "platform", "kitFingerprint", "modifiedKit", "failures"}) {
            ObjectNode missing = writtenByTheBench(dir);
            missing.remove(field);
            assertThat(SummarySchema.problems(mapper.writeValueAsBytes(missing), SummarySchema.DEVICE_RESOURCE)).as(field)
                    .singleElement().asString().contains(field);
        }
        ObjectNode brokerRule = writtenByTheBench(dir);
        ((ObjectNode) brokerRule.path("rules").get(0)).put("id", "PRE-1");
        assertThat(SummarySchema.problems(mapper.writeValueAsBytes(brokerRule), SummarySchema.DEVICE_RESOURCE)).singleElement()
                .asString().contains("$.rules[0].id");
        ObjectNode noResult = writtenByTheBench(dir);
        ((ObjectNode) noResult.path("rules").get(3)).remove("result");
        assertThat(SummarySchema.problems(mapper.writeValueAsBytes(noResult), SummarySchema.DEVICE_RESOURCE)).singleElement()
                .asString().contains("result");
        ObjectNode unknownWhy = writtenByTheBench(dir);
        ((ObjectNode) unknownWhy.path("notRun").get(0)).put("why", "BORED");
        assertThat(SummarySchema.problems(mapper.writeValueAsBytes(unknownWhy), SummarySchema.DEVICE_RESOURCE)).singleElement()
                .asString().contains("why");
    }

    /** What DeviceResults writes (a pass, a failure, a warning, a check that did not run), with the kit's check's fields. */
    private ObjectNode writtenByTheBench(Path dir) throws IOException {
        DeviceResults results = new DeviceResults("the kit's reference device", "the kit's reference platform, tcp://127.0.0.1:1883",
                false);
        results.record(DeviceRule.DEV_1, "pre-authenticates", Outcome.PASSED, null, "", Duration.ofMillis(300));
        results.record(DeviceRule.DEV_4, "another RequestID", Outcome.FAILED, null, "it took the bad reply", Duration.ofSeconds(7));
        results.record(DeviceRule.DEV_10, "backs off", Outcome.WARNING, null, "5 CONNECTs", Duration.ofSeconds(10));
        results.record(DeviceRule.DEV_5, "late reply", Outcome.NOT_RUN, Finding.Why.PRECONDITION, "did not connect", Duration.ZERO);
        results.write(dir);
        ObjectNode summary = (ObjectNode) mapper.readTree(dir.resolve("summary.json").toFile());
        summary.put("kitFingerprint", "f".repeat(64)); // added by the kit's check (Submission), before the bundle
        summary.put("modifiedKit", false);
        return summary;
    }

    /** What RunResults writes (a pass, a warning and a check that did not run), with the run's fields a certification adds. */
    private ObjectNode written(Path dir) throws IOException {
        RunResults results = new RunResults();
        results.record("1", List.of("@PRE-1"), "accepted", Outcome.PASSED, "");
        results.record("2", List.of("@ADV-1"), "fast reply", Outcome.WARNING, "WARNING ADV-1: slow");
        results.record("3", List.of("@RESTRICT-2"), "no leak", Outcome.NOT_RUN, "NOT RUN: no observer");
        results.write(dir);
        ObjectNode summary = (ObjectNode) mapper.readTree(dir.resolve("summary.json").toFile());
        assertThat(summary.has("broker")).as("RunResults writes no run fields without a run").isFalse();
        summary.put("broker", "tcp://127.0.0.1:1883");
        summary.put("fixture", "fixtures/embedded.yaml");
        summary.put("fixtureSha256", "0".repeat(64));
        summary.putArray("mqttVersions").add("3.1.1").add("5");
        summary.put("strict", false);
        summary.put("kitFingerprint", "f".repeat(64)); // added by the kit's check (Submission), before the bundle
        summary.put("modifiedKit", false);
        return summary;
    }
}
