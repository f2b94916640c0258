package org.dynreg.tck.suite;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectDirectories;
import org.junit.platform.suite.api.Suite;

/** Certifies the broker over MQTT 5: every scenario of {@code features/}, if the fixture lists "5". */
@Suite
@IncludeEngines("cucumber")
@SelectDirectories("features")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "org.dynreg.tck.steps,org.dynreg.tck.suite.v5")
public class Mqtt5CertificationIT {
}
