package org.dynreg.tck.submission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.report.RunResults.Outcome;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.spec.Rule;

/**
 * The verdict of a bundle, recomputed from its Allure results (one per scenario and MQTT version)
 * by the kit's own verdict rules ({@link RunResults}), and each rule's cell ("PASS 10/10") as the
 * summary shows it.
 */
final class VerdictRecomputation {

    private static final Pattern VERSION = Pattern.compile("MQTT (3\\.1\\.1|5)");
    private static final Pattern NAME_VERSION = Pattern.compile("\\[MQTT (3\\.1\\.1|5)]\\s*$");

    record Result(String verdict, int scenarios, Map<String, String> cells) {
    }

    private VerdictRecomputation() {
    }

    static Result recompute(Map<String, byte[]> files, List<String> versions, boolean strict) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        RunResults results = new RunResults();
        List<Runnable> late = new ArrayList<>();
        int scenarios = 0;
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            if (!f.getKey().startsWith(SubmissionBundle.ALLURE) || !f.getKey().endsWith("-result.json")) {
                continue;
            }
            JsonNode r = mapper.readTree(f.getValue());
            List<String> tags = new ArrayList<>();
            String version = null;
            for (JsonNode label : r.path("labels")) {
                String value = label.path("value").asText();
                if (label.path("name").asText().equals("tag")) {
                    tags.add(value);
                }
                Matcher m = VERSION.matcher(value);
                if (m.matches()) {
                    version = m.group(1);
                }
            }
            String name = r.path("name").asText();
            Matcher byName = NAME_VERSION.matcher(name);
            if (version == null && byName.find()) {
                version = byName.group(1);
            }
            if (version != null && !versions.contains(version)) {
                continue; // a version the run did not certify, as in the run
            }
            String id = f.getKey();
            Optional.ofNullable(version).flatMap(MqttVersion::parse).ifPresent(v -> results.version(id, v));
            String message = r.path("statusDetails").path("message").asText("");
            String lateScenario = label(r, RunResults.LATE_LABEL);
            if (lateScenario != null) {
                // a forbidden message the run's watch saw after its scenario had passed: it fails that scenario
                String v = version;
                late.add(() -> Rule.fromTags(tags).ifPresent(rule -> MqttVersion.parse(v)
                        .ifPresent(mv -> results.late(rule, mv, lateScenario + " [MQTT " + mv.label() + "]", message))));
                continue;
            }
            Outcome outcome = outcome(r.path("status").asText(), message);
            Finding.Why why = outcome == Outcome.NOT_RUN ? whyNotRun(r) : null;
            results.record(id, tags, name, outcome, why, message,
                    java.time.Duration.ofMillis(Math.max(0, r.path("stop").asLong(0) - r.path("start").asLong(0))));
            scenarios++;
        }
        late.forEach(Runnable::run);
        String verdict = results.overall();
        if (strict && !verdict.equals("NOT CONFORMANT") && results.entries().stream().anyMatch(
                e -> e.outcome() == Outcome.FAILED || e.outcome() == Outcome.ERROR)) {
            verdict = "NOT CONFORMANT"; // strict: a SHOULD rule that failed counts as a MUST rule
        }
        Map<String, String> cells = new LinkedHashMap<>();
        for (Rule rule : Rule.values()) {
            for (String v : List.of("3.1.1", "5")) {
                cells.put(rule.id() + " mqtt" + v, results.cell(rule, v).map(RunResults.Cell::toString).orElse("-"));
            }
        }
        return new Result(verdict, scenarios, cells);
    }

    private static Finding.Why whyNotRun(JsonNode result) {
        String why = label(result, RunResults.WHY_NOT_RUN_LABEL);
        try {
            return why == null ? null : Finding.Why.valueOf(why);
        } catch (IllegalArgumentException e) {
            return null; // not a reason this kit gives: an ordinary check that did not run
        }
    }

    private static String label(JsonNode result, String name) {
        for (JsonNode label : result.path("labels")) {
            if (label.path("name").asText().equals(name)) {
                return label.path("value").asText();
            }
        }
        return null;
    }

    /** As the run's reporter maps a scenario's status (Allure: failed is an assertion, broken any other error). */
    static Outcome outcome(String status, String message) {
        return switch (status) {
            case "passed" -> Outcome.PASSED;
            case "skipped" -> message.startsWith("WARNING") ? Outcome.WARNING : Outcome.NOT_RUN;
            case "failed" -> Outcome.FAILED;
            default -> Outcome.ERROR;
        };
    }
}
