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
import org.dynreg.tck.report.OverallVerdict;
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

    record Result(OverallVerdict overall, int scenarios, Map<String, String> cells) {
        /** The verdict as summary.json and the badge write it ("NOT CONFORMANT"). */
        String verdict() {
            return overall.text();
        }
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
            // the finding's rule, as its result names it, before the scenario's tags
            Optional.ofNullable(label(r, RunResults.RULE_LABEL)).ifPresent(rule -> tags.add(0, rule));
            String lateScenario = label(r, RunResults.LATE_LABEL);
            if (lateScenario != null) {
                // a forbidden message the run's watch saw after its scenario had passed: it fails that scenario
                String v = version;
                late.add(() -> Rule.fromTags(tags).ifPresent(rule -> MqttVersion.parse(v)
                        .ifPresent(mv -> results.late(rule, mv, lateScenario + " [MQTT " + mv.label() + "]", message))));
                continue;
            }
            Optional<Finding.Kind> kind = Optional.ofNullable(label(r, RunResults.OUTCOME_LABEL)).flatMap(Finding.Kind::byLabel);
            Finding.Why why = Optional.ofNullable(label(r, RunResults.WHY_LABEL)).flatMap(VerdictRecomputation::why).orElse(null);
            results.record(id, tags, name, outcome(r.path("status").asText(), kind), why, message,
                    java.time.Duration.ofMillis(Math.max(0, r.path("stop").asLong(0) - r.path("start").asLong(0))));
            scenarios++;
        }
        late.forEach(Runnable::run);
        OverallVerdict verdict = results.overall();
        if (strict && verdict != OverallVerdict.NOT_CONFORMANT && results.entries().stream().anyMatch(
                e -> e.outcome() == Outcome.FAILED || e.outcome() == Outcome.ERROR)) {
            verdict = OverallVerdict.NOT_CONFORMANT; // strict: a SHOULD rule that failed counts as a MUST rule
        }
        Map<String, String> cells = new LinkedHashMap<>();
        for (Rule rule : Rule.values()) {
            for (String v : List.of("3.1.1", "5")) {
                cells.put(rule.id() + " mqtt" + v, results.cell(rule, v).map(RunResults.Cell::toString).orElse("-"));
            }
        }
        return new Result(verdict, scenarios, cells);
    }

    private static String label(JsonNode result, String name) {
        for (JsonNode label : result.path("labels")) {
            if (label.path("name").asText().equals(name)) {
                return label.path("value").asText();
            }
        }
        return null;
    }

    /**
     * As the run's reporter maps a scenario's end: by the finding's kind (the result's {@link RunResults#OUTCOME_LABEL}),
     * else by its status (Allure: failed is an assertion, broken any other error, skipped a check that did not run).
     */
    static Outcome outcome(String status, Optional<Finding.Kind> kind) {
        if (kind.isPresent()) {
            return switch (kind.get()) {
                case VIOLATION -> Outcome.FAILED;
                case WARNING -> Outcome.WARNING;
                case NOT_RUN -> Outcome.NOT_RUN;
            };
        }
        return switch (status) {
            case "passed" -> Outcome.PASSED;
            case "skipped" -> Outcome.NOT_RUN;
            case "failed" -> Outcome.FAILED;
            default -> Outcome.ERROR;
        };
    }

    private static Optional<Finding.Why> why(String name) {
        try {
            return Optional.of(Finding.Why.valueOf(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
