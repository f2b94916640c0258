package org.dynreg.tck.platform;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.dynreg.tck.fixture.BrokerAddress;
import org.dynreg.tck.fixture.Fixture;

/**
 * The kit's reference platform: HiveMQ CE, embedded, with the {@link DynRegExtension}, configured from
 * a fixture (its products, whitelists and observer), listening on loopback only, with in-memory
 * persistence and its own config/data/extensions folders.
 */
public final class ReferencePlatform implements AutoCloseable {

    private final EmbeddedHiveMQ hivemq;
    private final Behaviour behaviour;
    private final Ports ports;
    private final TlsMaterial tls;
    private final PlatformState state;
    private final Bench bench;

    /** The listeners' ports; 0 where there is no such listener. */
    private record Ports(int tcp, int ws, int ssl, int wss) {
    }

    private ReferencePlatform(EmbeddedHiveMQ hivemq, Behaviour behaviour, Ports ports, TlsMaterial tls,
                              PlatformState state, Bench bench) {
        this.state = state;
        this.bench = bench;
        this.hivemq = hivemq;
        this.behaviour = behaviour;
        this.ports = ports;
        this.tls = tls;
    }

    /**
     * Starts the platform.
     *
     * @param workDir a folder of its own (config, data, extensions go below it)
     * @param tcpPort the MQTT port, or 0 for a free one
     */
    public static ReferencePlatform start(Fixture fixture, Behaviour behaviour, Path workDir, int tcpPort) {
        return start(fixture, behaviour, workDir, tcpPort, false);
    }

    /**
     * As {@link #start(Fixture, Behaviour, Path, int)}; with {@code withTls}, also TLS listeners (MQTT
     * over TLS and secure WebSocket) with a throwaway certificate, see {@link #caPem()}.
     */
    public static ReferencePlatform start(Fixture fixture, Behaviour behaviour, Path workDir, int tcpPort, boolean withTls) {
        return start(fixture, behaviour, workDir, tcpPort, withTls, true);
    }

    /**
     * As {@link #start(Fixture, Behaviour, Path, int)}, on a broker that offers none of MQTT's optional features: QoS 2,
     * retained messages, shared subscriptions, topic aliases, sessions that outlive their connection (the spec leaves
     * them open: a platform may offer none).
     */
    public static ReferencePlatform startWithoutOptionalFeatures(Fixture fixture, Behaviour behaviour, Path workDir) {
        return start(fixture, behaviour, workDir, 0, false, false);
    }

    private static ReferencePlatform start(Fixture fixture, Behaviour behaviour, Path workDir, int tcpPort, boolean withTls,
                                           boolean optionalFeatures) {
        Ports ports = new Ports(tcpPort == 0 ? freePort() : tcpPort, freePort(), withTls ? freePort() : 0,
                withTls ? freePort() : 0);
        try {
            Path conf = Files.createDirectories(workDir.resolve("conf"));
            Path data = Files.createDirectories(workDir.resolve("data"));
            Path extensions = Files.createDirectories(workDir.resolve("extensions"));
            TlsMaterial tls = withTls ? TlsMaterial.create(workDir.resolve("tls"), "reference-platform") : null;
            Files.writeString(conf.resolve("config.xml"), config(ports, tls, optionalFeatures));
            PlatformState state = new PlatformState(fixture);
            Bench bench = new Bench();
            EmbeddedExtension extension = EmbeddedExtension.builder()
                    .withId("dynreg-reference-platform")
                    .withName("dynreg reference platform")
                    .withVersion("1")
                    .withAuthor("dynreg-tck")
                    .withPriority(1000)
                    .withStartPriority(1000)
                    .withExtensionMain(new DynRegExtension(state, behaviour, bench))
                    .build();
            EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    .withEmbeddedExtension(extension)
                    .withoutLoggingBootstrap()
                    .build();
            hivemq.start().get(60, TimeUnit.SECONDS);
            return new ReferencePlatform(hivemq, behaviour, ports, tls, state, bench);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the reference platform's folders under " + workDir, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the reference platform did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the reference platform", e);
        }
    }

