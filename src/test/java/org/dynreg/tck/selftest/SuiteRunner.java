package org.dynreg.tck.selftest;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.util.List;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.spec.MqttVersion;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
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
        return run(run, versions, tags, plugins, java.nio.file.Path.of("features"));
    }

    /** As {@link #run(CertificationRun, List, String, String)}, with the feature files of {@code features}. */
    static RunResults run(CertificationRun run, List<MqttVersion> versions, String tags, String plugins, java.nio.file.Path features) {
        CertificationRun.install(run);
        RunResults.get().reset();
        Launcher launcher = LauncherFactory.create();
        for (MqttVersion version : versions) {
            String glue = "org.dynreg.tck.steps,org.dynreg.tck.suite." + (version == MqttVersion.V5 ? "v5" : "v311");
            launcher.execute(LauncherDiscoveryRequestBuilder.request()
                    .selectors(selectDirectory(features.toFile()))
                    .filters(EngineFilter.includeEngines("cucumber"))
                    .configurationParameter("cucumber.glue", glue)
                    .configurationParameter("cucumber.filter.tags", tags)
                    .configurationParameter("cucumber.plugin", plugins)
                    .build());
        }
        return RunResults.get();
    }
}
