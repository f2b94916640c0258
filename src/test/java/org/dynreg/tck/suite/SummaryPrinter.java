package org.dynreg.tck.suite;

import java.nio.file.Path;
import org.dynreg.tck.report.RunResults;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Prints the certification summary once, when the test JVM's launcher session ends. */
public class SummaryPrinter implements LauncherSessionListener {

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        RunResults results = RunResults.get();
        if (!results.isEmpty() && !Boolean.getBoolean("dynreg.quiet")) {
            results.write(Path.of(System.getProperty("dynreg.conformance.dir", "target/conformance")));
            System.out.println(results.table());
            System.out.println("summary: target/conformance/summary.md, target/conformance/summary.json; "
                    + "report: mvn allure:serve (or allure:report)");
        }
    }
}
