package org.dynreg.tck.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** A PUBLISH the broker delivered to one of the kit's connections (with {@code retain}: a retained message, sent because of a new subscription). */
public record Received(String topic, byte[] payload, int qos, boolean retain, Instant at) {

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    public boolean contains(String token) {
        return text().contains(token);
    }
}
