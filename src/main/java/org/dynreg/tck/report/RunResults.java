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
import org.dynreg.tck.kit.BrokerHealth;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.spec.Rule;
import org.dynreg.tck.spec.Secrets;

/**
 * The results of the run's scenarios, rule by rule and MQTT version by version, and the verdict:
 * CONFORMANT, NOT CONFORMANT (a MUST rule failed), INCOMPLETE (a MUST check could not run), or
 * PARTIAL (no failure, but only some MUST rules were selected, e.g. with a tag filter). One per run: its
 * {@link RunScope} holds it.
 */
public final class RunResults {

    public enum Outcome {
        PASSED("PASSED", 4), FAILED("FAILED", 0), ERROR("ERROR", 1), WARNING("WARNING", 2), NOT_RUN("NOT RUN", 3);

        private final String word;
        private final int severity;

        Outcome(String word, int severity) {
            this.word = word;
            this.severity = severity;
        }

        /** As the console and summary.md write it: "NOT RUN". */
        public String word() {
            return word;
        }

        /** 0 for the worst (a failure), then an error, a warning, a check that did not run, a pass. */
        public int severity() {
            return severity;
        }
    }

    /** One scenario run; {@code why} says why it did not run (null unless NOT_RUN). */
    public record Entry(Rule rule, String version, String scenario, Outcome outcome, Finding.Why why, String message,
                        Duration took) {
        /**
         * Whether the check applies to this broker at all: a facet that cannot apply (the case of a secret
         * without letters) is neither passed nor missing — it takes no part in its rule's verdict.
         */
        public boolean applies() {
            return why != Finding.Why.NOT_APPLICABLE;
        }
    }

    /** A rule's result over one version; {@code notApplicable} facets are counted apart. */
    public record Cell(Outcome outcome, int passed, int total, int notApplicable) {
        public Cell(Outcome outcome, int passed, int total) {
            this(outcome, passed, total, 0);
        }

        @Override
        public String toString() {
            String cell = switch (outcome) {
                case PASSED -> "PASS " + passed + "/" + total;
                case FAILED -> "FAIL " + (total - passed) + "/" + total;
                case ERROR -> "ERROR";
                case WARNING -> "WARN";
                case NOT_RUN -> "not run " + (total - passed) + "/" + total;
            };
            return notApplicable == 0 ? cell : cell + " +" + notApplicable + " n/a";
        }
    }

    private final Map<String, MqttVersion> versions = new ConcurrentHashMap<>();
    private final List<Entry> entries = new ArrayList<>();
    private volatile CertificationRun run;
    private volatile Instant start;
    private volatile String setupFailure;
    private volatile Duration watchTail;

    /** How long the run's watch kept looking for forbidden messages after the last scenario had ended. */
    public void watchTail(Duration took) {
        watchTail = took;
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

    /** As {@link #record(String, List, String, Outcome, Finding.Why, String, Duration)}, without a reason or a duration. */
    public void record(String testCaseId, List<String> tags, String name, Outcome outcome, String message) {
        record(testCaseId, tags, name, outcome, null, message, Duration.ZERO);
    }

    public synchronized void record(String testCaseId, List<String> tags, String name, Outcome outcome, Finding.Why why,
                                    String message, Duration took) {
        Optional<Rule> rule = Rule.fromTags(tags);
        if (rule.isEmpty()) {
            return;
        }
        MqttVersion v = versions.get(testCaseId);
        if (v != null && run != null && !run.versions().contains(v)) {
            return; // a version the fixture does not ask to certify
        }
        entries.add(new Entry(rule.get(), v == null ? "?" : v.label(), name, outcome, why,
                message == null ? "" : Secrets.mask(message), took == null ? Duration.ZERO : took));
    }

    /**
     * A forbidden message that arrived after its scenario had ended: a failure of its rule over
     * {@code version}, recorded beside the scenario's own result.
     */
    /** The Allure label of a late delivery's result: the name of the scenario whose message arrived late. */
    public static final String LATE_LABEL = "dynreg-late-delivery-of";
    /** The Allure label of a result that did not pass: its {@link Finding.Kind#label()} (violation, warning, not-run). */
    public static final String OUTCOME_LABEL = "dynreg.outcome";
    /** The Allure label of a result's finding: the rule's ID. */
    public static final String RULE_LABEL = "dynreg.rule";
    /** The Allure label of a check that did not run: why ({@link Finding.Why}'s name). */
    public static final String WHY_LABEL = "dynreg.why";

    public synchronized void late(Rule rule, MqttVersion version, String scenario, String message) {
        Entry failed = new Entry(rule, version.label(), scenario + " (delivered after the scenario ended)", Outcome.FAILED,
                null, Secrets.mask(message), Duration.ZERO);
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.rule() == rule && e.version().equals(version.label()) && e.scenario().equals(scenario)
                    && e.outcome() == Outcome.PASSED) {
                // the scenario passed within its window; the run's watch saw otherwise
                entries.set(i, new Entry(failed.rule(), failed.version(), failed.scenario(), failed.outcome(), null,
                        failed.message(), e.took()));
                return;
            }
        }
        entries.add(failed);
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized boolean isEmpty() {
        return entries.isEmpty() && setupFailure == null;
    }

