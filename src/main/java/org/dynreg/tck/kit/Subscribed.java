package org.dynreg.tck.kit;

import org.dynreg.tck.mqtt.Outcomes;

/** A SUBSCRIBE a scenario judges: its filter and the broker's answer. */
public record Subscribed(String filter, Outcomes.Subscribe outcome) {

    public boolean granted() {
        return outcome.granted();
    }
}
