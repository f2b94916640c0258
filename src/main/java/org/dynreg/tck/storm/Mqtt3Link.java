package org.dynreg.tck.storm;

import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAck;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;

/** A {@link DeviceLink} over MQTT 3.1.1. */
final class Mqtt3Link extends DeviceLink {

    private final Mqtt3AsyncClient client;

    Mqtt3Link(MqttClientBuilder builder, BiConsumer<String, byte[]> onMessage) {
        client = builder.useMqttVersion3().buildAsync();
        // the client's Rx flow (on its application scheduler, as the async callback is), for its end: the session's end
        client.toRx().publishes(MqttGlobalPublishFilter.ALL).subscribe(
                p -> onMessage.accept(p.getTopic().toString(), p.getPayloadAsBytes()), e -> flowEnded(), this::flowEnded);
    }

    @Override
    CompletableFuture<Connack> sendConnect(String username, String password) {
        return connack(client.connectWith().cleanSession(true).keepAlive(60)
                        .simpleAuth().username(username).password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                        .send(),
                ack -> connack(ack.getReturnCode().isError(), ack.getReturnCode().getCode(), ack.getReturnCode().name()),
                Mqtt3ConnAckException.class, refused -> {
                    var code = refused.getMqttMessage().getReturnCode();
                    return Connack.refused(code.getCode(), code.name());
                });
    }

    @Override
    CompletableFuture<Suback> subscribe(String topicFilter) {
        return suback(client.subscribeWith().topicFilter(topicFilter).qos(MqttQos.AT_LEAST_ONCE).send(),
                Mqtt3Link::suback, Mqtt3SubAckException.class, refused -> suback(refused.getMqttMessage()));
    }

    private static Suback suback(Mqtt3SubAck ack) {
        return suback(ack.getReturnCodes().stream().anyMatch(Mqtt3SubAckReturnCode::isError), ack.getReturnCodes());
    }

    @Override
    CompletableFuture<String> publish(String topic, byte[] payload) {
        return client.publishWith().topic(topic).payload(payload).qos(MqttQos.AT_LEAST_ONCE).send()
                .handle((result, e) -> e == null ? null : rootMessage(e));
    }

    @Override
    CompletableFuture<Void> sendDisconnect() {
        return client.disconnect();
    }
}
