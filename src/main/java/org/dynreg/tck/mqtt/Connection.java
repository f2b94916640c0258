package org.dynreg.tck.mqtt;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientBuilder;
import com.hivemq.client.mqtt.exceptions.ConnectionClosedException;
import com.hivemq.client.mqtt.exceptions.ConnectionFailedException;
import com.hivemq.client.mqtt.lifecycle.MqttClientDisconnectedContext;
import com.hivemq.client.mqtt.lifecycle.MqttDisconnectSource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.dynreg.tck.spec.MqttVersion;

/**
 * One MQTT connection of the kit to the broker under test, in one MQTT version. Every packet it sends
 * and every answer it gets is written to the scenario's {@link Transcript}; every wait for an answer is
 * bounded by the acknowledgement timeout; every delivered PUBLISH is kept in {@link #received()}.
 */
public abstract class Connection implements AutoCloseable {

    /** How long the kit waits for a CONNACK, SUBACK or PUBACK. */
    public static final Duration ACK_TIMEOUT = Duration.ofSeconds(5);
    private static final int SHOWN_PAYLOAD = 240;

    protected final String label;
    protected final Transcript transcript;
    private final boolean tls;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile boolean connected;
    private volatile boolean closing;
    private volatile Throwable connectError;

    protected Connection(Endpoint endpoint, String label, Transcript transcript) {
        this.label = label;
        this.transcript = transcript;
        this.tls = endpoint.address().tls();
    }

    /** A connection, not yet connected, of the given version. */
    public static Connection create(Endpoint endpoint, MqttVersion version, String clientId, String label,
                                    Transcript transcript) {
        return switch (version) {
            case V3_1_1 -> new Mqtt3Connection(endpoint, clientId, label, transcript);
            case V5 -> new Mqtt5Connection(endpoint, clientId, label, transcript);
        };
    }

    protected static MqttClientBuilder builder(Endpoint endpoint, String clientId, Connection owner) {
        return endpoint.configure(MqttClient.builder().identifier(clientId))
                .addDisconnectedListener(owner::onDisconnected);
    }

    public String label() {
        return label;
    }

    public boolean connected() {
        return connected;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public Outcomes.Connect connect(Credentials credentials) {
        transcript.sent(label, "CONNECT " + credentials);
        connectError = null;
        Outcomes.Connect outcome = await(sendConnect(credentials), e -> {
            connectError = e;
            if (isConnackTimeout(e)) {
                return new Outcomes.Connect(Outcomes.Kind.NO_ANSWER, null, seconds(ACK_TIMEOUT));
            }
            if (isTls(e)) {
                throw new BrokerUnreachableException("the TLS handshake failed: " + rootMessage(e));
            }
            if (e instanceof ConnectionFailedException) {
                throw new BrokerUnreachableException((tls ? "the TLS connection could not be set up (is this a TLS port?): "
                        : "cannot reach the broker: ") + rootMessage(e));
            }
            if (e instanceof ConnectionClosedException) {
                return new Outcomes.Connect(Outcomes.Kind.CLOSED, null, rootMessage(e));
            }
            return connectFailure(e);
        }, () -> new Outcomes.Connect(Outcomes.Kind.NO_ANSWER, null, seconds(ACK_TIMEOUT)));
        connected = outcome.accepted();
        if (outcome.kind() == Outcomes.Kind.NO_ANSWER) {
            close();
        }
        transcript.received(label, outcome.toString());
        return outcome;
    }

    /**
     * Why the last CONNECT did not succeed, as the MQTT client reported it (e.g. an
     * {@code MqttDecodeException} when the broker sent bytes that are not MQTT); empty after a success.
     */
    public java.util.Optional<Throwable> connectError() {
        return java.util.Optional.ofNullable(connectError);
    }

    public Outcomes.Subscribe subscribe(String topicFilter, int qos) {
        transcript.sent(label, "SUBSCRIBE \"" + topicFilter + "\" QoS " + qos);
        Outcomes.Subscribe outcome;
        if (!connected) {
            outcome = new Outcomes.Subscribe(Outcomes.Kind.CLOSED, List.of(), "the connection was already closed");
        } else {
            outcome = await(sendSubscribe(topicFilter, qos),
                    e -> e instanceof ConnectionClosedException
                            ? new Outcomes.Subscribe(Outcomes.Kind.CLOSED, List.of(), rootMessage(e))
                            : subscribeFailure(e),
                    () -> new Outcomes.Subscribe(Outcomes.Kind.NO_ANSWER, List.of(), seconds(ACK_TIMEOUT)));
        }
        transcript.received(label, outcome.toString());
        return outcome;
    }

    public Outcomes.Publish publish(String topic, String payload, int qos) {
        return publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos);
    }

