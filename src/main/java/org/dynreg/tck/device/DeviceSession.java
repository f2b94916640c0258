package org.dynreg.tck.device;

import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3Client;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.Mqtt5Client;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** One connection of the reference device, over MQTT 3.1.1 or MQTT 5 (the HiveMQ client's two APIs, one shape). */
abstract class DeviceSession {

    /** Connects; null if the CONNECT was refused or not answered within {@code wait}. */
    static DeviceSession open(boolean mqtt5, DeviceParams params, String clientId, String userName, String password, int keepAlive,
                              Duration wait) throws InterruptedException {
        DeviceSession session = mqtt5 ? new V5(params, clientId) : new V3(params, clientId);
        try {
            session.connect(userName, password.getBytes(StandardCharsets.UTF_8), keepAlive).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return session;
        } catch (ExecutionException | TimeoutException e) {
            session.disconnect();
            return null;
        }
    }

    abstract CompletableFuture<?> connect(String userName, byte[] password, int keepAlive);

    /** Completes with the SUBACK; each message of the subscription goes to {@code onMessage}. */
    abstract CompletableFuture<?> subscribe(String filter, int qos, Consumer<byte[]> onMessage);

    abstract CompletableFuture<?> publish(String topic, int qos, byte[] payload);

    abstract void disconnect();

    private static final class V3 extends DeviceSession {
        private final Mqtt3AsyncClient client;

        V3(DeviceParams params, String clientId) {
            client = Mqtt3Client.builder().identifier(clientId).serverHost(params.broker().getHost())
                    .serverPort(params.broker().getPort()).buildAsync();
        }

        @Override
        CompletableFuture<?> connect(String userName, byte[] password, int keepAlive) {
            return client.connectWith().cleanSession(true).keepAlive(keepAlive)
                    .simpleAuth().username(userName).password(password).applySimpleAuth().send();
        }

        @Override
        CompletableFuture<?> subscribe(String filter, int qos, Consumer<byte[]> onMessage) {
            return client.subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(qos))
                    .callback(p -> onMessage.accept(p.getPayloadAsBytes())).send();
        }

        @Override
        CompletableFuture<?> publish(String topic, int qos, byte[] payload) {
            return client.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload(payload).send();
        }

        @Override
        void disconnect() {
            client.disconnect();
        }
    }

    private static final class V5 extends DeviceSession {
        private final Mqtt5AsyncClient client;

        V5(DeviceParams params, String clientId) {
            client = Mqtt5Client.builder().identifier(clientId).serverHost(params.broker().getHost())
                    .serverPort(params.broker().getPort()).buildAsync();
        }

        @Override
        CompletableFuture<?> connect(String userName, byte[] password, int keepAlive) {
            return client.connectWith().cleanStart(true).keepAlive(keepAlive)
                    .simpleAuth().username(userName).password(password).applySimpleAuth().send();
        }

        @Override
        CompletableFuture<?> subscribe(String filter, int qos, Consumer<byte[]> onMessage) {
            return client.subscribeWith().topicFilter(filter).qos(MqttQos.fromCode(qos))
                    .callback(p -> onMessage.accept(p.getPayloadAsBytes())).send();
        }

        @Override
        CompletableFuture<?> publish(String topic, int qos, byte[] payload) {
            return client.publishWith().topic(topic).qos(MqttQos.fromCode(qos)).payload(payload).send();
        }

        @Override
        void disconnect() {
            client.disconnect();
        }
    }
}
