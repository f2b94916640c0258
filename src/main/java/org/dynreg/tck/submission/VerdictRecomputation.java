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
import org.dynreg.tck.device.DeviceResults;
import org.dynreg.tck.device.DeviceRule;
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.report.OverallVerdict;
import org.dynreg.tck.report.RunResults.Outcome;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.spec.Rule;

/**
 * The verdict of a bundle, recomputed from its Allure results by the kit's own verdict rules — a broker's
 * (one result per scenario and MQTT version, {@link RunResults}) or a device's (one per scenario,
 * {@link DeviceResults}) — and each rule's cell ("PASS 10/10") as the summary shows it.
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

    /** One Allure result of a bundle ({@code allure-results/…-result.json}), as the recomputation reads it. */
    private record Read(String id, JsonNode json, List<String> tags) {
        String name() {
            return json.path("name").asText();
        }

        String status() {
            return json.path("status").asText();
        }

        String message() {
            return json.path("statusDetails").path("message").asText("");
        }

        java.time.Duration took() {
            return java.time.Duration.ofMillis(Math.max(0, json.path("stop").asLong(0) - json.path("start").asLong(0)));
        }

        String label(String name) {
            return VerdictRecomputation.label(json, name);
        }

        /** As the run's reporter maps the scenario's end: by its finding's kind if it has one, else by its status. */
        Outcome outcome() {
            return VerdictRecomputation.outcome(status(),
                    Optional.ofNullable(label(RunResults.OUTCOME_LABEL)).flatMap(Finding.Kind::byLabel));
        }

        Finding.Why why() {
            return Optional.ofNullable(label(RunResults.WHY_LABEL)).flatMap(VerdictRecomputation::why).orElse(null);
        }
    }

    /** The bundle's Allure results, in the bundle's order. */
    private static List<Read> read(Map<String, byte[]> files) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Read> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            if (f.getKey().startsWith(SubmissionBundle.ALLURE) && f.getKey().endsWith("-result.json")) {
                JsonNode r = mapper.readTree(f.getValue());
                List<String> tags = new ArrayList<>();
                for (JsonNode label : r.path("labels")) {
                    if (label.path("name").asText().equals("tag")) {
                        tags.add(label.path("value").asText());
                    }
                }
                out.add(new Read(f.getKey(), r, tags));
            }
        }
        return out;
    }

    /** A broker certification's verdict, over the MQTT versions it certified. */
    static Result recompute(Map<String, byte[]> files, List<String> versions, boolean strict) throws IOException {
        RunResults results = new RunResults();
        List<Runnable> late = new ArrayList<>();
        int scenarios = 0;
        for (Read r : read(files)) {
            String version = null;
            for (JsonNode label : r.json().path("labels")) {
                Matcher m = VERSION.matcher(label.path("value").asText());
                if (m.matches()) {
                    version = m.group(1);
                }
            }
            Matcher byName = NAME_VERSION.matcher(r.name());
            if (version == null && byName.find()) {
                version = byName.group(1);
            }
            if (version != null && !versions.contains(version)) {
                continue; // a version the run did not certify, as in the run
            }
            String id = r.id();
            Optional.ofNullable(version).flatMap(MqttVersion::parse).ifPresent(v -> results.version(id, v));
            List<String> tags = new ArrayList<>(r.tags());
            // the finding's rule, as its result names it, before the scenario's tags
            Optional.ofNullable(r.label(RunResults.RULE_LABEL)).ifPresent(rule -> tags.add(0, rule));
            String lateScenario = r.label(RunResults.LATE_LABEL);
            if (lateScenario != null) {
                // a forbidden message the run's watch saw after its scenario had passed: it fails that scenario
                String v = version;
                late.add(() -> Rule.fromTags(tags).ifPresent(rule -> MqttVersion.parse(v)
                        .ifPresent(mv -> results.late(rule, mv, lateScenario + " [MQTT " + mv.label() + "]", r.message()))));
                continue;
            }
            results.record(id, tags, r.name(), r.outcome(), r.why(), r.message(), r.took());
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

    /**
     * A device certification's verdict, by the device bench's own rules ({@link DeviceResults}): each result's rule is
     * its {@link RunResults#RULE_LABEL} (else its tag), its outcome its finding's kind (else its status). The cells are
     * keyed {@code "DEV-4 result"}, as summary.json's rules show them.
     */
    static Result recomputeDevice(Map<String, byte[]> files, boolean strict) throws IOException {
        DeviceResults results = new DeviceResults("", "", strict);
        int scenarios = 0;
        for (Read r : read(files)) {
            Optional<DeviceRule> rule = Optional.ofNullable(r.label(RunResults.RULE_LABEL)).flatMap(DeviceRule::byId)
                    .or(() -> DeviceRule.fromTags(r.tags()));
            if (rule.isPresent()) {
                results.record(rule.get(), r.name(), r.outcome(), r.why(), r.message(), r.took());
                scenarios++;
            }
        }
        Map<String, String> cells = new LinkedHashMap<>();
        for (DeviceRule rule : DeviceRule.values()) {
            cells.put(rule.id() + " result", results.cell(rule));
        }
        return new Result(results.overall(), scenarios, cells);
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
