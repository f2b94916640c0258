package org.dynreg.tck.storm;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.dynreg.tck.report.Kit;
import org.dynreg.tck.spec.Rule;
import org.dynreg.tck.spec.Secrets;

/**
 * The storm's report: {@code summary.md}, {@code summary.json}, the latency-over-time chart
 * ({@code latency-over-time.png}) and one Allure result carrying the chart and the summary. Every
 * text goes through {@link Secrets#mask}.
 */
public final class StormReport {

    static final String CHART = "latency-over-time.png";
    private static final String FULL_NAME = "org.dynreg.tck.storm.Storm";
    private static final double[] PERCENTILES = {50, 95, 99};

    private StormReport() {
    }

    public static void write(StormFiles.Data data, StormVerdict verdict, Path dir, Path allureResults) {
        try {
            Files.createDirectories(dir);
            LatencyChart.write(data, dir.resolve(CHART));
            String md = Secrets.mask(markdown(data, verdict));
            Files.writeString(dir.resolve("summary.md"), md);
            Files.writeString(dir.resolve("summary.json"), Secrets.mask(StormFiles.JSON.writeValueAsString(json(data, verdict))));
            allure(data, verdict, md, dir, allureResults);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the storm report in " + dir, e);
        }
    }

    /** The console's few lines. */
    public static String console(StormFiles.Data data, StormVerdict verdict, Path dir) {
        ShardCounts c = data.counts();
        Histogram reply = data.totals().get(Step.REPLY);
        StringBuilder out = new StringBuilder("\nRegistration storm: " + verdict.label() + " — " + c.completed() + "/"
                + c.devices() + " registrations, " + f(c.registrationsPerSecond()) + " registrations/s, reply p99 "
                + ms(reply, 99) + " ms, max " + ms(reply.getMaxValue()) + " ms; driver CPU " + pct(driverShare(c))
                + " of the machine, " + f(driverCpuMillisPerRegistration(c)) + " ms per registration\n");
        verdict.failures().forEach(x -> out.append("  FAILED   ").append(x).append('\n'));
        verdict.warnings().forEach(x -> out.append("  WARNING  ").append(x).append('\n'));
        verdict.overload().forEach(x -> out.append("  OVERLOAD ").append(x).append('\n'));
        out.append("report: ").append(dir.resolve("summary.md")).append(", ").append(dir.resolve(CHART)).append('\n');
        return Secrets.mask(out.toString());
    }

    static String markdown(StormFiles.Data data, StormVerdict verdict) {
        ShardCounts c = data.counts();
        StringBuilder md = new StringBuilder();
        md.append("# Registration storm: ").append(verdict.label()).append("\n\n");
        md.append("| | |\n|---|---|\n");
        row(md, "broker", c.broker());
        row(md, "MQTT version", c.mqttVersion());
        row(md, "devices", c.devices() + (c.devices() == c.stormDevices() ? "" : " of a storm of " + c.stormDevices()));
        row(md, "shards", String.join(", ", c.shards()) + (c.shards().size() == 1 && !c.shards().get(0).equals("1/1")
                ? " (one shard: merge all shards, run at the same time, for the storm's report)" : ""));
        row(md, "arrivals", c.arrivals());
        row(md, "reply deadline (ADV-1) / reply timeout (SECRET-1)", c.deadlineMillis() + " ms / " + c.replyTimeoutMillis() + " ms");
        row(md, "started", Instant.ofEpochMilli(c.startMillis()).toString());
        row(md, "duration", f(c.seconds()) + " s");
        row(md, "kit", Kit.version());
        md.append("\n## Throughput\n\n");
        md.append("| registrations/s | completed | refused under overload | failed | did not end | success rate |\n|---|---|---|---|---|---|\n");
        md.append("| ").append(f(c.registrationsPerSecond())).append(" | ").append(c.completed()).append(" | ").append(c.refused())
                .append(" | ").append(c.failed()).append(" | ").append(c.unfinished()).append(" | ")
                .append(pct(c.devices() == 0 ? 0 : (double) c.completed() / c.devices())).append(" |\n");
        md.append("\n## Latency (ms)\n\n| step | count | p50 | p95 | p99 | max | what |\n|---|---|---|---|---|---|---|\n");
        for (Step s : Step.values()) {
            Histogram h = data.totals().get(s);
            md.append("| ").append(s.label()).append(" | ").append(h.getTotalCount());
            for (double p : PERCENTILES) {
                md.append(" | ").append(ms(h, p));
            }
            md.append(" | ").append(ms(h.getMaxValue())).append(" | ").append(s.meaning()).append(" |\n");
        }
        md.append("\n## Findings\n\n");
        if (c.kinds().isEmpty()) {
            md.append("None: every reply reached its own device only, echoed its own RequestID, every secret was "
                    + "unique and opened its own device's static login, and no broker refusal was seen.\n");
        } else {
            md.append("| kind | rule | counts as | count | examples |\n|---|---|---|---|---|\n");
            for (Map.Entry<Kind, Long> e : c.kinds().entrySet()) {
                Kind k = e.getKey();
                String rule = k.rule() == null ? "—" : k.rule() + Rule.byId(k.rule()).map(r -> " (" + r.summary() + ")").orElse("");
                md.append("| ").append(k.meaning()).append(" | ").append(rule).append(" | ").append(countsAs(k, c.strict()))
                        .append(" | ").append(e.getValue()).append(" | ")
                        .append(String.join("<br>", c.examples().getOrDefault(k, List.of())).replace("|", "\\|")).append(" |\n");
            }
        }
        md.append("\n## Verdict\n\n");
        verdict.failures().forEach(x -> md.append("- **FAILED** ").append(x).append('\n'));
        verdict.warnings().forEach(x -> md.append("- WARNING ").append(x).append('\n'));
        verdict.overload().forEach(x -> md.append("- overload signal (acceptable) ").append(x).append('\n'));
        if (verdict.passed() && verdict.warnings().isEmpty() && verdict.overload().isEmpty()) {
            md.append("- every device's registration held (RESTRICT-4, SECRET-3, SECRET-4, STATIC-1, SECRET-1, ADV-1 under load)\n");
        }
        md.append("\n## Who was the limit\n\n").append(limit(c)).append('\n');
        md.append("\n- driver CPU: ").append(f(c.driverCpuMillis() / 1000.0)).append(" s = ").append(pct(driverShare(c)))
                .append(" of the machine (").append(c.cores()).append(" cores x ").append(f(c.seconds())).append(" s); ")
                .append(f(driverCpuMillisPerRegistration(c))).append(" ms per completed registration\n");
        md.append("- whole JVM CPU").append(c.embedded() ? " (driver + embedded broker)" : "").append(": ")
                .append(f(c.processCpuMillis() / 1000.0)).append(" s = ").append(pct(processShare(c))).append(" of the machine\n");
        md.append("- the whole machine (every process): ").append(c.machineLoad() < 0 ? "unknown" : pct(c.machineLoad()))
                .append(" busy on average\n");
        md.append("- latest device launch behind its schedule: ").append(c.maxLaunchLagMillis()).append(" ms\n");
        md.append("\nFiles: `summary.json`, `").append(CHART).append("`, `counts.json`, `histograms.hlog` (HdrHistogram interval log, µs).\n");
        return md.toString();
    }

