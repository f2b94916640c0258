package org.dynreg.tck.spec;

import java.util.Arrays;
import java.util.Optional;

/** The MQTT versions the kit certifies over. */
public enum MqttVersion {
    V3_1_1("3.1.1"),
    V5("5");

    private final String label;

    MqttVersion(String label) {
        this.label = label;
    }

    /** As written in the fixture and shown in reports: "3.1.1" or "5". */
    public String label() {
        return label;
    }

    public static Optional<MqttVersion> parse(String text) {
        String t = text.trim();
        if (t.equals("5.0")) {
            t = "5";
        }
        String wanted = t;
        return Arrays.stream(values()).filter(v -> v.label.equals(wanted)).findFirst();
    }

    @Override
    public String toString() {
        return "MQTT " + label;
    }
}
