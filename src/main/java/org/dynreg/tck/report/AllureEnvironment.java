package org.dynreg.tck.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qameta.allure.internal.Allure2ModelJackson;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.FixtureResult;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Stage;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.StepResult;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import io.qameta.allure.util.PropertiesUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.spec.Rule;
import org.dynreg.tck.spec.Secrets;

/**
 * {@code environment.properties}, {@code executor.json} and {@code categories.json} of the Allure
 * results. Written when the run starts (verdict "not finished") and again with the verdict when it
 * ends: the verdict is the report's name (the title of its first screen) and the environment's first
 * entry, with the kit version and strict mode next to it.
 */
public final class AllureEnvironment {

    /**
     * A copy of the kit's executor.json that {@code mvn allure:report} does not overwrite (it writes its
     * own executor.json): {@link HtmlReport} puts it back.
     */
    static final String KIT_EXECUTOR = "dynreg-executor.json";

    /** The categories, one copy for the kit and for allure-maven (which looks for it on the classpath). */
    static final String CATEGORIES = "/categories.json";

    private AllureEnvironment() {
    }

    static Path resultsDirectory() {
        return Path.of(System.getProperty("allure.results.directory", "allure-results"));
    }

    /** A certification report shows one run: the results of earlier runs are removed first. */
    private static void clearPreviousRun(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith("-result.json") || name.endsWith("-container.json") || name.contains("-attachment")
                        || name.equals("environment.properties") || name.equals("executor.json")
                        || name.equals("categories.json") || name.equals(KIT_EXECUTOR)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /**
     * Ahead of a certification's start, while JUnit discovers the scenarios: the earlier results removed, and the JSON
     * writer loaded (≈ 0.1 s of class loading, and 30-60 ms of removing ≈ 1,100 files, that {@link #write} then does
     * not spend between the preflight and the first scenario). The Allure plugin's own JSON writer (a shaded Jackson of
     * its own) is loaded as well: Cucumber makes the plugin, and the plugin its writer, before the first scenario can
     * start (≈ 0.1 s of class loading there), and each kind of result it writes then finds its serializer's classes.
     */
    public static void prepare() {
        Path dir = resultsDirectory();
        try {
            synchronized (AllureEnvironment.class) { // write's own clearing waits for this one
                Files.createDirectories(dir);
                clearPreviousRun(dir);
            }
            new ObjectMapper().writeValueAsString(Map.of("name", "dynreg-tck"));
            loadThePluginsWriter();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the Allure results folder " + dir, e);
        }
    }

    /**
     * Serializes, in memory, a result and a container of every part the plugin writes (steps, labels, links, parameters,
     * attachments, hooks), with the mapper the plugin's writer makes. Not through the plugin's lifecycle: Allure makes
     * that one on first use, unsynchronized, and two made at once would split the run's results between them.
     */
    private static void loadThePluginsWriter() throws IOException {
        PropertiesUtils.loadAllureProperties();
        StepResult step = new StepResult().setName("step").setStatus(Status.PASSED).setStage(Stage.FINISHED)
                .setStatusDetails(new StatusDetails().setMessage("m"))
                .setParameters(List.of(new Parameter().setName("p").setValue("v")))
                .setAttachments(List.of(new Attachment().setName("a").setSource("s")));
        TestResult result = new TestResult().setUuid("warm-up").setName("warm-up").setStatus(Status.PASSED)
                .setStage(Stage.FINISHED).setStatusDetails(new StatusDetails())
                .setLabels(List.of(new Label().setName("l").setValue("v"))).setLinks(List.of(new Link().setName("l").setUrl("u")))
                .setParameters(step.getParameters()).setAttachments(step.getAttachments()).setSteps(List.of(step));
        TestResultContainer container = new TestResultContainer().setUuid("warm-up").setChildren(List.of("c"))
                .setBefores(List.of(new FixtureResult().setName("hook").setStatus(Status.PASSED).setSteps(List.of(step))));
        var mapper = Allure2ModelJackson.createMapper();
        mapper.writeValueAsBytes(result);
        mapper.writeValueAsBytes(container);
    }

    /** At the start of the run: earlier results removed, the run described, its verdict not yet known. */
    static synchronized void write(CertificationRun run) {
        Path dir = resultsDirectory();
        try {
            Files.createDirectories(dir);
            clearPreviousRun(dir);
            copyCategories(dir);
            describe(dir, run, "not finished (the run stopped before its end)", Instant.now(), null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into the Allure results folder " + dir, e);
        }
    }

    /**
     * At the start of a device bench run: earlier results removed, the run described as {@code what} (the device),
     * its verdict not yet known.
     */
    public static void startDeviceRun(String device, String platform, Instant start) {
        Path dir = resultsDirectory();
        try {
            Files.createDirectories(dir);
            clearPreviousRun(dir);
            copyCategories(dir);
            describeDevice(dir, device, platform, "not finished (the run stopped before its end)", start, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into the Allure results folder " + dir, e);
        }
    }

    /** At the end of a device bench run: its verdict and duration. */
    public static void finishDeviceRun(String device, String platform, OverallVerdict verdict, Instant start, Instant end) {
        Path dir = resultsDirectory();
        try {
            Files.createDirectories(dir);
            describeDevice(dir, device, platform, verdict.text(), start, Duration.between(start, end));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into the Allure results folder " + dir, e);
        }
    }

    private static void describeDevice(Path dir, String device, String platform, String verdict, Instant start, Duration duration)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("Verdict", verdict);
        env.put("Kit", "dynreg-tck " + Kit.version() + " (device bench)");
        env.put("Device", Secrets.mask(device));
        env.put("Platform", platform);
        env.put("Rules", "DEVICE-RULES.md");
        env.put("Started", start.toString());
        env.put("Duration", duration == null ? "-" : duration.toMillis() / 1000.0 + " s");
        env.put("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        env.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        writeDescription(dir, env, verdict, "dynreg-tck device certification: " + verdict);
    }

    private static void copyCategories(Path dir) throws IOException {
        try (InputStream categories = AllureEnvironment.class.getResourceAsStream(CATEGORIES)) {
            if (categories == null) {
                throw new IllegalStateException("the kit's " + CATEGORIES + " is missing from its classpath");
            }
            Files.copy(categories, dir.resolve("categories.json"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** At the end of the run (or of each suite): the verdict and the duration so far. */
    static void finish(CertificationRun run, OverallVerdict verdict, Instant start, Instant end) {
        Path dir = resultsDirectory();
        if (run == null || !Files.isDirectory(dir)) {
            return;
        }
        try {
            describe(dir, run, verdict.text(), start, Duration.between(start, end));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into the Allure results folder " + dir, e);
        }
    }

    /** The report's name: what a reviewer reads first. */
    static String reportName(String verdict) {
        return "dynreg-tck certification: " + verdict;
    }

    private static void describe(Path dir, CertificationRun run, String verdict, Instant start, Duration duration)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("Verdict", verdict);
        env.put("Kit", "dynreg-tck " + Kit.version());
        env.put("Strict", run.strict() ? "yes (SHOULD rules count as MUST)" : "no (SHOULD rules are warnings)");
        env.put("Broker", Secrets.mask(run.broker().toString()));
        env.put("MQTT", String.join(", ", run.versions().stream().map(MqttVersion::label).toList()));
        env.put("Fixture", String.valueOf(run.settings().fixture().getFileName()));
        env.put("Fixture.SHA-256", run.fixture().sha256());
        env.put("Observer", run.fixture().observer().isPresent() ? "yes" : "no");
        env.put("Started", start.toString());
        env.put("Duration", duration == null ? "-" : duration.toMillis() / 1000.0 + " s");
        env.put("Java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        env.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        writeDescription(dir, env, verdict, reportName(verdict));
    }

    /** environment.properties, and executor.json (with its kit copy) naming the report {@code reportName}. */
    private static void writeDescription(Path dir, Map<String, String> env, String verdict, String reportName) throws IOException {
        StringBuilder properties = new StringBuilder();
        env.forEach((k, v) -> properties.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Files.writeString(dir.resolve("environment.properties"), properties.toString());

        Map<String, String> executor = new LinkedHashMap<>();
        executor.put("name", "dynreg-tck");
        executor.put("type", "maven");
        executor.put("buildName", "dynreg-tck " + Kit.version() + ": " + verdict);
        executor.put("reportName", reportName);
        new ObjectMapper().writeValue(dir.resolve(KIT_EXECUTOR).toFile(), executor);
        Files.copy(dir.resolve(KIT_EXECUTOR), dir.resolve("executor.json"), StandardCopyOption.REPLACE_EXISTING);
    }
}
