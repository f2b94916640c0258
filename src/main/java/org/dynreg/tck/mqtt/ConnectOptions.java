package org.dynreg.tck.mqtt;

import java.nio.charset.StandardCharsets;

/**
 * What a CONNECT asks for besides its credentials: a Will Message, and a session that outlives the network
 * connection (MQTT 3.1.1: clean session 0; MQTT 5: a Session Expiry Interval). The kit's CONNECTs ask for
 * neither unless a scenario says so.
 */
public record ConnectOptions(Will will, boolean cleanStart, long sessionExpirySeconds) {

    /** A clean session that ends with the connection, and no Will. */
    public static final ConnectOptions NONE = new ConnectOptions(null, true, 0);

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
        return new ConnectOptions(w, cleanStart, sessionExpirySeconds);
    }

    /** A session that outlives the connection: kept {@code seconds} after it ends (MQTT 3.1.1: clean session 0). */
    public ConnectOptions persistent(long seconds) {
        return new ConnectOptions(will, false, seconds);
    }

    /**
     * Resumes the session the ClientID has (Clean Start 0 / clean session 0); over MQTT 5 with a Session Expiry
     * Interval of 0, so that the session ends with this connection (MQTT 3.1.1 keeps it: a clean CONNECT ends it).
     */
    public ConnectOptions resumingToEnd() {
        return new ConnectOptions(will, false, 0);
    }

    /** Whether the CONNECT asks not to start clean (MQTT 3.1.1: clean session 0; MQTT 5: Clean Start 0). */
    public boolean persistent() {
        return !cleanStart;
    }

    /** How the transcript shows them, for {@code version}: empty for {@link #NONE}. */
    String describe(boolean mqtt5) {
        StringBuilder s = new StringBuilder();
        if (will != null) {
            s.append(", ").append(will);
        }
        if (persistent()) {
            s.append(mqtt5 ? ", Clean Start 0, Session Expiry Interval " + sessionExpirySeconds + " s" : ", clean session 0");
        } else if (sessionExpirySeconds > 0 && mqtt5) {
            s.append(", Session Expiry Interval ").append(sessionExpirySeconds).append(" s");
        }
        return s.toString();
    }
}
