package org.dynreg.tck.suite.v5;

import io.cucumber.java.AfterAll;
import io.cucumber.java.Before;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.steps.ScenarioContext;
import org.dynreg.tck.steps.VersionHook;

/** The glue that makes {@code Mqtt5CertificationIT} run every scenario over MQTT 5. */
public class UseMqtt5 {

    private final ScenarioContext ctx;

    public UseMqtt5(ScenarioContext ctx) {
        this.ctx = ctx;
    }

    @Before(order = 0)
    public void useMqtt5(io.cucumber.java.Scenario scenario) {
        VersionHook.use(ctx, scenario, MqttVersion.V5);
    }

    /** The end of the pass: the run's watch ends; a forbidden message that arrived late fails its rule. */
    @AfterAll
    public static void endPass() {
        VersionHook.end(MqttVersion.V5);
    }
}
