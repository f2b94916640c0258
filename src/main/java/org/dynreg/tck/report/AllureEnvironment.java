package org.dynreg.tck.report;

import org.dynreg.tck.spec.Rule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.spec.MqttVersion;

/** {@code environment.properties}, {@code executor.json} and {@code categories.json} of the Allure results. */
final class AllureEnvironment {

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
                        || name.equals("categories.json")) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    static void write(CertificationRun run) {
        Path dir = resultsDirectory();
        try {
            Files.createDirectories(dir);
            clearPreviousRun(dir);
            Files.writeString(dir.resolve("environment.properties"), String.join("\n",
                    "Broker=" + run.broker(),
                    "MQTT.versions=" + String.join(", ", run.versions().stream().map(MqttVersion::label).toList()),
                    "Fixture=" + run.settings().fixture().getFileName(),
                    "Fixture.SHA-256=" + run.fixture().sha256(),
                    "Observer=" + (run.fixture().observer().isPresent() ? "yes" : "no"),
                    "Strict=" + run.strict(),
                    "Kit=" + Kit.version(),
                    "Java=" + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                    "OS=" + System.getProperty("os.name") + " " + System.getProperty("os.version")) + "\n");
            Files.writeString(dir.resolve("executor.json"), """
                    {"name": "dynreg-tck", "type": "maven", "buildName": "dynreg-tck certification %s"}
                    """.formatted(Kit.version().replace("\"", "'")));
            Files.writeString(dir.resolve("categories.json"), """
                    [
                      {"name": "Rule violated (MUST)", "matchedStatuses": ["failed"], "messageRegex": "(?s)[A-Z]+-[0-9]+ violated:.*"},
                      {"name": "Advice not followed (SHOULD, warning)", "matchedStatuses": ["skipped"], "messageRegex": "(?s)WARNING .*"},
                      {"name": "Check could not run", "matchedStatuses": ["skipped"], "messageRegex": "(?s)NOT RUN.*"},
                      {"name": "Broker unreachable / transport", "matchedStatuses": ["broken", "failed"], "messageRegex": "(?s).*(cannot reach the broker|Connection refused|SSL|handshake).*"},
                      {"name": "Timed out waiting for the broker", "matchedStatuses": ["broken", "failed"], "messageRegex": "(?s).*(within|timed out|Timeout).*"},
                      {"name": "Fixture or configuration error", "matchedStatuses": ["broken", "failed"], "messageRegex": "(?s).*(fixture|-Dbroker).*"}
                    ]
                    """);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write into the Allure results folder " + dir, e);
        }
    }
}
