package org.dynreg.tck.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicAliasPublishTest {

    @Test
    void aPublishWithTheAliasAloneHasAnEmptyTopicNameAndTheTopicAliasProperty() {
        byte[] packet = TopicAliasPublish.encode("", 7, new byte[] {'h', 'i'});
        // PUBLISH QoS 0; remaining length 8: topic length 0, properties 3 (Topic Alias 0x23 = 7), payload "hi"
        assertThat(packet).containsExactly(0x30, 8, 0, 0, 3, 0x23, 0, 7, 'h', 'i');
    }

    @Test
    void aLongPayloadTakesATwoByteRemainingLength() {
        byte[] packet = TopicAliasPublish.encode("a/b", 1, new byte[200]);
        int remaining = 2 + 3 + 1 + 3 + 200;
        assertThat(packet[1] & 0xFF).isEqualTo((remaining % 128) | 0x80);
        assertThat(packet[2]).isEqualTo((byte) (remaining / 128));
        assertThat(packet).hasSize(3 + remaining);
    }

    @Test
    void anAliasOutsideItsRangeIsRefused() {
        assertThatThrownBy(() -> TopicAliasPublish.encode("t", 0, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }
}
