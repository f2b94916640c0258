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
    private final BrokerAddress tcp;
    private final BrokerAddress webSocket;

    private ReferencePlatform(EmbeddedHiveMQ hivemq, Behaviour behaviour, BrokerAddress tcp, BrokerAddress webSocket) {
        this.hivemq = hivemq;
        this.behaviour = behaviour;
        this.tcp = tcp;
        this.webSocket = webSocket;
    }

    /**
     * Starts the platform.
     *
     * @param workDir a folder of its own (config, data, extensions go below it)
     * @param tcpPort the MQTT port, or 0 for a free one
     */
    public static ReferencePlatform start(Fixture fixture, Behaviour behaviour, Path workDir, int tcpPort) {
        int port = tcpPort == 0 ? freePort() : tcpPort;
        int wsPort = freePort();
        try {
            Path conf = Files.createDirectories(workDir.resolve("conf"));
            Path data = Files.createDirectories(workDir.resolve("data"));
            Path extensions = Files.createDirectories(workDir.resolve("extensions"));
            Files.writeString(conf.resolve("config.xml"), config(port, wsPort));
            EmbeddedExtension extension = EmbeddedExtension.builder()
                    .withId("dynreg-reference-platform")
                    .withName("dynreg reference platform")
                    .withVersion("1")
                    .withAuthor("dynreg-tck")
                    .withPriority(1000)
                    .withStartPriority(1000)
                    .withExtensionMain(new DynRegExtension(new PlatformState(fixture), behaviour))
                    .build();
            EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(data)
                    .withExtensionsFolder(extensions)
                    .withEmbeddedExtension(extension)
                    .withoutLoggingBootstrap()
                    .build();
            hivemq.start().get(60, TimeUnit.SECONDS);
            return new ReferencePlatform(hivemq, behaviour,
                    new BrokerAddress(true, "tcp", "127.0.0.1", port, ""),
                    new BrokerAddress(true, "ws", "127.0.0.1", wsPort, "/mqtt"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the reference platform's folders under " + workDir, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the reference platform did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the reference platform", e);
        }
    }

    private static String config(int port, int wsPort) {
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        <tcp-listener>
                            <port>%d</port>
                            <bind-address>127.0.0.1</bind-address>
                        </tcp-listener>
                        <websocket-listener>
                            <port>%d</port>
                            <bind-address>127.0.0.1</bind-address>
                            <path>/mqtt</path>
                            <subprotocols>
                                <subprotocol>mqttv3.1</subprotocol>
                                <subprotocol>mqtt</subprotocol>
                            </subprotocols>
                            <allow-extensions>true</allow-extensions>
                        </websocket-listener>
                    </listeners>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(port, wsPort);
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
        return tcp;
    }

    /** The WebSocket listener ({@code ws://127.0.0.1:PORT/mqtt}). */
    public BrokerAddress webSocketAddress() {
        return webSocket;
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