    public Outcomes.Publish publish(String topic, byte[] payload, int qos) {
        transcript.sent(label, "PUBLISH \"" + topic + "\" QoS " + qos + " " + shown(payload));
        Outcomes.Publish outcome;
        if (!connected) {
            outcome = new Outcomes.Publish(Outcomes.Kind.CLOSED, qos, null, "the connection was already closed");
        } else {
            outcome = await(sendPublish(topic, payload, qos),
                    e -> e instanceof ConnectionClosedException
                            ? new Outcomes.Publish(Outcomes.Kind.CLOSED, qos, null, rootMessage(e))
                            : publishFailure(qos, e),
                    () -> new Outcomes.Publish(Outcomes.Kind.NO_ANSWER, qos, null, seconds(ACK_TIMEOUT)));
        }
        if (qos > 0 || outcome.kind() != Outcomes.Kind.SUCCESS) {
            transcript.received(label, outcome.toString());
        }
        return outcome;
    }

    /** Disconnects if connected; never throws. */
    @Override
    public void close() {
        closing = true;
        if (connected) {
            transcript.sent(label, "DISCONNECT");
            try {
                sendDisconnect().get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception ignored) {
                // the connection is gone either way
            }
        }
        connected = false;
    }

    protected void onPublish(String topic, byte[] payload, int qos) {
        received.add(new Received(topic, payload, qos, Instant.now()));
        transcript.received(label, "PUBLISH \"" + topic + "\" QoS " + qos + " " + shown(payload));
    }

    private void onDisconnected(MqttClientDisconnectedContext context) {
        boolean wasConnected = connected;
        connected = false;
        if (!wasConnected || closing) {
            return; // a refused CONNECT is reported by connect(); a disconnect of the kit's by close()
        }
        if (context.getSource() != MqttDisconnectSource.USER) {
            transcript.received(label, "connection closed by the broker" + disconnectDetail(context.getCause()));
        }
    }

    protected String disconnectDetail(Throwable cause) {
        return cause == null ? "" : " (" + rootMessage(cause) + ")";
    }

    protected abstract CompletableFuture<Outcomes.Connect> sendConnect(Credentials credentials);

    protected abstract Outcomes.Connect connectFailure(Throwable e);

    protected abstract CompletableFuture<Outcomes.Subscribe> sendSubscribe(String filter, int qos);

    protected abstract Outcomes.Subscribe subscribeFailure(Throwable e);

    protected abstract CompletableFuture<Outcomes.Publish> sendPublish(String topic, byte[] payload, int qos);

    protected abstract Outcomes.Publish publishFailure(int qos, Throwable e);

    protected abstract CompletableFuture<Void> sendDisconnect();

    private static <T> T await(CompletableFuture<T> future, Function<Throwable, T> onError,
                               java.util.function.Supplier<T> onTimeout) {
        try {
            return future.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            return onError.apply(e.getCause());
        } catch (TimeoutException e) {
            return onTimeout.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        }
    }

    /**
     * The client's own CONNACK timeout (it starts when the TCP connection is up, so it can end just
     * after the kit's): no answer, not a closed connection.
     */
    private static boolean isConnackTimeout(Throwable e) {
        return e.getCause() == null && String.valueOf(e.getMessage()).startsWith("Timeout while waiting for CONNACK");
    }

    private static boolean isTls(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return true;
            }
        }
        return false;
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return t == e ? message : t.getClass().getSimpleName() + ": " + message;
    }

    private static String seconds(Duration d) {
        return d.toSeconds() + " s";
    }

    static String shown(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        if (text.length() > SHOWN_PAYLOAD) {
            return "payload (" + payload.length + " bytes) " + text.substring(0, SHOWN_PAYLOAD / 2).replace('\n', ' ') + "…";
        }
        return "payload " + text.replace('\n', ' ');
    }
}
