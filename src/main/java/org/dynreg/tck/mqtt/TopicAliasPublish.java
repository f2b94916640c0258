package org.dynreg.tck.mqtt;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * An MQTT 5 PUBLISH at QoS 0 with a Topic Alias, as bytes: the MQTT client chooses its topic aliases itself, so a
 * PUBLISH that sets an alias on a topic, re-points it, or uses it with an empty topic name is written this way.
 */
final class TopicAliasPublish {

    private static final int PUBLISH_QOS_0 = 0x30;
    private static final int TOPIC_ALIAS = 0x23;

    private TopicAliasPublish() {
    }

    /** The packet: {@code topic} (empty: the alias alone names it), Topic Alias {@code alias}, {@code payload}. */
    static byte[] encode(String topic, int alias, byte[] payload) {
        if (alias < 1 || alias > 0xFFFF) {
            throw new IllegalArgumentException("a Topic Alias is 1 to 65535, not " + alias);
        }
        byte[] name = topic.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(name.length >> 8);
        body.write(name.length & 0xFF);
        body.writeBytes(name);
        body.write(3); // property length: the Topic Alias property, 1 + 2 bytes
        body.write(TOPIC_ALIAS);
        body.write(alias >> 8);
        body.write(alias & 0xFF);
        body.writeBytes(payload);
        ByteArrayOutputStream packet = new ByteArrayOutputStream();
        packet.write(PUBLISH_QOS_0);
        writeVariableByteInteger(packet, body.size());
        packet.writeBytes(body.toByteArray());
        return packet.toByteArray();
    }

    private static void writeVariableByteInteger(ByteArrayOutputStream out, int value) {
        int v = value;
        do {
            int b = v % 128;
            v /= 128;
            out.write(v > 0 ? b | 0x80 : b);
        } while (v > 0);
    }
}