    private static String countsAs(Kind k, boolean strict) {
        return switch (k.severity()) {
            case MUST -> "failure";
            case SHOULD -> strict ? "failure (strict)" : "warning";
            case OVERLOAD -> "overload signal (acceptable)";
        };
    }

    /** The driver's own CPU time per completed registration (what decides how many machines a storm needs); 0 if none completed. */
    static double driverCpuMillisPerRegistration(ShardCounts c) {
        return c.completed() == 0 ? 0 : (double) c.driverCpuMillis() / c.completed();
    }

    static double driverShare(ShardCounts c) {
        return c.driverCpuMillis() / (c.cores() * c.seconds() * 1000.0);
    }

    static double processShare(ShardCounts c) {
        return c.processCpuMillis() / (c.cores() * c.seconds() * 1000.0);
    }

    /** Whether the driver or the broker set the pace, judged from the CPU each used. */
    static String limit(ShardCounts c) {
        double driver = driverShare(c);
        double process = processShare(c);
        if (driver >= 0.7) {
            return "The driver was the limit: it used " + pct(driver) + " of the machine's CPU. Run more shards on more machines.";
        }
        if (c.maxLaunchLagMillis() > 250) {
            return "The driver fell behind the requested rate (launches up to " + c.maxLaunchLagMillis()
                    + " ms late) while using " + pct(driver) + " of the CPU: the machine was short of CPU.";
        }
        if (c.embedded() && process >= 0.85) {
            return "The machine's CPU was the limit (" + pct(process) + " busy): the embedded broker used "
                    + pct(process - driver) + ", the driver " + pct(driver) + ".";
        }
        double others = c.machineLoad() - process;
        if (c.machineLoad() >= 0.85 && others >= 0.25) {
            return "The machine's CPU was the limit, and other work took " + pct(others) + " of it (the machine was "
                    + pct(c.machineLoad()) + " busy; this storm's JVM " + pct(process) + ", its driver " + pct(driver)
                    + "): the numbers understate the broker.";
        }
        return "The broker set the pace: the driver used only " + pct(driver) + " of the machine's CPU.";
    }