    public synchronized Optional<Cell> cell(Rule rule, String version) {
        List<Entry> all = entries.stream().filter(e -> e.rule() == rule && e.version().equals(version)).toList();
        List<Entry> mine = all.stream().filter(Entry::applies).toList();
        if (mine.isEmpty()) {
            return all.isEmpty() ? Optional.empty() : Optional.of(new Cell(Outcome.NOT_RUN, 0, 0, all.size()));
        }
        int passed = (int) mine.stream().filter(e -> e.outcome() == Outcome.PASSED).count();
        return Optional.of(new Cell(worst(mine), passed, mine.size(), all.size() - mine.size()));
    }

    /** A rule's verdict over all versions; empty if none of its scenarios was selected. */
    public synchronized Optional<Outcome> verdict(Rule rule) {
        List<Entry> mine = entries.stream().filter(e -> e.rule() == rule && e.applies()).toList();
        return mine.isEmpty() ? Optional.empty() : Optional.of(worst(mine));
    }

    /** The worst outcome: a failure, then an error, a warning, a check that did not run, a pass. */
    private static Outcome worst(List<Entry> entries) {
        return entries.stream().map(Entry::outcome).min(Comparator.comparingInt(Outcome::severity)).orElseThrow();
    }

    public synchronized OverallVerdict overall() {
        if (setupFailure != null) {
            return OverallVerdict.INCOMPLETE;
        }
        boolean strict = run != null && run.strict();
        boolean failed = entries.stream().anyMatch(e -> (e.rule().level() == Rule.Level.MUST || strict)
                && (e.outcome() == Outcome.FAILED || e.outcome() == Outcome.ERROR));
        if (failed) {
            return OverallVerdict.NOT_CONFORMANT;
        }
        if (brokerLost().isPresent()) {
            return OverallVerdict.INCOMPLETE;
        }
        boolean incomplete = entries.stream().anyMatch(e -> e.rule().level() == Rule.Level.MUST && e.outcome() == Outcome.NOT_RUN
                && e.applies());
        if (incomplete) {
            return OverallVerdict.INCOMPLETE;
        }
        boolean allSelected = java.util.Arrays.stream(Rule.values())
                .filter(r -> r.level() == Rule.Level.MUST).allMatch(r -> verdict(r).isPresent());
        return allSelected ? OverallVerdict.CONFORMANT : OverallVerdict.PARTIAL;
    }

    /** The one line for a broker that went away mid-run: when, during which scenario, how many could not run. */
    public synchronized String brokerGoneLine(BrokerHealth.Lost lost) {
        return lost.describe() + ": " + entries.stream().filter(e -> e.why() == Finding.Why.BROKER_GONE).count()
                + " scenario runs could not run; nothing after that was certified";
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
            return out.append("verdict: ").append(OverallVerdict.INCOMPLETE.text()).append("\n  the run could not start: ").append(setupFailure).append('\n')
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
        out.append("verdict: ").append(overall().text()).append("\n");
        Optional<BrokerHealth.Lost> lost = brokerLost();
        lost.ifPresent(l -> out.append("  ").append(brokerGoneLine(l)).append("\n"));
        for (Entry e : sorted()) {
            if (e.outcome() != Outcome.PASSED && e.why() != Finding.Why.BROKER_GONE) {
                out.append("  ").append(e.applies() ? word(e.outcome()) : "N/A").append(" ").append(e.rule().id()).append(" [MQTT ")
                        .append(e.version()).append("] ").append(e.scenario()).append("\n      ")
                        .append(e.message().lines().findFirst().orElse("")).append("\n");
            }
        }
        long scenarioMillis = total(entries).toMillis();
        out.append(String.format("scenario runs: %d, %.1f s together; silence windows: %.1f s together (%d %% of it)%n",
                entries.size(), scenarioMillis / 1000.0, silenceMillis() / 1000.0,
                scenarioMillis == 0 ? 0 : Math.round(100.0 * silenceMillis() / scenarioMillis)));
        if (watchTail != null) {
            out.append(String.format("the run's watch over forbidden messages: %d ms after the last scenario%n",
                    watchTail.toMillis()));
        }
        if (run != null && run.roundTrips().count() > 0) {
            out.append(String.format("round trip (CONNECT to CONNACK): median %d ms, p90 %d ms over %d CONNECTs%n",
                    run.roundTrips().median().toMillis(), run.roundTrips().percentile(90).toMillis(), run.roundTrips().count()));
        }
        String slowest = slowestRules(3);
        if (!slowest.isEmpty()) {
            out.append("slowest rules: ").append(slowest).append('\n');
        }
        out.append(line);
        return out.toString();
    }

