package org.dynreg.tck.storm;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.dynreg.tck.mqtt.Endpoint;
import org.dynreg.tck.spec.MqttVersion;

/**
 * One MQTT connection of a simulated device, on the HiveMQ client's asynchronous API: no thread of its
 * own, every answer a future that completes normally (a refusal or a closed connection is a value).
 *
 * <p>{@link #closed()} completes once the client will post nothing more to the driver's callback
 * executor: the CONNECT answered, and for an accepted connection the DISCONNECT answered and the
 * session ended (its incoming-publish flow terminated, which the client posts to that executor after the
 * connection is gone). The driver waits for every link to be closed before it shuts the executor down.
 */
abstract class DeviceLink {

    /** What the client still owes: the connect's answer, the end of the publish flow, and any DISCONNECT's answer. */
    private final AtomicInteger pending = new AtomicInteger(2);
    private final AtomicBoolean flowEnded = new AtomicBoolean();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile boolean accepted;
    private volatile boolean lost;
    private volatile CompletableFuture<Void> disconnecting;

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
        DeviceLink[] link = new DeviceLink[1];
        MqttClientBuilder builder = endpoint.configure(MqttClient.builder().identifier(clientId).executorConfig(executors))
                .addDisconnectedListener(context -> {
                    if (context.getSource() != MqttDisconnectSource.USER) {
                        link[0].lost = true;
                        onLost.accept(context.getSource() + ": " + rootMessage(context.getCause()));
                    }
                });
        link[0] = version == MqttVersion.V5 ? new Mqtt5Link(builder, onMessage) : new Mqtt3Link(builder, onMessage);
        return link[0];
    }

    /** Completes when the client has nothing more to hand the driver (see the class comment); never exceptionally. */
    final CompletableFuture<Void> closed() {
        return closed;
    }

    /** The CONNECT; once per link. */
    final CompletableFuture<Connack> connect(String username, String password) {
        return sendConnect(username, password).thenApply(ack -> {
            if (ack.accepted()) {
                accepted = true;
            } else {
                flowEnded(); // no session began: its publish flow has nothing to end
            }
            settled();
            return ack;
        });
    }

    /**
     * The DISCONNECT (once; a second call returns the first's future). Completes, never exceptionally,
     * when the client has answered it; at once if the connection is not up.
     */
    final synchronized CompletableFuture<Void> disconnect() {
        if (disconnecting == null) {
            if (!accepted || lost || closed.isDone()) {
                disconnecting = CompletableFuture.completedFuture(null);
            } else {
                pending.incrementAndGet();
                disconnecting = sendDisconnect().handle((ok, e) -> (Void) null);
                disconnecting.whenComplete((ok, e) -> settled());
            }
        }
        return disconnecting;
    }

    /** For the subclasses: the client's incoming-publish flow has terminated (the session ended). */
    final void flowEnded() {
        if (flowEnded.compareAndSet(false, true)) {
            settled();
        }
    }

    private void settled() {
        if (pending.decrementAndGet() == 0) {
            closed.complete(null);
        }
    }

    abstract CompletableFuture<Connack> sendConnect(String username, String password);

    abstract CompletableFuture<Suback> subscribe(String topicFilter);

    /** QoS 1; completes with null when acknowledged, else with the reason. */
    abstract CompletableFuture<String> publish(String topic, byte[] payload);

    abstract CompletableFuture<Void> sendDisconnect();

    /**
     * A CONNECT's or SUBSCRIBE's answer as a value, whatever the MQTT version: {@code fromAck} reads the
     * acknowledgement, one the client raised as a {@code refusal} is read by {@code fromRefusal}, and anything
     * else (the connection closed, a timeout) by {@code otherwise}.
     */
    static <A, R extends Throwable, T> CompletableFuture<T> answer(CompletableFuture<A> sent, Function<A, T> fromAck,
                                                                   Class<R> refusal, Function<R, T> fromRefusal,
                                                                   Function<Throwable, T> otherwise) {
        return sent.handle((ack, e) -> {
            if (e == null) {
                return fromAck.apply(ack);
            }
            Throwable cause = e.getCause() != null && !refusal.isInstance(e) ? e.getCause() : e;
            return refusal.isInstance(cause) ? fromRefusal.apply(refusal.cast(cause)) : otherwise.apply(e);
        });
    }

    /** A CONNECT's answer: see {@link #answer}; no acknowledgement is a connection closed without a CONNACK. */
    static <A, R extends Throwable> CompletableFuture<Connack> connack(CompletableFuture<A> sent, Function<A, Connack> fromAck,
                                                                       Class<R> refusal, Function<R, Connack> fromRefusal) {
        return answer(sent, fromAck, refusal, fromRefusal, Connack::closed);
    }

    /** A SUBSCRIBE's answer: see {@link #answer}; no acknowledgement is a SUBACK that never came. */
    static <A, R extends Throwable> CompletableFuture<Suback> suback(CompletableFuture<A> sent, Function<A, Suback> fromAck,
                                                                     Class<R> refusal, Function<R, Suback> fromRefusal) {
        return answer(sent, fromAck, refusal, fromRefusal, e -> new Suback(false, rootMessage(e), true));
    }

    /** A CONNACK's or SUBACK's code: success, or refused with it. */
    static Connack connack(boolean error, int code, String name) {
        return error ? Connack.refused(code, name) : Connack.success();
    }

    /** A SUBACK whose return codes are {@code codes}: granted unless one is an error. */
    static Suback suback(boolean error, java.util.List<?> codes) {
        return new Suback(!error, error ? "SUBACK " + codes : null, false);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t.getCause() != null && t.getMessage() == null) && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