    private static ObjectNode json(StormFiles.Data data, StormVerdict verdict) {
        ObjectNode root = StormFiles.JSON.createObjectNode();
        root.put("verdict", verdict.label());
        root.set("failures", StormFiles.JSON.valueToTree(verdict.failures()));
        root.set("warnings", StormFiles.JSON.valueToTree(verdict.warnings()));
        root.set("overloadSignals", StormFiles.JSON.valueToTree(verdict.overload()));
        ShardCounts c = data.counts();
        root.put("registrationsPerSecond", Math.round(c.registrationsPerSecond() * 10) / 10.0);
        root.put("successRate", c.devices() == 0 ? 0 : (double) c.completed() / c.devices());
        ObjectNode latency = root.putObject("latencyMillis");
        for (Step s : Step.values()) {
            Histogram h = data.totals().get(s);
            ObjectNode step = latency.putObject(s.tag());
            step.put("count", h.getTotalCount());
            for (double p : PERCENTILES) {
                step.put("p" + (int) p, h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(p) / 1000.0);
            }
            step.put("max", h.getMaxValue() / 1000.0);
        }
        root.put("driverCpuShare", driverShare(c));
        root.put("driverCpuMillisPerRegistration", driverCpuMillisPerRegistration(c));
        root.put("processCpuShare", processShare(c));
        root.put("machineCpuLoad", c.machineLoad());
        root.put("limit", limit(c));
        root.set("counts", StormFiles.JSON.valueToTree(c));
        ArrayNode timeline = root.putArray("replyLatencyOverTime");
        for (StormFiles.Second s : data.timeline()) {
            Histogram reply = s.latencies().get(Step.REPLY);
            ObjectNode point = timeline.addObject().put("atSeconds", s.offsetSeconds())
                    .put("registrationsPerSecond", s.perSecond(Step.STATIC_LOGIN));
            if (reply != null && reply.getTotalCount() > 0) {
                point.put("p50", reply.getValueAtPercentile(50) / 1000.0).put("p99", reply.getValueAtPercentile(99) / 1000.0)
                        .put("max", reply.getMaxValue() / 1000.0);
            }
        }
        return root;
    }

    private static void allure(StormFiles.Data data, StormVerdict verdict, String md, Path dir, Path results) throws IOException {
        Files.createDirectories(results);
        removePreviousStorm(results);
        FileSystemResultsWriter writer = new FileSystemResultsWriter(results);
        String chart = UUID.randomUUID() + "-attachment.png";
        String summary = UUID.randomUUID() + "-attachment.md";
        try (InputStream in = Files.newInputStream(dir.resolve(CHART))) {
            writer.write(chart, in);
        }
        writer.write(summary, new java.io.ByteArrayInputStream(md.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        ShardCounts c = data.counts();
        List<String> problems = new ArrayList<>(verdict.failures());
        problems.addAll(verdict.warnings());
        TestResult result = new TestResult()
                .setUuid(UUID.randomUUID().toString())
                .setHistoryId("dynreg-registration-storm-" + c.mqttVersion())
                .setName("Registration storm: " + c.devices() + " devices, MQTT " + c.mqttVersion())
                .setFullName(FULL_NAME)
                .setStatus(verdict.passed() ? Status.PASSED : Status.FAILED)
                .setStatusDetails(new StatusDetails().setMessage(Secrets.mask(String.join("\n", problems))))
                .setStage(Stage.FINISHED)
                .setStart(c.startMillis())
                .setStop(c.endMillis())
                .setDescriptionHtml(html(c, data))
                .setLabels(List.of(new Label().setName("suite").setValue("Registration storm"),
                        new Label().setName("feature").setValue("Registration under load"),
                        new Label().setName("tag").setValue("storm")))
                .setAttachments(List.of(new Attachment().setName("latency over time").setSource(chart).setType("image/png"),
                        new Attachment().setName("summary.md").setSource(summary).setType("text/markdown")));
        writer.write(result);
    }

    /** The results folder shows the latest storm only (beside the certification's results, which stay). */
    private static void removePreviousStorm(Path results) throws IOException {
        List<Path> previous;
        try (var files = Files.list(results)) {
            previous = files.filter(f -> f.getFileName().toString().endsWith("-result.json")).toList();
        }
        for (Path f : previous) {
            com.fasterxml.jackson.databind.JsonNode json;
            try {
                json = StormFiles.JSON.readTree(f.toFile());
            } catch (IOException unreadable) {
                continue; // not ours to judge
            }
            if (FULL_NAME.equals(json.path("fullName").asText())) {
                for (var attachment : json.path("attachments")) {
                    Files.deleteIfExists(results.resolve(attachment.path("source").asText("none")));
                }
                Files.delete(f);
            }
        }
    }

    private static String html(ShardCounts c, StormFiles.Data data) {
        Histogram reply = data.totals().get(Step.REPLY);
        return Secrets.mask("<p>" + c.completed() + " of " + c.devices() + " devices registered at "
                + f(c.registrationsPerSecond()) + " registrations/s; reply p99 " + ms(reply, 99) + " ms (deadline "
                + c.deadlineMillis() + " ms). " + escape(limit(c)) + "</p>");
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void row(StringBuilder md, String key, String value) {
        md.append("| ").append(key).append(" | ").append(value).append(" |\n");
    }

    static String ms(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? "—" : ms(h.getValueAtPercentile(percentile));
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static String pct(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }
}
