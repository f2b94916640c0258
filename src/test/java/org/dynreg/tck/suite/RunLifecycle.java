package org.dynreg.tck.suite;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.steps.BrokerUnderTest;
import org.dynreg.tck.submission.Submission;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The certification JVM's launcher session: it starts setting up the run (fixture, broker) while
 * JUnit and Cucumber discover the scenarios, and prints the certification summary once at the end,
 * then writes the submission bundle.
 */
public class RunLifecycle implements LauncherSessionListener {

    /** Set by failsafe for the certification JVM only; the unit tests and the self-test run without it. */
    static final String CERTIFICATION = "dynreg.certification";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (Boolean.getBoolean(CERTIFICATION)) {
            // the MQTT 5 pass runs the features' copy; it must be there, and current, before discovery
            Versions.copyForMqtt5(Path.of(Versions.MQTT_3_1_1_FEATURES), Path.of(Versions.MQTT_5_FEATURES));
            // errors surface, as one line, when the suite's @BeforeAll asks for the run again
            CompletableFuture.runAsync(BrokerUnderTest::run).exceptionally(e -> null);
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        RunResults results = RunResults.get();
        if (Boolean.getBoolean(CERTIFICATION) && results.isEmpty()) {
            CertificationRun.setupFailure().ifPresent(results::couldNotStart); // e.g. the preflight found no broker
        }
        if (!results.isEmpty() && !Boolean.getBoolean("dynreg.quiet")) {
            Path dir = Path.of(System.getProperty("dynreg.conformance.dir", "target/conformance"));
            results.write(dir);
            System.out.println(results.table());
            System.out.println("summary: target/conformance/summary.md, target/conformance/summary.json; "
                    + "HTML report: mvn -Preport (target/allure-report/index.html)");
            if (Boolean.getBoolean(CERTIFICATION)) {
                // a run that could not start certified nothing: there is nothing to submit
                CertificationRun.started().ifPresent(run ->
                        Submission.afterRun(run, results.overall(), Submission.Sources.ofCertification(dir)));
            }
        }
    }
}
