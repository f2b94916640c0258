package org.dynreg.tck.suite;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestStepFinished;
import io.cucumber.plugin.event.TestRunFinished;
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.mqtt.BrokerUnreachableException;
import org.dynreg.tck.report.RunResults.Outcome;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.report.RunScope;
import org.dynreg.tck.steps.AllureLabels;
import org.dynreg.tck.steps.CurrentScope;

/**
 * A Cucumber plugin that feeds every finished scenario into the run's {@link RunResults} and rewrites the
 * summary ({@code target/conformance/summary.*} unless the run's settings say otherwise) at the end of each
 * suite. Cucumber instantiates it: it takes the run's scope from {@link CurrentScope} when Cucumber hands it
 * the run's events.
 */
public class ConformanceReporter implements ConcurrentEventListener {

    private RunScope scope;

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        scope = CurrentScope.get();
        publisher.registerHandlerFor(TestCaseStarted.class, e -> AllureLabels.scenarioStarted());
        // every step's end comes before its scenario's: the Allure result, written at the scenario's end, gets the type
        publisher.registerHandlerFor(TestStepFinished.class, this::stepFinished);
        publisher.registerHandlerFor(TestCaseFinished.class, this::finished);
        publisher.registerHandlerFor(TestRunFinished.class, e -> {
            if (!scope.results().isEmpty()) {
                scope.results().write(scope.settings().conformanceDir());
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
            scope.started().ifPresent(run -> run.health().gone(event.getTestCase().getName(), message));
            outcome = Outcome.NOT_RUN;
            why = Finding.Why.BROKER_GONE;
        }
        scope.results().record(event.getTestCase().getId().toString(), event.getTestCase().getTags(),
                event.getTestCase().getName(), outcome, why, message, result.getDuration());
    }

    /** The outcome, by the type of what ended the scenario (never by its message). */
    public static Outcome outcome(Result result) {
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
