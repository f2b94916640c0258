package org.dynreg.tck.selftest;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.nio.file.Path;
import java.util.List;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.report.RunScope;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.steps.CurrentScope;
import org.dynreg.tck.suite.Versions;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the certification suite in this JVM, as failsafe would, against a run set up by the caller: each run
 * in a scope of its own, opened for the run and closed after it.
 */
final class SuiteRunner {

    static final String REPORTER = "org.dynreg.tck.suite.ConformanceReporter";
    static final String ALLURE = "io.qameta.allure.cucumber7jvm.AllureCucumber7Jvm";

    private SuiteRunner() {
    }

    /** Runs the scenarios selected by {@code tags} over each version; returns the run's results. */
    static RunResults run(CertificationRun run, List<MqttVersion> versions, String tags, String plugins) {
        return run(RunScope.of(run), versions, tags, plugins, Path.of("features"));
    }

    /** As {@link #run(CertificationRun, List, String, String)}, in {@code scope} (whose results the caller may watch). */
    static RunResults run(RunScope scope, List<MqttVersion> versions, String tags, String plugins) {
        return run(scope, versions, tags, plugins, Path.of("features"));
    }

    /** As {@link #run(CertificationRun, List, String, String)}, with the feature files of {@code features}. */
    static RunResults run(CertificationRun run, List<MqttVersion> versions, String tags, String plugins, Path features) {
        return run(RunScope.of(run), versions, tags, plugins, features);
    }

    private static RunResults run(RunScope scope, List<MqttVersion> versions, String tags, String plugins, Path features) {
        CurrentScope.open(scope);
        try {
            execute(versions, tags, plugins, features);
        } finally {
            CurrentScope.close(scope);
        }
        return scope.results();
    }

    private static void execute(List<MqttVersion> versions, String tags, String plugins, Path features) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .filters(EngineFilter.includeEngines("cucumber"), TagFilter.excludeTags(Versions.DEVICE_TAG))
                .configurationParameter("cucumber.glue", "org.dynreg.tck.steps")
                .configurationParameter("cucumber.filter.tags", tags)
                .configurationParameter("cucumber.plugin", plugins);
        if (versions.contains(MqttVersion.V3_1_1)) {
            request.selectors(selectDirectory(features.toFile()));
        }
        if (versions.contains(MqttVersion.V5)) {
            // a copy of this JVM's own: the kit's tests run in several JVMs side by side
            Path copy = Path.of("target", "self-test", "features-" + ProcessHandle.current().pid() + "-" + Integer.toHexString(
                    features.toAbsolutePath().normalize().hashCode()), "mqtt5", "features");
            request.selectors(selectDirectory(Versions.copyForMqtt5(features, copy).toFile()));
        }
        LauncherFactory.create().execute(request.build());
    }
}
