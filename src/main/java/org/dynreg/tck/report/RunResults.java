package org.dynreg.tck.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dynreg.tck.fixture.Secrets;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.kit.Waits;
import org.dynreg.tck.mqtt.MqttVersion;

/**
 * The results of the run's scenarios, rule by rule and MQTT version by version, and the verdict:
 * CONFORMANT, NOT CONFORMANT (a MUST rule failed), INCOMPLETE (a MUST check could not run), or
 * PARTIAL (no failure, but only some MUST rules were selected, e.g. with a tag filter).
 */
public final class RunResults {

    public enum Outcome { PASSED, FAILED, ERROR, WARNING, NOT_RUN }

    /** One scenario run. */
    public record Entry(Rule rule, String version, String scenario, Outcome outcome, String message) {
    }

    /** A rule's result over one version. */
    public record Cell(Outcome outcome, int passed, int total) {
        @Override
        public String toString() {
            return switch (outcome) {
                case PASSED -> "PASS " + passed + "/" + total;
                case FAILED -> "FAIL " + (total - passed) + "/" + total;
                case ERROR -> "ERROR";
                case WARNING -> "WARN";
                case NOT_RUN -> "not run " + (total - passed) + "/" + total;
            };
        }
    }

    private static final RunResults INSTANCE = new RunResults();

    private final Map<String, MqttVersion> versions = new ConcurrentHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private volatile CertificationRun run;
    private volatile Instant start;
    private volatile String setupFailure;

    public static RunResults get() {
        return INSTANCE;
    }

    public synchronized void reset() {
        entries.clear();
        versions.clear();
        run = null;
        start = null;
        setupFailure = null;
    }

    /**
     * The run could not start (e.g. the preflight found no MQTT broker): the verdict is INCOMPLETE and
     * {@code line} is the reason, in the table and in {@code summary.json} ({@code setupFailure}).
     */
    public synchronized void couldNotStart(String line) {
        setupFailure = Secrets.mask(line);
    }

    public Optional<String> setupFailure() {
        return Optional.ofNullable(setupFailure);
    }

    public synchronized void started(CertificationRun run) {
        if (this.run != run) {
            this.run = run;
            this.start = Instant.now();
            AllureEnvironment.write(run);
        }
    }

    public void version(String testCaseId, MqttVersion version) {
        if (version != null) {
            versions.put(testCaseId, version);
        }
    }

