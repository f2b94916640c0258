package org.dynreg.tck.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.dynreg.tck.report.RunResults.Outcome;
import org.dynreg.tck.report.RunResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** summary.json as the kit writes it conforms to the published schema, and the schema catches what is wrong. */
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
