package org.dynreg.tck.bench;

import java.time.Duration;
import org.dynreg.tck.device.DeviceParams;

/** How the bench starts the device under test once, and ends it. */
public interface Launcher {

    /** What is certified, as the summary's header names it. */
    String describe();

    /** How long the bench waits for the device's first CONNECT after a start (a person starting it needs longer). */
    default Duration connectWait() {
        return DeviceBench.CONNECT_WAIT;
    }

    /** Starts the device with {@code params}; {@code start} says which start of the scenario this is (1, 2). */
    Running start(DeviceParams params, String scenario, int start);

    /** A started device. */
    interface Running {
        /** Ends the device, within {@code bound}; one line saying how it ended. */
        String stop(Duration bound);

        /** What the device printed (a command's output, masked later), if anything. */
        default String output() {
            return "";
        }
    }
}
