package org.dynreg.tck.steps;

import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import org.dynreg.tck.report.RunResults;

/**
 * Set-up of each scenario (its MQTT version, its rule); each scenario's connections closed at its end. The
 * run's own start and end are {@link RunHooks}.
 */
public class Hooks {

    private final ScenarioContext ctx;
    private final RunResults results;

    public Hooks(ScenarioContext ctx, RunResults results) {
        this.ctx = ctx;
        this.results = results;
    }

    /**
     * One hook, not two: Allure writes a container file for every hook of every scenario. The scenario begins even
     * when its version is not listed (its result still names its rule); that first reason is the one it reports.
     */
    @Before
    public void begin(Scenario scenario) {
        RuntimeException versionNotRun = null;
        try {
            VersionHook.use(ctx, results, scenario);
        } catch (RuntimeException e) {
            versionNotRun = e;
        }
        try {
            ctx.begin(scenario);
            AllureLabels.announce(ctx.rule(), ctx.version(), ctx.transcript);
        } finally {
            if (versionNotRun != null) {
                throw versionNotRun;
            }
        }
    }

    @After
    public void end(Scenario scenario) {
        ctx.closeAfterScenario();
    }
}
