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
        return client.connectWith().cleanStart(true).keepAlive(60)
                .simpleAuth().username(username).password(password.getBytes(StandardCharsets.UTF_8)).applySimpleAuth()
                .send()
                .handle((ack, e) -> {
                    if (e == null) {
                        return ack.getReasonCode().isError()
                                ? Connack.refused(ack.getReasonCode().getCode(), ack.getReasonCode().name()) : Connack.success();
                    }
                    Throwable cause = e.getCause() != null && !(e instanceof Mqtt5ConnAckException) ? e.getCause() : e;
                    if (cause instanceof Mqtt5ConnAckException refused) {
                        var code = refused.getMqttMessage().getReasonCode();
                        return Connack.refused(code.getCode(), code.name());
                    }
                    return Connack.closed(e);
                });
    }

    @Override
    CompletableFuture<Suback> subscribe(String topicFilter) {
        return client.subscribeWith().topicFilter(topicFilter).qos(MqttQos.AT_LEAST_ONCE).send()
                .handle((ack, e) -> {
                    if (e == null) {
                        return suback(ack);
                    }
                    Throwable cause = e.getCause() != null && !(e instanceof Mqtt5SubAckException) ? e.getCause() : e;
                    if (cause instanceof Mqtt5SubAckException refused) {
                        return suback(refused.getMqttMessage());
                    }
                    return new Suback(false, rootMessage(e), true);
                });
    }

    private static Suback suback(Mqtt5SubAck ack) {
        boolean error = ack.getReasonCodes().stream().anyMatch(Mqtt5SubAckReasonCode::isError);
        return new Suback(!error, error ? "SUBACK " + ack.getReasonCodes() : null, false);
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
