package org.dynreg.tck.suite;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.ExcludeTags;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/**
 * Certifies the broker: every scenario of {@code features/} over MQTT 3.1.1, and every scenario of its copy
 * {@code target/mqtt5/features/} (made by the build) over MQTT 5 if the fixture lists "5" — in one run, so
 * that the scenarios of both versions run at once. The device bench's features ({@code features/device/}, tagged
 * {@code @device}) are not the broker's: they run with {@code -Pdevice}.
 */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories({Versions.MQTT_3_1_1_FEATURES, Versions.MQTT_5_FEATURES})
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "org.dynreg.tck.steps")
@ExcludeTags(Versions.DEVICE_TAG)
public class CertificationIT {
}
