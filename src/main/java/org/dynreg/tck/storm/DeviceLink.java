package org.dynreg.tck.storm;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.dynreg.tck.mqtt.Endpoint;
import org.dynreg.tck.spec.MqttVersion;

/**
 * One MQTT connection of a simulated device, on the HiveMQ client's asynchronous API: no thread of its
 * own, every answer a future that completes normally (a refusal or a closed connection is a value).
 */
abstract class DeviceLink {

    /** The connect's answer: accepted, refused with a code, or closed / timed out without a CONNACK. */
    record Connack(boolean accepted, int code, String name, String closed, boolean timedOut) {
        static Connack success() {
            return new Connack(true, 0, "SUCCESS", null, false);
        }

        static Connack refused(int code, String name) {
            return new Connack(false, code, name, null, false);
        }

        static Connack closed(Throwable e) {
            String message = rootMessage(e);
            return new Connack(false, -1, null, message, message.contains("Timeout while waiting for CONNACK"));
        }

        boolean refusedWithCode() {
            return !accepted && closed == null;
        }

        String describe() {
            if (accepted) {
                return "accepted";
            }
            return closed == null ? "CONNACK " + name + " (0x" + Integer.toHexString(code) + ")" : "no CONNACK: " + closed;
        }
    }

    /** The SUBACK: granted, or why not. */
    record Suback(boolean granted, String problem, boolean closed) {
    }

    /**
     * @param onLost told why, when the connection ends other than by this side's DISCONNECT (also when
     *               a CONNECT fails: the caller knows which phase it is in)
     */
    static DeviceLink create(MqttVersion version, Endpoint endpoint, MqttClientExecutorConfig executors, String clientId,
                             BiConsumer<String, byte[]> onMessage, Consumer<String> onLost) {
        MqttClientBuilder builder = endpoint.configure(MqttClient.builder().identifier(clientId).executorConfig(executors))
                .addDisconnectedListener(context -> {
                    if (context.getSource() != MqttDisconnectSource.USER) {
                        onLost.accept(context.getSource() + ": " + rootMessage(context.getCause()));
                    }
                });
        return version == MqttVersion.V5 ? new Mqtt5Link(builder, onMessage) : new Mqtt3Link(builder, onMessage);
    }

    abstract CompletableFuture<Connack> connect(String username, String password);

    abstract CompletableFuture<Suback> subscribe(String topicFilter);

    /** QoS 1; completes with null when acknowledged, else with the reason. */
    abstract CompletableFuture<String> publish(String topic, byte[] payload);

    abstract void disconnect();

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t.getCause() != null && t.getMessage() == null) && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
