package org.dynreg.tck.steps;

import io.cucumber.java.AfterAll;
import io.cucumber.java.BeforeAll;
import org.dynreg.tck.report.RunScope;

/**
 * The run's own hooks, before the first scenario and after the last: Cucumber calls them statically,
 * outside any scenario's PicoContainer, so they find the run's scope through {@link CurrentScope}.
 */
public class RunHooks {

    /** The run starts (or says, in one line, why it cannot) before the first scenario. */
    @BeforeAll
    public static void startRun() {
        RunScope scope = CurrentScope.get();
        scope.results().started(scope.run());
    }

    /** The end of the run's passes over both versions: their watches end; late deliveries fail their rules. */
    @AfterAll
    public static void endRun() {
        RunScope scope = CurrentScope.get();
        scope.started().ifPresent(run -> VersionHook.endPasses(run, scope.results()));
    }
}
