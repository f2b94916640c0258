package org.dynreg.tck.bench;

import java.time.Duration;
import org.dynreg.tck.device.Conduct;
import org.dynreg.tck.device.DeviceParams;
import org.dynreg.tck.device.ReferenceDevice;

/** The kit's reference device, in this JVM, on a thread of its own per start (with a {@link Conduct}: the self-test's devices). */
public final class InProcessLauncher implements Launcher {

    private final Conduct conduct;
    private final String name;

    public InProcessLauncher(Conduct conduct, String name) {
        this.conduct = conduct;
        this.name = name;
    }

    @Override
    public String describe() {
        return name;
    }

    @Override
    public Running start(DeviceParams params, String scenario, int start) {
        ReferenceDevice device = new ReferenceDevice(params, conduct);
        Thread thread = new Thread(device, "device " + params.deviceSN() + " start " + start);
        thread.setDaemon(true);
        thread.start();
        return new Running() {
            @Override
            public String stop(Duration bound) {
                device.stop();
                try {
                    thread.join(bound.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (thread.isAlive()) {
                    thread.interrupt();
                    return "did not end within " + bound.toMillis() + " ms of being stopped (last: " + device.status() + ")";
                }
                return "stopped (last: " + device.status() + ")";
            }
        };
    }
}
