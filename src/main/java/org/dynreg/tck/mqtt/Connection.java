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
import java.util.Optional;
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
    /** What was received, by each UUID its payload carries (the kit's tokens are UUIDs): found without a scan. */
    private final java.util.Map<String, List<Received>> byUuid = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.regex.Pattern UUID_IN_TEXT =
            java.util.regex.Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private volatile boolean connected;
    private volatile boolean closing;
    private volatile Throwable connectError;
    private volatile Offered offered;
    /** The client's configuration, as its connected listener gave it: where the network channel is found for {@link #drop}. */
    private volatile com.hivemq.client.mqtt.MqttClientConfig connectedConfig;

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
                .addConnectedListener(context -> owner.connectedConfig = context.getClientConfig())
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

    /** What was received that carries {@code token} (in its payload). */
    public List<Received> receivedWith(String token) {
        java.util.regex.Matcher uuid = UUID_IN_TEXT.matcher(token);
        if (!uuid.find()) {
            return received.stream().filter(r -> r.contains(token)).toList();
        }
        List<Received> candidates = byUuid.get(uuid.group());
        return candidates == null ? List.of() : candidates.stream().filter(r -> r.contains(token)).toList();
    }

    public Outcomes.Connect connect(Credentials credentials) {
        return connect(credentials, ConnectOptions.NONE);
    }

    /** A CONNECT with a Will or a persistent session ({@code options}); what the CONNACK offers is then {@link #offered()}. */
    public Outcomes.Connect connect(Credentials credentials, ConnectOptions options) {
        transcript.sent(label, "CONNECT " + credentials + options.describe(this instanceof Mqtt5Connection));
        connectError = null;
        offered = null;
        Outcomes.Connect outcome = await(sendConnect(credentials, options), e -> {
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
        Offered o = offered;
        String features = o == null || !outcome.accepted() ? ""
                : (options.persistent() ? " (Session Present " + (o.sessionPresent() ? 1 : 0)
                        + (o.sessionExpirySeconds() != options.sessionExpirySeconds() && this instanceof Mqtt5Connection
                                ? ", Session Expiry Interval " + o.sessionExpirySeconds() + " s" : "") + ")" : "")
                  + (o.restrictions().isEmpty() ? "" : " (" + o.restrictions() + ")");
        transcript.received(label, outcome + features);
        return outcome;
    }

    /** What the last accepted CONNACK said the broker offers; empty before one. */
    public java.util.Optional<Offered> offered() {
        return java.util.Optional.ofNullable(offered);
    }

    /** Set by the version's connection when its CONNACK accepts. */
    protected void offered(Offered o) {
        offered = o;
    }

    /**
     * Why the last CONNECT did not succeed, as the MQTT client reported it (e.g. an
     * {@code MqttDecodeException} when the broker sent bytes that are not MQTT); empty after a success.
     */
    public java.util.Optional<Throwable> connectError() {
        return java.util.Optional.ofNullable(connectError);
    }

    public Outcomes.Subscribe subscribe(String topicFilter, int qos) {
        return subscribe(topicFilter, qos, 0);
    }

    /** A SUBSCRIBE with an MQTT 5 Retain Handling option (0: send retained messages at subscribe; 1: only if new; 2: never). */
    public Outcomes.Subscribe subscribe(String topicFilter, int qos, int retainHandling) {
        transcript.sent(label, "SUBSCRIBE \"" + topicFilter + "\" QoS " + qos
                + (retainHandling != 0 ? " Retain Handling " + retainHandling : ""));
        Outcomes.Subscribe outcome;
        if (!connected) {
            outcome = new Outcomes.Subscribe(Outcomes.Kind.CLOSED, List.of(), "the connection was already closed");
        } else {
            outcome = await(sendSubscribe(topicFilter, qos, retainHandling),
                    e -> e instanceof ConnectionClosedException
                            ? new Outcomes.Subscribe(Outcomes.Kind.CLOSED, List.of(), rootMessage(e))
                            : subscribeFailure(e),
                    () -> new Outcomes.Subscribe(Outcomes.Kind.NO_ANSWER, List.of(), seconds(ACK_TIMEOUT)));
        }
        transcript.received(label, outcome.toString());
        return outcome;
    }

    /** Ends a subscription of the kit's (the broker's answer is not judged: waited for, bounded, and shown). */
    public void unsubscribe(String topicFilter) {
        if (connected) {
            transcript.sent(label, "UNSUBSCRIBE \"" + topicFilter + "\"");
            awaitQuietly(sendUnsubscribe(topicFilter));
        }
    }

    public Outcomes.Publish publish(String topic, String payload, int qos) {
        return publish(topic, payload.getBytes(StandardCharsets.UTF_8), qos);
    }

    public Outcomes.Publish publish(String topic, byte[] payload, int qos) {
        return publish(topic, payload, qos, false);
    }

    /** A PUBLISH, with the retain flag if {@code retain}. */
    public Outcomes.Publish publish(String topic, byte[] payload, int qos, boolean retain) {
        transcript.sent(label, "PUBLISH \"" + topic + "\" QoS " + qos + (retain ? " retain 1" : "") + " " + shown(payload));
        Outcomes.Publish outcome;
        if (!connected) {
            outcome = new Outcomes.Publish(Outcomes.Kind.CLOSED, qos, null, "the connection was already closed");
        } else {
            outcome = await(sendPublish(topic, payload, qos, retain),
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

    /**
     * Ends the network connection without a DISCONNECT (as a device that loses power or coverage does): the broker
     * must then publish the session's Will Message, if it kept one. Never throws.
     */
    public void drop() {
        closing = true;
        if (connected) {
            transcript.sent(label, "(the network connection is dropped, without DISCONNECT)");
            channel().close().awaitUninterruptibly(ACK_TIMEOUT.toMillis());
        }
        connected = false;
    }

    /** The network channel of the connection (where the kit writes what the MQTT client cannot send). */
    protected io.netty.channel.Channel channel() {
        return Optional.ofNullable(connectedConfig).flatMap(Connection::internal)
                .map(com.hivemq.client.internal.mqtt.MqttClientConfig::getRawConnectionConfig)
                .map(com.hivemq.client.internal.mqtt.MqttClientConnectionConfig::getChannel)
                .orElseThrow(() -> new IllegalStateException("the MQTT client does not expose the network channel of " + label));
    }

    /**
     * MQTT 5: a QoS 0 PUBLISH on {@code topic} (empty: the alias alone names it) with Topic Alias {@code alias},
     * written on the connection as bytes (the MQTT client chooses its own aliases). QoS 0 has no answer: the outcome
     * says whether it was written.
     */
    public Outcomes.Publish publishWithTopicAlias(String topic, int alias, byte[] payload) {
        throw new UnsupportedOperationException("MQTT 3.1.1 has no topic aliases");
    }

    /**
     * The HiveMQ client's own configuration behind the one a connected listener sees (over MQTT 3.1.1 a view, which
     * keeps it in its {@code delegate} field): the only place where the client holds its network channel.
     */
    private static Optional<com.hivemq.client.internal.mqtt.MqttClientConfig> internal(com.hivemq.client.mqtt.MqttClientConfig c) {
        if (c instanceof com.hivemq.client.internal.mqtt.MqttClientConfig internal) {
            return Optional.of(internal);
        }
        try {
            java.lang.reflect.Field delegate = c.getClass().getDeclaredField("delegate");
            delegate.setAccessible(true);
            return Optional.ofNullable(delegate.get(c)).filter(com.hivemq.client.internal.mqtt.MqttClientConfig.class::isInstance)
                    .map(com.hivemq.client.internal.mqtt.MqttClientConfig.class::cast);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * MQTT 5: ends the session with DISCONNECT reason 0x04 (Disconnect with Will Message), which asks the broker to
     * publish the Will. Never throws.
     */
    public void disconnectWithWill() {
        throw new UnsupportedOperationException("MQTT " + (this instanceof Mqtt5Connection ? "5" : "3.1.1")
                + " has no DISCONNECT with Will Message");
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

    protected void onPublish(String topic, byte[] payload, int qos, boolean retain) {
        try {
            Received r = Received.of(topic, payload, qos, retain, Instant.now());
            java.util.regex.Matcher uuid = UUID_IN_TEXT.matcher(r.text());
            while (uuid.find()) {
                byUuid.computeIfAbsent(uuid.group(), k -> new CopyOnWriteArrayList<>()).add(r);
            }
            received.add(r);
            transcript.received(label, "PUBLISH \"" + topic + "\" QoS " + qos + (retain ? " retain 1" : "") + " " + shown(payload));
        } catch (RuntimeException | Error e) {
            // never out of the callback, not even an Error: the client calls a callback that threw once never again
            // (hivemq-mqtt-client issue 575), and the connection, still open and acknowledging, would hear nothing more
            transcript.note("the kit could not record a PUBLISH it received on \"" + topic + "\": " + rootMessage(e));
        }
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

    protected abstract CompletableFuture<Outcomes.Connect> sendConnect(Credentials credentials, ConnectOptions options);

    protected abstract Outcomes.Connect connectFailure(Throwable e);

    protected abstract CompletableFuture<Outcomes.Subscribe> sendSubscribe(String filter, int qos, int retainHandling);

    protected abstract CompletableFuture<?> sendUnsubscribe(String filter);

    protected abstract Outcomes.Subscribe subscribeFailure(Throwable e);

    protected abstract CompletableFuture<Outcomes.Publish> sendPublish(String topic, byte[] payload, int qos, boolean retain);

    protected abstract Outcomes.Publish publishFailure(int qos, Throwable e);

    protected abstract CompletableFuture<Void> sendDisconnect();

    /** The kit's disconnect has begun: the disconnected listener reports nothing of the broker's. */
    protected void closing() {
        closing = true;
        connected = false;
    }

    /** Waits at most the acknowledgement timeout for {@code future}; never throws. */
    protected static void awaitQuietly(CompletableFuture<?> future) {
        try {
            future.get(ACK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception ignored) {
            // the connection is gone either way
        }
    }

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
