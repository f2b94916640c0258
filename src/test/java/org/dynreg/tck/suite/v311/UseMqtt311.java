package org.dynreg.tck.suite.v311;

import io.cucumber.java.AfterAll;
import io.cucumber.java.Before;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.steps.ScenarioContext;
import org.dynreg.tck.steps.VersionHook;

/** The glue that makes {@code Mqtt311CertificationIT} run every scenario over MQTT 3.1.1. */
public class UseMqtt311 {

    private final ScenarioContext ctx;

    public UseMqtt311(ScenarioContext ctx) {
        this.ctx = ctx;
    }

    @Before(order = 0)
    public void useMqtt311(io.cucumber.java.Scenario scenario) {
        VersionHook.use(ctx, scenario, MqttVersion.V3_1_1);
    }

    /** The end of the pass: the run's watch ends; a forbidden message that arrived late fails its rule. */
    @AfterAll
    public static void endPass() {
        VersionHook.end(MqttVersion.V3_1_1);
    }
}
