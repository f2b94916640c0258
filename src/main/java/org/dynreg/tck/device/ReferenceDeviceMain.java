package org.dynreg.tck.device;

/**
 * The reference device as a command, started the way the bench starts a vendor's device (its parameters in
 * {@code DYNREG_*} environment variables, see {@link DeviceParams}); it runs until it is killed. The bench's own tests
 * run it so, to prove the path a vendor's command takes.
 */
public final class ReferenceDeviceMain {

    private ReferenceDeviceMain() {
    }

    public static void main(String[] args) {
        DeviceParams params;
        try {
            params = DeviceParams.fromEnvironment(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("reference device: " + e.getMessage());
            System.exit(2);
            return;
        }
        ReferenceDevice device = new ReferenceDevice(params, Conduct.reference());
        Runtime.getRuntime().addShutdownHook(new Thread(device::stop));
        device.run();
    }
}