    /** The entries by rule, then MQTT version, then scenario: a stable order, whatever order they ran in. */
    private List<Entry> sorted() {
        return entries.stream().sorted(Comparator.comparing((Entry e) -> e.rule().ordinal())
                .thenComparing(Entry::version).thenComparing(Entry::scenario)).toList();
    }

    /** The rules whose scenario runs took longest together, e.g. "SECRET-1 (10.2 s in 2 runs)". */
    private String slowestRules(int count) {
        Map<Rule, List<Entry>> byRule = new LinkedHashMap<>();
        entries.forEach(e -> byRule.computeIfAbsent(e.rule(), r -> new ArrayList<>()).add(e));
        return byRule.entrySet().stream()
                .sorted(Comparator.comparing((Map.Entry<Rule, List<Entry>> r) -> total(r.getValue())).reversed())
                .limit(count)
                .map(r -> String.format("%s (%.1f s in %d runs)", r.getKey().id(), total(r.getValue()).toMillis() / 1000.0,
                        r.getValue().size()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static Duration total(List<Entry> entries) {
        return entries.stream().map(Entry::took).reduce(Duration.ZERO, Duration::plus);
    }

    /** The time the run's silence windows took, summed over concurrent scenarios. */
    private long silenceMillis() {
        return run == null ? 0 : run.silenceSpent().sum() / 1_000_000;
    }

    /** Where the broker went away, if it did. */
    public synchronized Optional<BrokerHealth.Lost> brokerLost() {
        return run == null ? Optional.empty() : run.health().lost();
    }

    private static String word(Outcome o) {
        return o.word();
    }

    /** The observer's transcript of the run, beside the summary (and in the submission bundle). */
    public static final String OBSERVER_TRANSCRIPT = "observer-transcript.txt";

    /** Writes {@code summary.md}, {@code summary.json} and, with an observer, {@value #OBSERVER_TRANSCRIPT} into {@code dir}. */
    public synchronized void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Instant end = Instant.now();
            Files.deleteIfExists(dir.resolve(OBSERVER_TRANSCRIPT)); // an earlier run's
            Optional<String> observer = run == null ? Optional.empty() : run.observerTranscript();
            if (observer.isPresent()) {
                Files.writeString(dir.resolve(OBSERVER_TRANSCRIPT), observer.get());
            }
            Files.writeString(dir.resolve("summary.md"), SummaryHeader.markdown(run, overall(), start, end) + "```\n" + table() + "```\n");
            AllureEnvironment.finish(run, overall(), start == null ? end : start, end);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("verdict", overall().text());
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
            json.put("silenceMillis", silenceMillis());
            if (watchTail != null) {
                json.put("watchTailMillis", watchTail.toMillis());
            }
            if (run != null && run.roundTrips().count() > 0) {
                json.put("roundTripMedianMillis", run.roundTrips().median().toMillis());
                json.put("roundTripP90Millis", run.roundTrips().percentile(90).toMillis());
            }
            brokerLost().ifPresent(l -> json.put("brokerLost", l.describe()));
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
            json.put("warnings", sorted().stream().filter(e -> e.outcome() == Outcome.WARNING).map(this::describe).toList());
            json.put("notRun", sorted().stream().filter(e -> e.outcome() == Outcome.NOT_RUN && e.applies())
                    .map(this::describe).toList());
            json.put("notApplicable", sorted().stream().filter(e -> !e.applies()).map(this::describe).toList());
            json.put("errors", sorted().stream().filter(e -> e.outcome() == Outcome.ERROR).map(this::describe).toList());
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
        if (e.why() != null) {
            m.put("why", e.why().name());
        }
        return m;
    }
}
