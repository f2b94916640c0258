package org.dynreg.tck.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.dynreg.tck.kit.Waits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each tool of the network lab behaves as named, and stops its threads when closed. */
@Timeout(20)
class NetworkLabSelfTest {

    /**
     * Slack for a busy machine (2 cores shared with several builds): a proxy never delivers early, so
     * lower bounds are exact; upper bounds are checked on the median, with this slack.
     */
    private static final long SLACK_MILLIS = 150;

    /** Echoes every byte back: the far end of the proxy tests. */
    static final class Echo extends TcpEndpoint {
        Echo() {
            super("echo", 0);
        }

        @Override
        protected void serve(Socket client) throws IOException {
            client.setTcpNoDelay(true);
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            byte[] buffer = new byte[4096];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setTcpNoDelay(true);
        s.setSoTimeout(5000);
        return s;
    }

    /** Round trip of one byte through {@code s}, in ms. */
    /**
     * Connects to {@code port} on loopback from a local port other than {@code port}: a port just given up is free, and a
     * connection whose local port happens to be the one it connects to connects to itself (TCP simultaneous open),
     * which would look as if something still listened there.
     */
    /**
     * Whether a connection to {@code port} is refused within 2 s. The JDK may finish closing a listening socket whose
     * accept() another thread is blocked in a moment after close() returned (CI saw one connection accepted right after
     * the proxy vanished, from another local port): what the proxy promises is that its port refuses, not that it does
     * so within microseconds.
     */
    private static boolean refusesWithin(int port) {
        return Waits.within("port " + port + " refuses connections", Duration.ofSeconds(2), () -> {
            try {
                connectFromAnotherPort(port);
                return false;
            } catch (ConnectException e) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private static void connectFromAnotherPort(int port) throws IOException {
        for (int attempt = 0; attempt < 5; attempt++) {
            Socket c = new Socket();
            c.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0));
            if (c.getLocalPort() == port) {
                c.close();
                continue;
            }
            try (c) {
                c.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 2000);
            }
            return;
        }
        throw new IllegalStateException("no local port other than " + port + " in 5 tries");
    }

