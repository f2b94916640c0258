package org.dynreg.tck.bench;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * Certifies a device ({@code mvn verify -Pdevice}): every scenario of {@code features/device/}, against the kit's
 * reference platform, with the device {@code -Ddevice.cmd} starts (the kit's reference device without it).
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("features/device")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "org.dynreg.tck.bench.steps")
@ConfigurationParameter(key = PLUGIN_PROPERTY_NAME, value = "io.qameta.allure.cucumber7jvm.AllureCucumber7Jvm, " + BenchReporter.NAME)
public class DeviceBenchIT {
}