    private static final String NO_OPTIONAL_FEATURES = """
                <mqtt>
                    <retained-messages><enabled>false</enabled></retained-messages>
                    <quality-of-service><max-qos>1</max-qos></quality-of-service>
                    <topic-alias><enabled>false</enabled></topic-alias>
                    <session-expiry><max-interval>0</max-interval></session-expiry>
                    <shared-subscriptions><enabled>false</enabled></shared-subscriptions>
                </mqtt>
            """;

    private static String config(Ports ports, TlsMaterial tls, boolean optionalFeatures) {
        StringBuilder listeners = new StringBuilder()
                .append(listener("tcp-listener", ports.tcp(), "", null))
                .append(listener("websocket-listener", ports.ws(), WEBSOCKET, null));
        if (tls != null) {
            listeners.append(listener("tls-tcp-listener", ports.ssl(), "", tls))
                    .append(listener("tls-websocket-listener", ports.wss(), WEBSOCKET, tls));
        }
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                %s    </listeners>
                %s    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(listeners, optionalFeatures ? "" : NO_OPTIONAL_FEATURES);
    }

    private static final String WEBSOCKET = """
                        <path>/mqtt</path>
                        <subprotocols>
                            <subprotocol>mqttv3.1</subprotocol>
                            <subprotocol>mqtt</subprotocol>
                        </subprotocols>
                        <allow-extensions>true</allow-extensions>
            """;

    private static String listener(String kind, int port, String extra, TlsMaterial tls) {
        String tlsXml = tls == null ? "" : """
                        <tls>
                            <keystore>
                                <path>%s</path>
                                <password>%s</password>
                                <private-key-password>%s</private-key-password>
                            </keystore>
                        </tls>
                """.formatted(tls.keyStore().toAbsolutePath(), tls.password(), tls.password());
        return """
                        <%s>
                            <port>%d</port>
                            <bind-address>127.0.0.1</bind-address>
                %s%s        </%s>
                """.formatted(kind, port, extra, tlsXml, kind);
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }

    /** The plain MQTT listener. */
    public BrokerAddress tcpAddress() {
        return address("tcp");
    }

    /** The WebSocket listener ({@code ws://127.0.0.1:PORT/mqtt}). */
    public BrokerAddress webSocketAddress() {
        return address("ws");
    }

    /** The listener of a transport: {@code tcp}, {@code ws}, and with TLS {@code ssl} and {@code wss}. */
    public BrokerAddress address(String scheme) {
        int port = switch (scheme) {
            case "tcp" -> ports.tcp();
            case "ws" -> ports.ws();
            case "ssl" -> ports.ssl();
            case "wss" -> ports.wss();
            default -> 0;
        };
        if (port == 0) {
            throw new IllegalArgumentException("the reference platform has no " + scheme + " listener"
                    + (scheme.startsWith("s") || scheme.startsWith("w") ? " (start it with TLS)" : ""));
        }
        return new BrokerAddress(true, scheme, "127.0.0.1", port, scheme.startsWith("w") ? "/mqtt" : "");
    }

    /** The PEM certificate that the TLS listeners present (self-signed: trust it as a CA); empty without TLS. */
    public java.util.Optional<Path> caPem() {
        return java.util.Optional.ofNullable(tls).map(TlsMaterial::caPem);
    }

    /** Every DevSecret the platform has issued so far (for tests that look for leaks). */
    public java.util.Collection<String> issuedSecrets() {
        return state.issuedSecrets();
    }

    /** The device bench's view of the platform: per device, how it is treated and what it did. */
    public Bench bench() {
        return bench;
    }

    /** Switches that change how the running platform behaves (the self-test's deviations and profiles). */
    public Behaviour behaviour() {
        return behaviour;
    }

    /** Stops the broker (takes a few seconds; a test JVM may simply exit instead). */
    @Override
    public void close() {
        try {
            hivemq.stop().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // stopping is best effort
        }
    }
}
