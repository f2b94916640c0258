package org.dynreg.tck.steps;

import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.spec.MqttVersion;

/** Used by the per-version glue of each suite: the MQTT version its scenarios run over. */
public final class VersionHook {

    private VersionHook() {
    }

    public static void use(ScenarioContext ctx, io.cucumber.java.Scenario scenario, MqttVersion version) {
        ctx.useVersion(version);
        org.dynreg.tck.report.RunResults.get().version(scenario.getId(), version);
        if (!ctx.run.versions().contains(version)) {
            throw new Finding.NotRun(Finding.Why.VERSION_NOT_LISTED,
                    "NOT RUN: the fixture's mqttVersions do not list \"" + version.label() + "\"");
        }
    }

    /** The end of one version's pass over the scenarios (see {@link LateDeliveries}). */
    public static void end(MqttVersion version) {
        LateDeliveries.endPass(version);
    }
}