    public synchronized void record(String testCaseId, List<String> tags, String name, Outcome outcome, String message) {
        Optional<Rule> rule = Rule.fromTags(tags);
        if (rule.isEmpty()) {
            return;
        }
        MqttVersion v = versions.get(testCaseId);
        if (v != null && run != null && !run.versions().contains(v)) {
            return; // a version the fixture does not ask to certify
        }
        entries.add(new Entry(rule.get(), v == null ? "?" : v.label(), name, outcome, message == null ? "" : Secrets.mask(message)));
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized boolean isEmpty() {
        return entries.isEmpty() && setupFailure == null;
    }

    public synchronized Optional<Cell> cell(Rule rule, String version) {
        List<Entry> mine = entries.stream().filter(e -> e.rule() == rule && e.version().equals(version)).toList();
        if (mine.isEmpty()) {
            return Optional.empty();
        }
        int passed = (int) mine.stream().filter(e -> e.outcome() == Outcome.PASSED).count();
        return Optional.of(new Cell(worst(mine), passed, mine.size()));
    }

    /** A rule's verdict over all versions; empty if none of its scenarios was selected. */
    public synchronized Optional<Outcome> verdict(Rule rule) {
        List<Entry> mine = entries.stream().filter(e -> e.rule() == rule).toList();
        return mine.isEmpty() ? Optional.empty() : Optional.of(worst(mine));
    }

    /** The worst outcome: a failure, then an error, a warning, a check that did not run, a pass. */
    private static Outcome worst(List<Entry> entries) {
        return entries.stream().map(Entry::outcome).min(Comparator.comparingInt(RunResults::severity)).orElseThrow();
    }

    private static int severity(Outcome o) {
        return switch (o) {
            case FAILED -> 0;
            case ERROR -> 1;
            case WARNING -> 2;
            case NOT_RUN -> 3;
            case PASSED -> 4;
        };
    }

    public synchronized String overall() {
        if (setupFailure != null) {
            return "INCOMPLETE";
        }
        boolean strict = run != null && run.strict();
        boolean failed = entries.stream().anyMatch(e -> (e.rule().level() == Rule.Level.MUST || strict)
                && (e.outcome() == Outcome.FAILED || e.outcome() == Outcome.ERROR));
        if (failed) {
            return "NOT CONFORMANT";
        }
        boolean incomplete = entries.stream().anyMatch(e -> e.rule().level() == Rule.Level.MUST && e.outcome() == Outcome.NOT_RUN);
        if (incomplete) {
            return "INCOMPLETE";
        }
        boolean allSelected = java.util.Arrays.stream(Rule.values())
                .filter(r -> r.level() == Rule.Level.MUST).allMatch(r -> verdict(r).isPresent());
        return allSelected ? "CONFORMANT" : "PARTIAL";
    }

    /** The console table: rule, level, one column per MQTT version, verdict. */
    public synchronized String table() {
        StringBuilder out = new StringBuilder();
        String line = "-".repeat(78) + "\n";
        out.append("\n").append(line).append("dynreg-tck certification summary\n");
        if (run != null) {
            out.append("broker  ").append(run.broker()).append("\nfixture ").append(run.settings().fixture())
                    .append(" (sha256 ").append(run.fixture().sha256(), 0, 12).append("…)\n");
        }
        out.append(line);
        if (setupFailure != null) {
            return out.append("verdict: INCOMPLETE\n  the run could not start: ").append(setupFailure).append('\n')
                    .append(line).toString();
        }
        out.append(String.format("%-11s %-7s %-14s %-14s %s%n", "rule", "level", "MQTT 3.1.1", "MQTT 5", "verdict"));
        for (Rule rule : Rule.values()) {
            Optional<Outcome> verdict = verdict(rule);
            out.append(String.format("%-11s %-7s %-14s %-14s %s%n", rule.id(), rule.level(),
                    cell(rule, "3.1.1").map(Cell::toString).orElse("-"), cell(rule, "5").map(Cell::toString).orElse("-"),
                    verdict.map(RunResults::word).orElse("not selected")));
        }
        out.append(line);
        out.append("verdict: ").append(overall()).append("\n");
        for (Entry e : entries) {
            if (e.outcome() != Outcome.PASSED) {
                out.append("  ").append(word(e.outcome())).append(" ").append(e.rule().id()).append(" [MQTT ")
                        .append(e.version()).append("] ").append(e.scenario()).append("\n      ")
                        .append(e.message().lines().findFirst().orElse("")).append("\n");
            }
        }
        out.append(String.format("time in silence windows: %d ms; scenario runs: %d%n", Waits.silenceTotal().toMillis(), entries.size()));
        out.append(line);
        return out.toString();
    }

    private static String word(Outcome o) {
        return switch (o) {
            case PASSED -> "PASSED";
            case FAILED -> "FAILED";
            case ERROR -> "ERROR";
            case WARNING -> "WARNING";
            case NOT_RUN -> "NOT RUN";
        };
    }

    /** Writes {@code summary.md} and {@code summary.json} into {@code dir}. */
    public synchronized void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("summary.md"), "```\n" + table() + "```\n");
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("verdict", overall());
            if (setupFailure != null) {
                json.put("setupFailure", setupFailure);
            }
            json.put("kit", Kit.version());
            if (run != null) {
                json.put("broker", run.broker().toString());
                json.put("fixture", run.settings().fixture().toString());
                json.put("fixtureSha256", run.fixture().sha256());
                json.put("mqttVersions", run.versions().stream().map(MqttVersion::label).toList());
                json.put("strict", run.strict());
            }
            json.put("date", Instant.now().toString());
            json.put("durationMillis", start == null ? 0 : Duration.between(start, Instant.now()).toMillis());
            json.put("silenceMillis", Waits.silenceTotal().toMillis());
            List<Map<String, Object>> rules = new ArrayList<>();
            for (Rule rule : Rule.values()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("id", rule.id());
                r.put("level", rule.level().name());
                r.put("verdict", verdict(rule).map(Enum::name).orElse("NOT_SELECTED"));
                for (String v : List.of("3.1.1", "5")) {
                    r.put("mqtt" + v, cell(rule, v).map(Cell::toString).orElse("-"));
                }
                rules.add(r);
            }
            json.put("rules", rules);
            json.put("failedMustRules", rulesWith(Rule.Level.MUST, Outcome.FAILED));
            json.put("warnings", entries.stream().filter(e -> e.outcome() == Outcome.WARNING).map(this::describe).toList());
            json.put("notRun", entries.stream().filter(e -> e.outcome() == Outcome.NOT_RUN).map(this::describe).toList());
            json.put("errors", entries.stream().filter(e -> e.outcome() == Outcome.ERROR).map(this::describe).toList());
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("summary.json").toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary into " + dir, e);
        }
    }

    private List<String> rulesWith(Rule.Level level, Outcome outcome) {
        return entries.stream().filter(e -> e.rule().level() == level && e.outcome() == outcome)
                .map(e -> e.rule().id()).distinct().toList();
    }

    private Map<String, String> describe(Entry e) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("rule", e.rule().id());
        m.put("mqtt", e.version());
        m.put("scenario", e.scenario());
        m.put("reason", e.message().lines().findFirst().orElse(""));
        return m;
    }
}
