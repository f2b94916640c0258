package org.dynreg.tck.kit;

import java.time.Instant;
import org.dynreg.tck.mqtt.Outcomes;

/** A SUBSCRIBE a scenario judges: its filter, when it was sent, and the broker's answer. */
public record Subscribed(String filter, Instant at, Outcomes.Subscribe outcome) {

    public boolean granted() {
        return outcome.granted();
    }
}
