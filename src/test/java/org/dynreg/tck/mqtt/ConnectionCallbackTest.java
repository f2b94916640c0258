package org.dynreg.tck.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.dynreg.tck.fixture.BrokerAddress;
import org.dynreg.tck.spec.MqttVersion;
import org.junit.jupiter.api.Test;

/**
 * The client never calls a callback that threw once again (hivemq-mqtt-client issue 575): a connection whose
 * callback let an exception out would stay open and acknowledging, and hear nothing more. What the kit cannot
 * record goes into the transcript instead, and the next PUBLISH is recorded.
 */
class ConnectionCallbackTest {

    @Test
    void aPublishTheKitCannotRecordIsNotedAndTheNextOneIsRecorded() {
        Transcript transcript = new Transcript();
        Connection c = Connection.create(new Endpoint(BrokerAddress.tcp("127.0.0.1", 1), Optional.empty()), MqttVersion.V5,
                "callback-test", "observer", transcript);

        assertThatCode(() -> c.onPublish("a/topic", null, 1, false)).doesNotThrowAnyException();
        c.onPublish("a/topic", "{\"token\":\"after\"}".getBytes(StandardCharsets.UTF_8), 1, false);

        assertThat(transcript.render()).contains("the kit could not record a PUBLISH it received on \"a/topic\"");
        assertThat(c.received()).singleElement().satisfies(r -> assertThat(r.contains("after")).isTrue());
    }
}
