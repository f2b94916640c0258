package org.dynreg.tck.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The HTML report of the last run ({@code mvn -Preport}): Allure's report of {@code allure-results/},
 * named after the verdict, with the kit's executor and categories, without Allure's analytics (the
 * report never asks anything of the internet), and with {@code rules.html} next to it for the
 * rule links.
 */
public final class HtmlReport {

    /** How long {@code allure generate} may take. */
    static final long GENERATE_TIMEOUT_SECONDS = 180;

    /** Something the report cannot be built without; its message is the one line shown. */
    public static final class ReportException extends Exception {
        ReportException(String message) {
            super(message);
        }
    }

    /** How {@link #main} fails: its message only (exec:java prints it; a stack trace would say nothing more). */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    private HtmlReport() {
    }

    public static void main(String[] args) {
        Path results = Path.of(System.getProperty("allure.results.directory", "allure-results"));
        Path report = Path.of(System.getProperty("dynreg.report.dir", "target/allure-report"));
        Path allure = Path.of(System.getProperty("dynreg.allure.home", "target/allure-commandline/allure-2.34.0"));
        try {
            generate(results, report, allure);
            System.out.println("report: " + report.resolve("index.html")
                    + " (serve the folder over HTTP, e.g. python3 -m http.server -d " + report + ")");
        } catch (ReportException e) {
            // one line, no stack trace: run by exec:java in Maven's JVM, where System.exit would end Maven
            throw new Failure("dynreg-tck report: " + e.getMessage());
        }
    }

    /** Builds the report of {@code results} into {@code report}, with the Allure commandline in {@code allureHome}. */
    public static void generate(Path results, Path report, Path allureHome) throws ReportException {
        try (Stream<Path> files = Files.isDirectory(results) ? Files.list(results) : Stream.empty()) {
            if (files.noneMatch(f -> f.getFileName().toString().endsWith("-result.json"))) {
                throw new ReportException("no Allure results in " + results + ": run the certification first (mvn verify)");
            }
        } catch (IOException e) {
            throw new ReportException("cannot read " + results + ": " + e.getMessage());
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("win");
        Path allure = allureHome.resolve("bin").resolve(windows ? "allure.bat" : "allure");
        if (!Files.isRegularFile(allure)) {
            throw new ReportException("the Allure commandline is not installed at " + allureHome
                    + ": build the report with mvn -Preport (it installs it)");
        }
        String name = restoreExecutor(results);
        ProcessBuilder generate = new ProcessBuilder(List.of(allure.toString(), "generate", "--clean",
                "--name", name, "-o", report.toString(), results.toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT);
        // Allure's analytics: a script from the internet in index.html, and a request when generating
        generate.environment().put("ALLURE_NO_ANALYTICS", "true");
        try {
            Process process = generate.start();
            if (!process.waitFor(GENERATE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new ReportException("allure generate did not finish within " + GENERATE_TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new ReportException("allure generate failed (exit code " + process.exitValue() + "); its output is above");
            }
            Files.writeString(report.resolve("rules.html"), RulesPage.html());
            String index = Files.readString(report.resolve("index.html"));
            if (index.contains("googletagmanager") || index.matches("(?s).*<script[^>]*src=\"https?:.*")) {
                throw new ReportException(report.resolve("index.html") + " loads a script from the internet");
            }
        } catch (IOException e) {
            throw new ReportException("cannot run " + allure + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReportException("interrupted while waiting for allure generate");
        }
    }

    /**
     * Puts the run's executor.json back (mvn allure:report overwrites it with its own) and returns the
     * report's name it holds: the verdict.
     */
    static String restoreExecutor(Path results) throws ReportException {
        Path kit = results.resolve(AllureEnvironment.KIT_EXECUTOR);
        if (!Files.isRegularFile(kit)) {
            return AllureEnvironment.reportName("verdict unknown (" + kit + " is missing: a run of an older kit?)");
        }
        try {
            Files.copy(kit, results.resolve("executor.json"), StandardCopyOption.REPLACE_EXISTING);
            JsonNode name = new ObjectMapper().readTree(kit.toFile()).get("reportName");
            if (name == null || !name.isTextual()) {
                throw new ReportException(kit + ": no \"reportName\" (text) in it");
            }
            return name.asText();
        } catch (IOException e) {
            throw new ReportException("cannot read " + kit + ": " + e.getMessage());
        }
    }
}
