package org.dynreg.tck.kit;

import java.time.Instant;
import org.dynreg.tck.mqtt.Outcomes;

/**
 * The message a scenario judges: its topic, the token that recognises it, when it was sent, and what the
 * broker answered — to a device that published it, its {@code outcome} (else null); to the observer's probe,
 * whether the broker {@code routed} it back through {@code #} (null: no observer published it).
 */
public record Sent(String topic, String token, Instant at, Outcomes.Publish outcome, Boolean routed) {

    /** A device's publish, and its acknowledgement. */
    public static Sent byDevice(String topic, String token, Instant at, Outcomes.Publish outcome) {
        return new Sent(topic, token, at, outcome, null);
    }

    /** The observer's probe (with {@code routed} null if there is no observer to send it). */
    public static Sent probe(String topic, String token, Instant at, Boolean routed) {
        return new Sent(topic, token, at, null, routed);
    }

    /**
     * The same message, kept by the broker as a retained message and due to a subscription made at {@code at}: "not
     * delivered" counts from then.
     */
    public Sent servedAt(Instant at) {
        return new Sent(topic, token, at, outcome, routed);
    }

    /** A device's Will Message, recognised by {@code token}, due when its session ended ({@code at}). */
    public static Sent will(String topic, String token, Instant at) {
        return new Sent(topic, token, at, null, null);
    }

    /** A message the broker sent another client, which arrived there at {@code at}. */
    public static Sent arrived(String topic, Instant at) {
        return new Sent(topic, null, at, null, null);
    }
}
