package org.dynreg.tck.steps;

import io.cucumber.java.After;
import io.cucumber.java.AfterAll;
import io.cucumber.java.Before;
import io.cucumber.java.BeforeAll;
import io.cucumber.java.Scenario;
import org.dynreg.tck.report.RunResults;

/** Set-up of the run and of each scenario (its MQTT version, its rule); each scenario's connections closed at its end; the passes ended at the end. */
public class Hooks {

    private final ScenarioContext ctx;

    public Hooks(ScenarioContext ctx) {
        this.ctx = ctx;
    }

    @BeforeAll
    public static void startRun() {
        RunResults.get().started(BrokerUnderTest.run());
    }

    /** The end of the run's passes over both versions: their watches end; late deliveries fail their rules. */
    @AfterAll
    public static void endRun() {
        VersionHook.endPasses();
    }

    @Before(order = 0)
    public void useVersion(Scenario scenario) {
        VersionHook.use(ctx, scenario);
    }

    @Before(order = 10)
    public void begin(Scenario scenario) {
        ctx.begin(scenario);
        AllureLabels.announce(ctx.rule(), ctx.version(), ctx.transcript);
    }

    @After
    public void end(Scenario scenario) {
        ctx.close();
    }
}