    private static long roundTrip(Socket s) throws IOException {
        long start = System.nanoTime();
        s.getOutputStream().write(7);
        s.getOutputStream().flush();
        assertThat(s.getInputStream().read()).isEqualTo(7);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void theProxyDelaysEachDirectionByItsOwnDelay() throws IOException {
        try (Echo echo = new Echo();
             LatencyProxy proxy = new LatencyProxy("127.0.0.1", echo.port(), 0, Delay.millis(30, 0), Delay.millis(70, 0));
             Socket s = connect(proxy.port())) {
            List<Long> rtts = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                rtts.add(roundTrip(s));
            }
            assertThat(rtts).as("round trips through 30 ms up + 70 ms down").allSatisfy(rtt -> assertThat(rtt).isGreaterThanOrEqualTo(100L));
            assertThat(median(rtts)).as("median of %s", rtts).isLessThan(100 + SLACK_MILLIS);
        }
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    @Test
    void withJitterTheRoundTripStaysWithinDelayPlusOrMinusJitter() throws IOException {
        List<Long> rtts = new ArrayList<>();
        try (Echo echo = new Echo();
             LatencyProxy proxy = new LatencyProxy("127.0.0.1", echo.port(), 0, Delay.millis(50, 30), Delay.millis(50, 30));
             Socket s = connect(proxy.port())) {
            for (int i = 0; i < 20; i++) {
                rtts.add(roundTrip(s));
            }
        }
        assertThat(rtts).allSatisfy(rtt -> assertThat(rtt).isGreaterThanOrEqualTo(40L));
        assertThat(median(rtts)).as("median of %s", rtts).isLessThan(160 + SLACK_MILLIS);
        assertThat(rtts.stream().distinct().count()).as("jitter varies the round trip: %s", rtts).isGreaterThan(3);
    }

    @Test
    void underJitterEachDirectionKeepsItsBytesInOrder() throws Exception {
        int chunks = 300;
        ByteBuffer sent = ByteBuffer.allocate(chunks * 4);
        try (Echo echo = new Echo();
             LatencyProxy proxy = new LatencyProxy("127.0.0.1", echo.port(), 0, Delay.millis(20, 20), Delay.millis(20, 20));
             Socket s = connect(proxy.port())) {
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < chunks; i++) {
                        s.getOutputStream().write(ByteBuffer.allocate(4).putInt(i).array());
                        s.getOutputStream().flush();
                        if (i % 10 == 0) {
                            Thread.sleep(1); // many small chunks, each with a delay of its own
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            byte[] back = s.getInputStream().readNBytes(chunks * 4);
            writer.join(5000);
            for (int i = 0; i < chunks; i++) {
                sent.putInt(i);
            }
            assertThat(back).as("the bytes come back complete and in order").isEqualTo(sent.array());
        }
    }

    @Test
    void aCloseTravelsThroughTheProxyAfterTheDataBeforeIt() throws IOException {
        try (Echo echo = new Echo();
             LatencyProxy proxy = new LatencyProxy("127.0.0.1", echo.port(), 0, Delay.millis(30, 0), Delay.millis(30, 0));
             Socket s = connect(proxy.port())) {
            s.getOutputStream().write("bye".getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII)).isEqualTo("bye");
        }
    }

    @Test
    void theSilentEndpointAcceptsAndNeverAnswers() throws IOException {
        try (SilentEndpoint silent = new SilentEndpoint(); Socket s = connect(silent.port())) {
            s.setSoTimeout(500);
            s.getOutputStream().write(new byte[] {0x10, 0x00});
            assertThatThrownBy(() -> s.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
            assertThat(s.isClosed()).isFalse();
        }
    }

    @Test
    void theGarbageEndpointAnswersWithBytesThatAreNotMqtt() throws IOException {
        try (GarbageEndpoint garbage = new GarbageEndpoint(); Socket s = connect(garbage.port())) {
            s.getOutputStream().write(new byte[] {0x10, 0x00});
            byte[] answer = s.getInputStream().readNBytes(GarbageEndpoint.ANSWER.length);
            assertThat(new String(answer, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 400");
        }
    }

    @Test
    void theClosingEndpointClosesEveryConnectionAtOnce() throws IOException {
        try (ClosingEndpoint closing = new ClosingEndpoint()) {
            for (int i = 0; i < 3; i++) {
                try (Socket s = connect(closing.port())) {
                    s.setSoTimeout(2000);
                    int first;
                    try {
                        first = s.getInputStream().read();
                    } catch (SocketException reset) {
                        first = -1;
                    }
                    assertThat(first).as("end of stream, not an answer").isEqualTo(-1);
                }
            }
        }
    }

    @Test
    void theVanishingProxyForwardsThenResetsEveryConnectionAndRefusesNewOnes() throws IOException {
        try (Echo echo = new Echo();
             VanishingProxy proxy = new VanishingProxy("127.0.0.1", echo.port(), 0, Delay.NONE);
             Socket s = connect(proxy.port())) {
            assertThat(roundTrip(s)).isLessThan(1000);
            assertThat(proxy.vanishedAt()).isNull();
            int port = proxy.port();
            assertThat(proxy.vanish()).as("sockets reset").isGreaterThanOrEqualTo(2);
            assertThat(proxy.vanishedAt()).isNotNull();
            assertThatThrownBy(() -> {
                s.getOutputStream().write(1);
                s.getOutputStream().flush();
                if (s.getInputStream().read() < 0) {
                    throw new SocketException("end of stream");
                }
            }).isInstanceOf(SocketException.class);
            assertThat(refusesWithin(port)).as("the vanished proxy's port refuses a new connection").isTrue();
        }
    }

    @Test
    void theVanishingProxyVanishesOnItsOwnAfterTheTimeGiven() throws IOException {
        try (Echo echo = new Echo();
             VanishingProxy proxy = new VanishingProxy("127.0.0.1", echo.port(), 0, Delay.NONE)
                     .vanishAfter(Duration.ofMillis(300));
             Socket s = connect(proxy.port())) {
            assertThat(roundTrip(s)).isLessThan(1000);
            assertThat(Waits.within("the proxy vanishes", Duration.ofSeconds(3), () -> proxy.vanishedAt() != null)).isTrue();
            int port = proxy.port();
            assertThat(refusesWithin(port)).as("the vanished proxy's port refuses a new connection").isTrue();
        }
    }

    @Test
    void theVanishingProxyCanCountFromItsFirstConnection() throws Exception {
        try (Echo echo = new Echo();
             VanishingProxy proxy = new VanishingProxy("127.0.0.1", echo.port(), 0, Delay.NONE)
                     .vanishAfterFirstConnection(Duration.ofMillis(300))) {
            Thread.sleep(500);
            try (Socket s = connect(proxy.port())) {
                assertThat(proxy.vanishedAt()).as("nothing vanishes before the first connection").isNull();
                assertThat(roundTrip(s)).isLessThan(1000);
                assertThat(Waits.within("the proxy vanishes", Duration.ofSeconds(3), () -> proxy.vanishedAt() != null)).isTrue();
            }
        }
    }

    @Test
    void everyToolStopsItsThreadsWhenClosed() throws IOException {
        try (Echo echo = new Echo()) {
            List<TcpEndpoint> tools = List.of(new SilentEndpoint(), new GarbageEndpoint(), new ClosingEndpoint(),
                    new LatencyProxy("127.0.0.1", echo.port(), 0, Delay.millis(10, 5), Delay.millis(10, 5)),
                    new VanishingProxy("127.0.0.1", echo.port(), 0, Delay.NONE));
            List<Socket> clients = new ArrayList<>();
            for (TcpEndpoint tool : tools) {
                clients.add(connect(tool.port())); // one open connection each, left open
            }
            assertThat(Waits.within("every tool serves its connection", Duration.ofSeconds(3),
                    () -> labThreads() > tools.size())).isTrue();
            tools.forEach(TcpEndpoint::close);
            boolean stopped = Waits.within("every lab thread ends", Duration.ofSeconds(3), () -> labThreads() == 0);
            assertThat(stopped).as("lab threads still alive: %s", labThreadNames()).isTrue();
            for (Socket c : clients) {
                c.close();
            }
        }
    }

    private static long labThreads() {
        return labThreadNames().size();
    }

    private static List<String> labThreadNames() {
        List<String> prefixes = List.of("silent-endpoint", "garbage-endpoint", "closing-endpoint", "latency-proxy",
                "vanishing-proxy");
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> prefixes.stream().anyMatch(n::startsWith)).toList();
    }

    @Test
    void theLabMainSaysInOneLineWhatIsWrongWithItsArguments() {
        assertThatThrownBy(() -> Lab.start("proxi")).hasMessage(
                "-Dlab=proxi: use one of proxy, silent, garbage, closing, vanishing");
        System.setProperty("target", "localhost");
        try {
            assertThatThrownBy(() -> Lab.start("proxy")).hasMessage(
                    "-Dtarget=localhost: expected host:port, e.g. -Dtarget=127.0.0.1:1883");
        } finally {
            System.clearProperty("target");
        }
    }
}
