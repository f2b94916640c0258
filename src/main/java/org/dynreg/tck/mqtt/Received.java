package org.dynreg.tck.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * A PUBLISH the broker delivered to one of the kit's connections (with {@code retain}: a retained message, sent
 * because of a new subscription); {@code text} is its payload as UTF-8, decoded once.
 */
public record Received(String topic, byte[] payload, String text, int qos, boolean retain, Instant at) {

    public static Received of(String topic, byte[] payload, int qos, boolean retain, Instant at) {
        return new Received(topic, payload, new String(payload, StandardCharsets.UTF_8), qos, retain, at);
    }

    public boolean contains(String token) {
        return text.contains(token);
    }
}
