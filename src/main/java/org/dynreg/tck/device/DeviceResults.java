package org.dynreg.tck.device;

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
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.report.Kit;
import org.dynreg.tck.report.OverallVerdict;
import org.dynreg.tck.report.RunResults.Outcome;
import org.dynreg.tck.spec.Secrets;

/**
 * The device bench's results, rule by rule, and its verdict: CONFORMANT, NOT CONFORMANT (a MUST rule failed),
 * INCOMPLETE (a MUST check could not run — a device that never connected, or hung), PARTIAL (only some rules
 * selected). Printed as a table and written as {@code summary.md} and {@code summary.json}.
 */
public final class DeviceResults {

    /** One scenario run. */
    public record Entry(DeviceRule rule, String scenario, Outcome outcome, Finding.Why why, String message, Duration took) {
    }

    private final String device;
    private final String platform;
    private final boolean strict;
    private final Instant start = Instant.now();
    private final List<Entry> entries = new ArrayList<>();

    /**
     * @param device   what was certified, as the table's header names it (the command, "the reference device", …)
     * @param platform where it connected
     */
    public DeviceResults(String device, String platform, boolean strict) {
        this.device = device;
        this.platform = platform;
        this.strict = strict;
    }

    /** What was certified, as the header names it. */
    public String device() {
        return device;
    }

    public String platform() {
        return platform;
    }

    public Instant start() {
        return start;
    }

    /** Whether a SHOULD rule that failed counts as a MUST rule. */
    public boolean strict() {
        return strict;
    }

    public synchronized void record(DeviceRule rule, String scenario, Outcome outcome, Finding.Why why, String message,
                                    Duration took) {
        entries.add(new Entry(rule, scenario, outcome, why, message == null ? "" : Secrets.mask(message),
                took == null ? Duration.ZERO : took));
    }

    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    public synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    /** A rule's verdict: its worst outcome; empty if none of its scenarios ran. */
    public synchronized Optional<Outcome> verdict(DeviceRule rule) {
        return entries.stream().filter(e -> e.rule() == rule).map(Entry::outcome).min(Comparator.comparingInt(Outcome::severity));
    }

    /** A rule's result as the table and summary.json show it: "PASS 4/4", "FAIL 1/4", "WARN", "ERROR", "not run 1/1", "-". */
    public synchronized String cell(DeviceRule rule) {
        List<Entry> mine = entries.stream().filter(e -> e.rule() == rule).toList();
        if (mine.isEmpty()) {
            return "-";
        }
        long passed = mine.stream().filter(e -> e.outcome() == Outcome.PASSED).count();
        Outcome worst = verdict(rule).orElseThrow();
        return switch (worst) {
            case PASSED -> "PASS " + passed + "/" + mine.size();
            case FAILED -> "FAIL " + mine.stream().filter(e -> e.outcome() == Outcome.FAILED).count() + "/" + mine.size();
            case ERROR -> "ERROR";
            case WARNING -> "WARN";
            case NOT_RUN -> "not run " + (mine.size() - passed) + "/" + mine.size();
        };
    }


    public synchronized OverallVerdict overall() {
        boolean failed = entries.stream().anyMatch(e -> (e.rule().level() == DeviceRule.Level.MUST || strict)
                && (e.outcome() == Outcome.FAILED || e.outcome() == Outcome.ERROR));
        if (failed) {
            return OverallVerdict.NOT_CONFORMANT;
        }
        boolean incomplete = entries.isEmpty() || entries.stream()
                .anyMatch(e -> e.rule().level() == DeviceRule.Level.MUST && e.outcome() == Outcome.NOT_RUN);
        if (incomplete) {
            return OverallVerdict.INCOMPLETE;
        }
        boolean all = java.util.Arrays.stream(DeviceRule.values())
                .filter(r -> r.level() == DeviceRule.Level.MUST).allMatch(r -> verdict(r).isPresent());
        return all ? OverallVerdict.CONFORMANT : OverallVerdict.PARTIAL;
    }

    public synchronized String table() {
        String line = "-".repeat(78) + "\n";
        StringBuilder out = new StringBuilder("\n").append(line).append("dynreg-tck device certification summary\n")
                .append("device   ").append(device).append("\nplatform ").append(platform).append('\n').append(line)
                .append(String.format("%-8s %-7s %-14s %-13s %s%n", "rule", "level", "result", "verdict", "rule summary"));
        for (DeviceRule rule : DeviceRule.values()) {
            out.append(String.format("%-8s %-7s %-14s %-13s %s%n", rule.id(), rule.level(), cell(rule),
                    verdict(rule).map(Outcome::word).orElse("not selected"), rule.summary()));
        }
        out.append(line).append("verdict: ").append(overall().text()).append('\n');
        for (Entry e : sorted()) {
            if (e.outcome() != Outcome.PASSED) {
                out.append("  ").append(e.outcome().word()).append(' ').append(e.rule().id()).append(' ').append(e.scenario())
                        .append("\n      ").append(e.message().lines().findFirst().orElse("")).append('\n');
            }
        }
        Duration together = entries.stream().map(Entry::took).reduce(Duration.ZERO, Duration::plus);
        out.append(String.format("scenario runs: %d, %.1f s together; the run: %.1f s%n", entries.size(),
                together.toMillis() / 1000.0, Duration.between(start, Instant.now()).toMillis() / 1000.0));
        return out.append(line).toString();
    }

    private List<Entry> sorted() {
        return entries.stream().sorted(Comparator.comparing((Entry e) -> e.rule().ordinal()).thenComparing(Entry::scenario)).toList();
    }


    /** Writes {@code summary.md} and {@code summary.json} into {@code dir}. */
    public synchronized void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("summary.md"), "# dynreg-tck device certification: " + overall().text()
                    + "\n\n- verdict: **" + overall().text() + "**\n- device: " + device + "\n- platform: " + platform
                    + "\n- kit: " + Kit.version() + "\n- rules: DEVICE-RULES.md\n\n```\n" + table() + "```\n");
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("verdict", overall().text());
            json.put("kit", Kit.version());
            json.put("device", device);
            json.put("platform", platform);
            json.put("strict", strict);
            json.put("date", Instant.now().toString());
            json.put("durationMillis", Duration.between(start, Instant.now()).toMillis());
            List<Map<String, Object>> rules = new ArrayList<>();
            for (DeviceRule rule : DeviceRule.values()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("id", rule.id());
                r.put("level", rule.level().name());
                r.put("verdict", verdict(rule).map(Enum::name).orElse("NOT_SELECTED"));
                r.put("result", cell(rule));
                rules.add(r);
            }
            json.put("rules", rules);
            json.put("failedMustRules", entries.stream().filter(e -> e.rule().level() == DeviceRule.Level.MUST
                    && e.outcome() == Outcome.FAILED).map(e -> e.rule().id()).distinct().toList());
            for (Outcome o : List.of(Outcome.FAILED, Outcome.WARNING, Outcome.NOT_RUN, Outcome.ERROR)) {
                json.put(switch (o) {
                    case FAILED -> "failures";
                    case WARNING -> "warnings";
                    case NOT_RUN -> "notRun";
                    default -> "errors";
                }, sorted().stream().filter(e -> e.outcome() == o).map(DeviceResults::describe).toList());
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("summary.json").toFile(), json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the device summary into " + dir, e);
        }
    }

    private static Map<String, String> describe(Entry e) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("rule", e.rule().id());
        m.put("scenario", e.scenario());
        m.put("reason", e.message().lines().findFirst().orElse(""));
        if (e.why() != null) {
            m.put("why", e.why().name());
        }
        return m;
    }
}
