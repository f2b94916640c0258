package org.dynreg.tck.steps;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.kit.KitSetupException;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.spec.MqttVersion;

/**
 * The MQTT version a scenario runs over, told by its feature file: the features themselves run over MQTT
 * 3.1.1, the build's copy of them under {@code mqtt5/} over MQTT 5, all in one run.
 */
public final class VersionHook {

    /** The folder of the features' copy that runs over MQTT 5. */
    static final String MQTT_5_FOLDER = "/mqtt5/features/";

    private VersionHook() {
    }

    /** The version of a scenario of {@code featureFile}. */
    public static MqttVersion of(URI featureFile) {
        return featureFile.toString().contains(MQTT_5_FOLDER) ? MqttVersion.V5 : MqttVersion.V3_1_1;
    }

    static void use(ScenarioContext ctx, RunResults results, io.cucumber.java.Scenario scenario) {
        MqttVersion version = of(scenario.getUri());
        ctx.useVersion(version);
        results.version(scenario.getId(), version);
        if (!ctx.run.versions().contains(version)) {
            throw new Finding.NotRun(Finding.Why.VERSION_NOT_LISTED,
                    "NOT RUN: the fixture's mqttVersions do not list \"" + version.label() + "\"");
        }
    }

    /** The end of the run's passes: the watches end (see {@link LateDeliveries}), then the observer closes. */
    static void endPasses(CertificationRun run, RunResults results) {
        List<String> late = new ArrayList<>();
        long start = System.nanoTime();
        try {
            // side by side: each pass waits out its own watch, then closes what it kept and ends its persistent sessions
            // (a CONNECT and a DISCONNECT each: round trips to a remote broker)
            List<java.util.concurrent.CompletableFuture<List<String>>> passes = run.versions().stream()
                    .map(version -> java.util.concurrent.CompletableFuture.supplyAsync(
                            () -> LateDeliveries.endPass(run, results, version), org.dynreg.tck.kit.Waits.onThreadsOfTheirOwn("dynreg-pass-end")))
                    .toList();
            for (var pass : passes) {
                try {
                    late.addAll(pass.join());
                } catch (java.util.concurrent.CompletionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : e;
                }
            }
        } finally {
            results.watchTail(java.time.Duration.ofNanos(System.nanoTime() - start));
            run.closeObserver();
        }
        if (!late.isEmpty()) {
            throw new Finding.Violation(String.join("\n", late));
        }
        run.health().lost().ifPresent(lost -> {
            // nothing after that was certified: the run is INCOMPLETE, and the build says so
            throw new KitSetupException(results.brokerGoneLine(lost));
        });
    }
}
