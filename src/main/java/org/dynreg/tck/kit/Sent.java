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

    /** A message the broker sent another client, which arrived there at {@code at}. */
    public static Sent arrived(String topic, Instant at) {
        return new Sent(topic, null, at, null, null);
    }
}
