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

    @Before(order = 0)
    public void useVersion(Scenario scenario) {
        VersionHook.use(ctx, results, scenario);
    }

    @Before(order = 10)
    public void begin(Scenario scenario) {
        ctx.begin(scenario);
        AllureLabels.announce(ctx.rule(), ctx.version(), ctx.transcript);
    }

    @After
    public void end(Scenario scenario) {
        ctx.closeAfterScenario();
    }
}
