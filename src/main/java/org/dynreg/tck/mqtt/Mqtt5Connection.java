package org.dynreg.tck.mqtt;

import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5ConnAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubAckException;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5SubAckException;
import com.hivemq.client.mqtt.mqtt5.message.connect.Mqtt5ConnectBuilder;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5PublishResult;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAck;
import com.hivemq.client.mqtt.mqtt5.message.subscribe.suback.Mqtt5SubAckReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A {@link Connection} over MQTT 5: reason codes as the broker sent them. */
final class Mqtt5Connection extends Connection {

    private final Mqtt5AsyncClient client;

    Mqtt5Connection(Endpoint endpoint, String clientId, String label, Transcript transcript) {
        super(endpoint, label, transcript);
        client = builder(endpoint, clientId, this).useMqttVersion5().buildAsync();
        client.publishes(MqttGlobalPublishFilter.ALL,
                p -> onPublish(p.getTopic().toString(), p.getPayloadAsBytes(), p.getQos().getCode(), p.isRetain()));
    }

    @Override
    protected CompletableFuture<Outcomes.Connect> sendConnect(Credentials c, ConnectOptions options) {
        Mqtt5ConnectBuilder.Send<CompletableFuture<com.hivemq.client.mqtt.mqtt5.message.connect.connack.Mqtt5ConnAck>> connect =
                client.connectWith().cleanStart(options.cleanStart()).sessionExpiryInterval(options.sessionExpirySeconds())
                        .keepAlive(60);
        if (options.will() != null) {
            ConnectOptions.Will w = options.will();
            connect = connect.willPublish().topic(w.topic()).payload(w.payload()).qos(MqttQos.fromCode(w.qos()))
                    .retain(w.retain()).delayInterval(w.delaySeconds()).applyWillPublish();
        }
        var auth = connect.simpleAuth().username(c.username());
        if (c.password() != null) {
            auth = auth.password(c.password().getBytes(StandardCharsets.UTF_8));
        }
        return auth.applySimpleAuth().send().thenApply(ack -> {
            var r = ack.getRestrictions();
            offered(new Offered(r.getMaximumQos().getCode(), r.isRetainAvailable(), r.isSharedSubscriptionAvailable(),
                    r.getTopicAliasMaximum(), ack.getSessionExpiryInterval().orElse(options.sessionExpirySeconds()),
                    ack.isSessionPresent()));
            return new Outcomes.Connect(ack.getReasonCode().isError() ? Outcomes.Kind.FAILURE_CODE : Outcomes.Kind.SUCCESS,
                    new Outcomes.Code(ack.getReasonCode().getCode(), ack.getReasonCode().name()), "");
        });
    }

    @Override
    protected Outcomes.Connect connectFailure(Throwable e) {
        if (e instanceof Mqtt5ConnAckException ex) {
            var code = ex.getMqttMessage().getReasonCode();
            return new Outcomes.Connect(Outcomes.Kind.FAILURE_CODE, new Outcomes.Code(code.getCode(), code.name()), "");
        }
        return new Outcomes.Connect(Outcomes.Kind.CLOSED, null, rootMessage(e));
    }

