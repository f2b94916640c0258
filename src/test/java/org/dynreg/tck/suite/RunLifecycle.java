package org.dynreg.tck.suite;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.kit.Waits;
import org.dynreg.tck.mqtt.WarmUp;
import org.dynreg.tck.report.AllureEnvironment;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.report.RunScope;
import org.dynreg.tck.steps.BrokerUnderTest;
import org.dynreg.tck.steps.CurrentScope;
import org.dynreg.tck.submission.Submission;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The certification JVM's launcher session: it creates the run's scope (its settings from the command
 * line) and starts setting up the run (fixture, broker) while JUnit and Cucumber discover the scenarios,
 * and prints the certification summary once at the end, then writes the submission bundle. In the
 * self-tests' sessions it creates no scope: it ends, as at the end of a certification, the run whose scope
 * the self-test opened.
 */
public class RunLifecycle implements LauncherSessionListener {

    /** Set by failsafe for the certification JVM only; the unit tests and the self-test run without it. */
    static final String CERTIFICATION = "dynreg.certification";

    /** The scope this session opened (the certification JVM's), if it opened one. */
    private RunScope opened;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (Boolean.getBoolean(CERTIFICATION) && CurrentScope.opened().isEmpty()) {
            // the MQTT 5 pass runs the features' copy; it must be there, and current, before discovery
            Versions.copyForMqtt5(Path.of(Versions.MQTT_3_1_1_FEATURES), Path.of(Versions.MQTT_5_FEATURES));
            opened = RunScope.starting(CertificationRun.Settings.fromSystemProperties(), BrokerUnderTest::start);
            CurrentScope.open(opened);
            RunScope scope = opened;
            // errors surface, as one line, when the suite's @BeforeAll asks for the run again
            CompletableFuture.runAsync(scope::run, Waits.onThreadsOfTheirOwn("dynreg-setup")).exceptionally(e -> null);
            // beside it, what the run's start would otherwise do while the first scenario waits: the results folder
            // readied (a problem there surfaces when the run starts and writes into it), the connect path loaded
            CompletableFuture.runAsync(() -> {
                AllureEnvironment.prepare();
                WarmUp.run();
            }, Waits.onThreadsOfTheirOwn("dynreg-warm-up")).exceptionally(e -> null);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        try {
            CurrentScope.opened().ifPresent(this::end);
        } finally {
            if (opened != null) {
                CurrentScope.close(opened);
            }
        }
    }

    private void end(RunScope scope) {
        RunResults results = scope.results();
        if (Boolean.getBoolean(CERTIFICATION) && results.isEmpty()) {
            scope.setupFailure().ifPresent(results::couldNotStart); // e.g. the preflight found no broker
        }
        if (!results.isEmpty() && !scope.settings().quiet()) {
            Path dir = scope.settings().conformanceDir();
            results.write(dir);
            System.out.println(results.table());
            System.out.println("summary: target/conformance/summary.md, target/conformance/summary.json; "
                    + "HTML report: mvn -Preport (target/allure-report/index.html)");
            if (Boolean.getBoolean(CERTIFICATION)) {
                // a run that could not start certified nothing: there is nothing to submit
                scope.started().ifPresent(run ->
                        Submission.afterRun(run, results.overall(), Submission.Sources.ofCertification(dir)));
            }
        }
    }
}
