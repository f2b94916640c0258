package org.dynreg.tck.bench;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestStepFinished;
import java.nio.file.Path;
import org.dynreg.tck.device.DeviceResults;
import org.dynreg.tck.device.DeviceRule;
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.report.AllureEnvironment;
import org.dynreg.tck.steps.AllureLabels;
import org.dynreg.tck.submission.Submission;
import org.dynreg.tck.suite.ConformanceReporter;

/**
 * A Cucumber plugin of the device bench: every finished scenario into the bench's {@link DeviceResults}, and into its
 * Allure result its rule and finding ({@link AllureLabels}: what a reviewer's verifier recomputes the verdict from); at
 * the end of the run's own bench (not a self-test's) the table on the console, {@code target/device-conformance/summary.*},
 * {@code badge.json} and the submission bundle, as a broker certification ends.
 */
public class BenchReporter implements ConcurrentEventListener {

    public static final String NAME = "org.dynreg.tck.bench.BenchReporter";
    /** Where the device certification's summary goes. */
    public static final Path SUMMARY_DIR = Path.of("target", "device-conformance");

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestCaseStarted.class, e ->
                DeviceRule.fromTags(e.getTestCase().getTags()).ifPresent(AllureLabels::deviceScenarioStarted));
        // every step's end comes before its scenario's: the Allure result, written at the scenario's end, gets the finding
        publisher.registerHandlerFor(TestStepFinished.class, e -> {
            if (e.getResult().getError() instanceof Finding.Typed finding) {
                AllureLabels.found(finding);
            }
        });
        publisher.registerHandlerFor(TestCaseFinished.class, this::finished);
        publisher.registerHandlerFor(TestRunFinished.class, e -> {
            DeviceBench bench = DeviceBench.current();
            if (!bench.certification()) {
                return; // a self-test's bench: its test reads its results; the run's summary and report are not its to write
            }
            DeviceResults results = bench.results();
            results.write(SUMMARY_DIR);
            AllureEnvironment.finishDeviceRun(results.device(), results.platform(), results.overall(), results.start(),
                    java.time.Instant.now());
            System.out.println(results.table());
            System.out.println("summary: " + SUMMARY_DIR.resolve("summary.md") + ", " + SUMMARY_DIR.resolve("summary.json")
                    + "; HTML report: mvn -Preport (target/allure-report/index.html)");
            // whatever the verdict: a device that is not conformant is a valid submission too
            Submission.afterRun(Submission.Subject.ofDevice(results, DeviceBench.FIXTURE, bench.fixture()), results.overall(),
                    Submission.Sources.ofCertification(SUMMARY_DIR));
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
