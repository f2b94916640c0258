package org.dynreg.tck.selftest;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.nio.file.Path;
import java.util.List;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.suite.Versions;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs the certification suite in this JVM, as failsafe would, against a run set up by the caller. */
final class SuiteRunner {

    static final String REPORTER = "org.dynreg.tck.suite.ConformanceReporter";
    static final String ALLURE = "io.qameta.allure.cucumber7jvm.AllureCucumber7Jvm";

    private SuiteRunner() {
    }

    /** Runs the scenarios selected by {@code tags} over each version; the results are in {@link RunResults}. */
    static RunResults run(CertificationRun run, List<MqttVersion> versions, String tags, String plugins) {
        return run(run, versions, tags, plugins, Path.of("features"));
    }

    /** As {@link #run(CertificationRun, List, String, String)}, with the feature files of {@code features}. */
    static RunResults run(CertificationRun run, List<MqttVersion> versions, String tags, String plugins, Path features) {
        CertificationRun.install(run);
        RunResults.get().reset();
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .filters(EngineFilter.includeEngines("cucumber"))
                .configurationParameter("cucumber.glue", "org.dynreg.tck.steps")
                .configurationParameter("cucumber.filter.tags", tags)
                .configurationParameter("cucumber.plugin", plugins);
        if (versions.contains(MqttVersion.V3_1_1)) {
            request.selectors(selectDirectory(features.toFile()));
        }
        if (versions.contains(MqttVersion.V5)) {
            Path copy = Path.of("target", "self-test", "features-" + Integer.toHexString(
                    features.toAbsolutePath().normalize().hashCode()), "mqtt5", "features");
            request.selectors(selectDirectory(Versions.copyForMqtt5(features, copy).toFile()));
        }
        LauncherFactory.create().execute(request.build());
        return RunResults.get();
    }
}