    @Override
    protected CompletableFuture<Outcomes.Subscribe> sendSubscribe(String filter, int qos, int retainHandling) {
        return client.subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(qos))
                .retainHandling(com.hivemq.client.mqtt.mqtt5.message.subscribe.Mqtt5RetainHandling.fromCode(retainHandling)).send().thenApply(Mqtt5Connection::suback);
    }

    private static Outcomes.Subscribe suback(Mqtt5SubAck ack) {
        List<Outcomes.Code> codes = ack.getReasonCodes().stream()
                .map(c -> new Outcomes.Code(c.getCode(), c.name())).toList();
        boolean error = ack.getReasonCodes().stream().anyMatch(Mqtt5SubAckReasonCode::isError);
        return new Outcomes.Subscribe(error ? Outcomes.Kind.FAILURE_CODE : Outcomes.Kind.SUCCESS, codes, "");
    }

    @Override
    protected Outcomes.Subscribe subscribeFailure(Throwable e) {
        if (e instanceof Mqtt5SubAckException ex) {
            return suback(ex.getMqttMessage());
        }
        return new Outcomes.Subscribe(Outcomes.Kind.CLOSED, List.of(), rootMessage(e));
    }

    @Override
    protected CompletableFuture<Outcomes.Publish> sendPublish(String topic, byte[] payload, int qos, boolean retain) {
        return client.publishWith().topic(topic).payload(payload).qos(MqttQos.fromCode(qos)).retain(retain).send()
                .thenApply(result -> publishResult(qos, result));
    }

    private Outcomes.Publish publishResult(int qos, Mqtt5PublishResult result) {
        if (result instanceof Mqtt5PublishResult.Mqtt5Qos1Result q1) {
            Mqtt5PubAckReasonCode code = q1.getPubAck().getReasonCode();
            return new Outcomes.Publish(code.isError() ? Outcomes.Kind.FAILURE_CODE : Outcomes.Kind.SUCCESS, qos,
                    new Outcomes.Code(code.getCode(), code.name()), "");
        }
        if (result instanceof Mqtt5PublishResult.Mqtt5Qos2Result q2) {
            var code = q2.getPubRec().getReasonCode();
            return new Outcomes.Publish(code.isError() ? Outcomes.Kind.FAILURE_CODE : Outcomes.Kind.SUCCESS, qos,
                    new Outcomes.Code(code.getCode(), code.name()), "");
        }
        if (result.getError().isPresent()) {
            return publishFailure(qos, result.getError().get());
        }
        return new Outcomes.Publish(Outcomes.Kind.SUCCESS, qos, null, "");
    }

    @Override
    protected Outcomes.Publish publishFailure(int qos, Throwable e) {
        if (e instanceof Mqtt5PubAckException ex) {
            var code = ex.getMqttMessage().getReasonCode();
            return new Outcomes.Publish(Outcomes.Kind.FAILURE_CODE, qos, new Outcomes.Code(code.getCode(), code.name()), "");
        }
        if (e instanceof com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5PubRecException ex) {
            var code = ex.getMqttMessage().getReasonCode();
            return new Outcomes.Publish(Outcomes.Kind.FAILURE_CODE, qos, new Outcomes.Code(code.getCode(), code.name()), "");
        }
        return new Outcomes.Publish(Outcomes.Kind.CLOSED, qos, null, rootMessage(e));
    }

    @Override
    protected String disconnectDetail(Throwable cause) {
        if (cause instanceof Mqtt5DisconnectException ex) {
            var code = ex.getMqttMessage().getReasonCode();
            return ": DISCONNECT " + new Outcomes.Code(code.getCode(), code.name());
        }
        return super.disconnectDetail(cause);
    }

    @Override
    public Outcomes.Publish publishWithTopicAlias(String topic, int alias, byte[] payload) {
        transcript.sent(label, "PUBLISH \"" + topic + "\" QoS 0 Topic Alias " + alias
                + (topic.isEmpty() ? " (the alias alone names the topic)" : "") + " " + shown(payload));
        if (!connected()) {
            Outcomes.Publish closed = new Outcomes.Publish(Outcomes.Kind.CLOSED, 0, null, "the connection was already closed");
            transcript.received(label, closed.toString());
            return closed;
        }
        io.netty.channel.ChannelFuture written = channel().writeAndFlush(
                io.netty.buffer.Unpooled.wrappedBuffer(TopicAliasPublish.encode(topic, alias, payload)));
        boolean ok = written.awaitUninterruptibly(ACK_TIMEOUT.toMillis()) && written.isSuccess();
        Outcomes.Publish outcome = ok ? new Outcomes.Publish(Outcomes.Kind.SUCCESS, 0, null, "")
                : new Outcomes.Publish(Outcomes.Kind.CLOSED, 0, null, "could not be written");
        if (!ok) {
            transcript.received(label, outcome.toString());
        }
        return outcome;
    }

    @Override
    public void disconnectWithWill() {
        if (connected()) {
            transcript.sent(label, "DISCONNECT 0x04 DISCONNECT_WITH_WILL_MESSAGE");
            closing();
            awaitQuietly(client.disconnectWith()
                    .reasonCode(com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode.DISCONNECT_WITH_WILL_MESSAGE)
                    .send());
        }
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
