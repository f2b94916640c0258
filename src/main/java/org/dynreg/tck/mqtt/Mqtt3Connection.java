package org.dynreg.tck.mqtt;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3ConnAckException;
import com.hivemq.client.mqtt.mqtt3.exceptions.Mqtt3SubAckException;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAck;
import com.hivemq.client.mqtt.mqtt3.message.subscribe.suback.Mqtt3SubAckReturnCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A {@link Connection} over MQTT 3.1.1: return codes as the broker sent them. */
final class Mqtt3Connection extends Connection {

    private final Mqtt3AsyncClient client;

    Mqtt3Connection(Endpoint endpoint, String clientId, String label, Transcript transcript) {
        super(endpoint, label, transcript);
        client = builder(endpoint, clientId, this).useMqttVersion3().buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL,
                p -> onPublish(p.getTopic().toString(), p.getPayloadAsBytes(), p.getQos().getCode(), p.isRetain()));
    }

    @Override
    protected CompletableFuture<Outcomes.Connect> sendConnect(Credentials c, ConnectOptions options) {
        var connect = client.connectWith().cleanSession(options.cleanStart()).keepAlive(60);
        if (options.will() != null) {
            ConnectOptions.Will w = options.will();
            connect = connect.willPublish().topic(w.topic()).payload(w.payload()).qos(MqttQos.fromCode(w.qos()))
                    .retain(w.retain()).applyWillPublish();
        }
        var auth = connect.simpleAuth().username(c.username());
        if (c.password() != null) {
            auth = auth.password(c.password().getBytes(StandardCharsets.UTF_8));
        }
        return auth.applySimpleAuth().send().thenApply(ack -> {
            offered(Offered.byMqtt3(ack.isSessionPresent(), options));
            return new Outcomes.Connect(ack.getReturnCode().isError() ? Outcomes.Kind.FAILURE_CODE : Outcomes.Kind.SUCCESS,
                    new Outcomes.Code(ack.getReturnCode().getCode(), ack.getReturnCode().name()), "");
        });
    }

    @Override
    protected Outcomes.Connect connectFailure(Throwable e) {
        if (e instanceof Mqtt3ConnAckException ex) {
            var code = ex.getMqttMessage().getReturnCode();
            return new Outcomes.Connect(Outcomes.Kind.FAILURE_CODE, new Outcomes.Code(code.getCode(), code.name()), "");
        }
        return new Outcomes.Connect(Outcomes.Kind.CLOSED, null, rootMessage(e));
    }

    @Override
    protected CompletableFuture<Outcomes.Subscribe> sendSubscribe(String filter, int qos, int retainHandling) {
        if (retainHandling != 0) {
            throw new UnsupportedOperationException("MQTT 3.1.1 has no Retain Handling option");
        }
        return client.subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(qos)).send().thenApply(Mqtt3Connection::suback);
    }

    private static Outcomes.Subscribe suback(Mqtt3SubAck ack) {
        List<Outcomes.Code> codes = ack.getReturnCodes().stream()
                .map(c -> new Outcomes.Code(c.getCode(), c.name())).toList();
        boolean error = ack.getReturnCodes().stream().anyMatch(Mqtt3SubAckReturnCode::isError);
        return new Outcomes.Subscribe(error ? Outcomes.Kind.FAILURE_CODE : Outcomes.Kind.SUCCESS, codes, "");
    }

    @Override
    protected Outcomes.Subscribe subscribeFailure(Throwable e) {
        if (e instanceof Mqtt3SubAckException ex) {
            return suback(ex.getMqttMessage());
        }
        return new Outcomes.Subscribe(Outcomes.Kind.CLOSED, List.of(), rootMessage(e));
    }

    @Override
    protected CompletableFuture<Outcomes.Publish> sendPublish(String topic, byte[] payload, int qos, boolean retain) {
        return client.publishWith().topic(topic).payload(payload).qos(MqttQos.fromCode(qos)).retain(retain).send()
                .thenApply(p -> new Outcomes.Publish(Outcomes.Kind.SUCCESS, qos, null, ""));
    }

    @Override
    protected Outcomes.Publish publishFailure(int qos, Throwable e) {
        return new Outcomes.Publish(Outcomes.Kind.CLOSED, qos, null, rootMessage(e));
    }

    @Override
    protected CompletableFuture<?> sendUnsubscribe(String filter) {
        return client.unsubscribeWith().topicFilter(filter).send();
    }

    @Override
    protected CompletableFuture<Void> sendDisconnect() {
        return client.disconnect();
    }
}
