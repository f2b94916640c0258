package org.dynreg.tck.suite;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestStepFinished;
import io.cucumber.plugin.event.TestRunFinished;
import java.nio.file.Path;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.mqtt.BrokerUnreachableException;
import org.dynreg.tck.report.RunResults.Outcome;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.steps.AllureLabels;

/**
 * A Cucumber plugin that feeds every finished scenario into {@link RunResults} and rewrites
 * {@code target/conformance/summary.*} at the end of each suite.
 */
public class ConformanceReporter implements ConcurrentEventListener {

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestCaseStarted.class, e -> AllureLabels.scenarioStarted());
        // every step's end comes before its scenario's: the Allure result, written at the scenario's end, gets the type
        publisher.registerHandlerFor(TestStepFinished.class, this::stepFinished);
        publisher.registerHandlerFor(TestCaseFinished.class, this::finished);
        publisher.registerHandlerFor(TestRunFinished.class, e -> {
            if (!RunResults.get().isEmpty()) {
                RunResults.get().write(Path.of(System.getProperty("dynreg.conformance.dir", "target/conformance")));
            }
        });
    }

    private void stepFinished(TestStepFinished event) {
        Throwable error = event.getResult().getError();
        if (error instanceof Finding.Typed finding) {
            AllureLabels.found(finding);
        } else if (error instanceof BrokerUnreachableException) {
            AllureLabels.found(new Finding.NotRun(Finding.Why.BROKER_GONE, error.getMessage()));
        }
    }

    private void finished(TestCaseFinished event) {
        Result result = event.getResult();
        Throwable error = result.getError();
        String message = error == null ? "" : String.valueOf(error.getMessage());
        Outcome outcome = outcome(result);
        Finding.Why why = error instanceof Finding.NotRun n ? n.why() : null;
        if (error instanceof BrokerUnreachableException) {
            // the broker went away: no rule was violated, and nothing after this is certified
            CertificationRun.started().ifPresent(run -> run.health().gone(event.getTestCase().getName(), message));
            outcome = Outcome.NOT_RUN;
            why = Finding.Why.BROKER_GONE;
        }
        RunResults.get().record(event.getTestCase().getId().toString(), event.getTestCase().getTags(),
                event.getTestCase().getName(), outcome, why, message, result.getDuration());
    }

    /** The outcome, by the type of what ended the scenario (never by its message). */
    static Outcome outcome(Result result) {
        Status status = result.getStatus();
        if (status == Status.PASSED) {
            return Outcome.PASSED;
        }
        Throwable error = result.getError();
        if (error instanceof Finding.Warning) {
            return Outcome.WARNING;
        }
        if (error instanceof Finding.NotRun || status == Status.SKIPPED) {
            return Outcome.NOT_RUN;
        }
        if (status == Status.FAILED && error instanceof AssertionError) {
            return Outcome.FAILED;
        }
        return Outcome.ERROR;
    }
}
