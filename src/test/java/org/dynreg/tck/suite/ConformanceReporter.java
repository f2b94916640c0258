package org.dynreg.tck.suite;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestRunFinished;
import java.nio.file.Path;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.report.RunResults.Outcome;

/**
 * A Cucumber plugin that feeds every finished scenario into {@link RunResults} and rewrites
 * {@code target/conformance/summary.*} at the end of each suite.
 */
public class ConformanceReporter implements ConcurrentEventListener {

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestCaseFinished.class, this::finished);
        publisher.registerHandlerFor(TestRunFinished.class, e -> {
            if (!RunResults.get().isEmpty()) {
                RunResults.get().write(Path.of(System.getProperty("dynreg.conformance.dir", "target/conformance")));
            }
        });
    }

    private void finished(TestCaseFinished event) {
        Result result = event.getResult();
        String message = result.getError() == null ? "" : String.valueOf(result.getError().getMessage());
        RunResults.get().record(event.getTestCase().getId().toString(), event.getTestCase().getTags(),
                event.getTestCase().getName(), outcome(result, message), message);
    }

    static Outcome outcome(Result result, String message) {
        Status status = result.getStatus();
        if (status == Status.PASSED) {
            return Outcome.PASSED;
        }
        if (status == Status.SKIPPED) {
            return message.startsWith("WARNING") ? Outcome.WARNING : Outcome.NOT_RUN;
        }
        if (status == Status.FAILED && result.getError() instanceof AssertionError) {
            return Outcome.FAILED;
        }
        return Outcome.ERROR;
    }
}
