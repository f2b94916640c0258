package org.dynreg.tck.bench;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestRunFinished;
import java.nio.file.Path;
import org.dynreg.tck.device.DeviceResults;
import org.dynreg.tck.device.DeviceRule;
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.report.AllureEnvironment;
import org.dynreg.tck.suite.ConformanceReporter;

/**
 * A Cucumber plugin of the device bench: every finished scenario into the bench's {@link DeviceResults}; at the end
 * of the run the table on the console and {@code target/device-conformance/summary.*}.
 */
public class BenchReporter implements ConcurrentEventListener {

    public static final String NAME = "org.dynreg.tck.bench.BenchReporter";
    /** Where the device certification's summary goes. */
    public static final Path SUMMARY_DIR = Path.of("target", "device-conformance");

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestCaseFinished.class, this::finished);
        publisher.registerHandlerFor(TestRunFinished.class, e -> {
            DeviceResults results = DeviceBench.current().results();
            results.write(SUMMARY_DIR);
            AllureEnvironment.finishDeviceRun(results.device(), results.platform(), results.overall(), results.start(),
                    java.time.Instant.now());
            System.out.println(results.table());
            System.out.println("summary: " + SUMMARY_DIR.resolve("summary.md") + ", " + SUMMARY_DIR.resolve("summary.json")
                    + "; HTML report: mvn -Preport (target/allure-report/index.html)");
        });
    }

    private void finished(TestCaseFinished event) {
        DeviceRule.fromTags(event.getTestCase().getTags()).ifPresent(rule -> {
            Throwable error = event.getResult().getError();
            DeviceBench.current().results().record(rule, event.getTestCase().getName(), ConformanceReporter.outcome(event.getResult()),
                    error instanceof Finding.NotRun n ? n.why() : null, error == null ? "" : String.valueOf(error.getMessage()),
                    event.getResult().getDuration());
        });
    }
}
