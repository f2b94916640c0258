package org.dynreg.tck.mqtt;

import java.util.ArrayList;
import java.util.List;

/**
 * The optional MQTT features a broker says, in its CONNACK, that it offers (MQTT 5: Maximum QoS, Retain Available,
 * Shared Subscription Available, Topic Alias Maximum, the Session Expiry Interval it grants, Session Present).
 * An MQTT 3.1.1 CONNACK says only Session Present: everything else counts as offered, and a broker that does not
 * offer it shows so by a lower granted QoS or a refusal.
 */
public record Offered(int maximumQos, boolean retainAvailable, boolean sharedSubscriptionAvailable, int topicAliasMaximum,
                      long sessionExpirySeconds, boolean sessionPresent) {

    /** What an MQTT 3.1.1 CONNACK implies: everything, and the session as asked. */
    static Offered byMqtt3(boolean sessionPresent, ConnectOptions asked) {
        return new Offered(2, true, true, 0, asked.sessionExpirySeconds(), sessionPresent);
    }

    /** The CONNACK properties that say a feature is not offered, for evidence; empty if none. */
    public String restrictions() {
        List<String> s = new ArrayList<>();
        if (maximumQos < 2) {
            s.add("Maximum QoS " + maximumQos);
        }
        if (!retainAvailable) {
            s.add("Retain Available 0");
        }
        if (!sharedSubscriptionAvailable) {
            s.add("Shared Subscription Available 0");
        }
        return String.join(", ", s);
    }
}
