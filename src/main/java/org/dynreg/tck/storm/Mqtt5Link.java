package org.dynreg.tck.storm;

import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/** A {@link DeviceLink} over MQTT 5. */
final class Mqtt5Link extends DeviceLink {

    private final Mqtt5AsyncClient client;

    Mqtt5Link(MqttClientBuilder builder, BiConsumer<String, byte[]> onMessage) {
        client = builder.useMqttVersion5().buildAsync();
        // the client's Rx flow (on its application scheduler, as the async callback is), for its end: the session's end
        client.toRx().publishes(MqttGlobalPublishFilter.ALL).subscribe(
                p -> onMessage.accept(p.getTopic().toString(), p.getPayloadAsBytes()), e -> flowEnded(), this::flowEnded);
    }

    @Override
    CompletableFuture<Connack> sendConnect(String username, String password) {
        return connack(client.connectWith().cleanStart(true).keepAlive(60)
                        .simpleAuth().username(username).password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                        .send(),
                ack -> connack(ack.getReasonCode().isError(), ack.getReasonCode().getCode(), ack.getReasonCode().name()),
                Mqtt5ConnAckException.class, refused -> {
                    var code = refused.getMqttMessage().getReasonCode();
                    return Connack.refused(code.getCode(), code.name());
                });
    }

    @Override
    CompletableFuture<Suback> subscribe(String topicFilter) {
        return suback(client.subscribeWith().topicFilter(topicFilter).qos(MqttQos.AT_LEAST_ONCE).send(),
                Mqtt5Link::suback, Mqtt5SubAckException.class, refused -> suback(refused.getMqttMessage()));
    }

    private static Suback suback(Mqtt5SubAck ack) {
        return suback(ack.getReasonCodes().stream().anyMatch(Mqtt5SubAckReasonCode::isError), ack.getReasonCodes());
    }

    @Override
    CompletableFuture<String> publish(String topic, byte[] payload) {
        return client.publishWith().topic(topic).payload(payload).qos(MqttQos.AT_LEAST_ONCE).send()
                .handle((result, e) -> {
                    if (e != null) {
                        return rootMessage(e);
                    }
                    if (result instanceof Mqtt5PublishResult.Mqtt5Qos1Result q1 && q1.getPubAck().getReasonCode().isError()) {
                        return "PUBACK " + q1.getPubAck().getReasonCode();
                    }
                    return result.getError().map(DeviceLink::rootMessage).orElse(null);
                });
    }

    @Override
    CompletableFuture<Void> sendDisconnect() {
        return client.disconnect();
    }
}
