package org.dynreg.tck.mqtt;

import java.nio.charset.StandardCharsets;

/**
 * What a CONNECT asks for besides its credentials: a Will Message, and a session that outlives the network
 * connection (MQTT 3.1.1: clean session 0; MQTT 5: a Session Expiry Interval). The kit's CONNECTs ask for
 * neither unless a scenario says so.
 */
public record ConnectOptions(Will will, long sessionExpirySeconds) {

    /** A clean session that ends with the connection, and no Will. */
    public static final ConnectOptions NONE = new ConnectOptions(null, 0);

    /** A Will Message: where it goes, what it says, its QoS, its retain flag and (MQTT 5) its Will Delay Interval. */
    public record Will(String topic, byte[] payload, int qos, boolean retain, long delaySeconds) {
        public static Will of(String topic, String payload, int qos) {
            return new Will(topic, payload.getBytes(StandardCharsets.UTF_8), qos, false, 0);
        }

        public Will delayed(long seconds) {
            return new Will(topic, payload, qos, retain, seconds);
        }

        @Override
        public String toString() {
            return "Will \"" + topic + "\" QoS " + qos + " retain " + (retain ? 1 : 0)
                    + (delaySeconds > 0 ? " Will Delay Interval " + delaySeconds + " s" : "") + " " + Connection.shown(payload);
        }
    }

    public ConnectOptions withWill(Will w) {
        return new ConnectOptions(w, sessionExpirySeconds);
    }

    /** A session that outlives the connection: kept {@code seconds} after it ends (MQTT 3.1.1: clean session 0). */
    public ConnectOptions persistent(long seconds) {
        return new ConnectOptions(will, seconds);
    }

    public boolean persistent() {
        return sessionExpirySeconds > 0;
    }

    /** How the transcript shows them, for {@code version}: empty for {@link #NONE}. */
    String describe(boolean mqtt5) {
        StringBuilder s = new StringBuilder();
        if (will != null) {
            s.append(", ").append(will);
        }
        if (persistent()) {
            s.append(mqtt5 ? ", Clean Start 0, Session Expiry Interval " + sessionExpirySeconds + " s" : ", clean session 0");
        }
        return s.toString();
    }
}
