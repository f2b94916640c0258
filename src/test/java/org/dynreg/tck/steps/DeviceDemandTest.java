package org.dynreg.tck.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.dynreg.tck.kit.DevicePool;
import org.junit.jupiter.api.Test;

/** The devices a run takes, as the step definitions declare them, counted over the selected scenarios. */
class DeviceDemandTest {

    private static final Path FEATURES = Path.of("features");

    @Test
    void aScenarioTakesTheFreshDevicesItsStepsDeclare() {
        assertThat(DeviceDemand.perVersion(FEATURES, "@PRE-1")).as("one fresh device").isEqualTo(1);
        assertThat(DeviceDemand.perVersion(FEATURES, "@RESTRICT-4")).as("6 scenarios, a device and another each").isEqualTo(12);
    }

    @Test
    void scenariosThatNeedARegisteredDeviceShareTheRunsFew() {
        assertThat(DeviceDemand.perVersion(FEATURES, "@STATIC-1")).isEqualTo(DevicePool.SHARED_REGISTERED);
        assertThat(DeviceDemand.perVersion(FEATURES, "@STATIC-1 or @ADV-4")).isEqualTo(DevicePool.SHARED_REGISTERED);
    }

    @Test
    void refusalProbesTakeNothing() {
        assertThat(DeviceDemand.perVersion(FEATURES, "@CRED-2 or @PRE-2 or @PRE-3 or @PRE-4")).isZero();
    }
}
