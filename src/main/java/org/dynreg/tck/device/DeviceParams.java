package org.dynreg.tck.device;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dynreg.tck.spec.Secret;

/**
 * What the device bench gives a device for one start, and how a device command receives it: environment
 * variables (README, "Certify a device"). The state folder survives between the starts of one scenario.
 */
public record DeviceParams(URI broker, String productSN, Secret productSecret, String deviceSN, Path stateDir) {

    public static final String BROKER = "DYNREG_BROKER";
    public static final String BROKER_HOST = "DYNREG_BROKER_HOST";
    public static final String BROKER_PORT = "DYNREG_BROKER_PORT";
    public static final String PRODUCT_SN = "DYNREG_PRODUCT_SN";
    public static final String PRODUCT_SECRET = "DYNREG_PRODUCT_SECRET";
    public static final String DEVICE_SN = "DYNREG_DEVICE_SN";
    public static final String STATE_DIR = "DYNREG_STATE_DIR";

    /** The environment of a device command (the ProdSecret in clear: the device needs it). */
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(BROKER, broker.toString());
        env.put(BROKER_HOST, broker.getHost());
        env.put(BROKER_PORT, String.valueOf(broker.getPort()));
        env.put(PRODUCT_SN, productSN);
        env.put(PRODUCT_SECRET, productSecret.reveal());
        env.put(DEVICE_SN, deviceSN);
        env.put(STATE_DIR, stateDir.toAbsolutePath().toString());
        return env;
    }

    /** The same, as shown to a person (the ProdSecret masked unless {@code reveal}). */
    public String describe(boolean reveal) {
        StringBuilder out = new StringBuilder();
        environment().forEach((k, v) -> out.append("  ").append(k).append('=')
                .append(k.equals(PRODUCT_SECRET) && !reveal ? productSecret.toString() : v).append('\n'));
        return out.toString();
    }

    /** The parameters a device command was started with; one line naming what is missing. */
    public static DeviceParams fromEnvironment(Map<String, String> env) {
        for (String key : new String[] {BROKER, PRODUCT_SN, PRODUCT_SECRET, DEVICE_SN, STATE_DIR}) {
            if (env.get(key) == null || env.get(key).isBlank()) {
                throw new IllegalArgumentException("environment variable " + key + " is not set (the device bench sets it)");
            }
        }
        return new DeviceParams(URI.create(env.get(BROKER)), env.get(PRODUCT_SN), Secret.of(env.get(PRODUCT_SECRET)),
                env.get(DEVICE_SN), Path.of(env.get(STATE_DIR)));
    }
}
