package org.dynreg.tck.net;

import java.time.Duration;
import java.util.List;

/**
 * Starts one tool of the network lab alone, until Ctrl-C, so that a real {@code mvn verify
 * -Dbroker=...} can be put behind it:
 * <pre>
 * mvn -q test-compile exec:java@lab -Dlab=proxy -Dtarget=127.0.0.1:1883 -Dport=18830 -Ddelay=50 -Djitter=30
 * mvn -q test-compile exec:java@lab -Dlab=silent|garbage|closing -Dport=18831
 * mvn -q test-compile exec:java@lab -Dlab=vanishing -Dtarget=127.0.0.1:1883 -Dport=18832 -Dafter=10
 * </pre>
 * {@code delay} and {@code jitter} are milliseconds, each way; {@code after} is seconds from the
 * vanishing proxy's first connection.
 */
public final class Lab {

    private static final List<String> KINDS = List.of("proxy", "silent", "garbage", "closing", "vanishing");

    private Lab() {
    }

    public static void main(String[] args) throws InterruptedException {
        TcpEndpoint endpoint;
        try {
            endpoint = start(System.getProperty("lab", ""));
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            System.err.println("network lab: " + e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(endpoint::close, "lab-stop"));
        System.out.println("network lab: " + endpoint + " — Ctrl-C stops it");
        Thread.currentThread().join();
    }

    static TcpEndpoint start(String kind) {
        int port = number("port", 0);
        return switch (kind) {
            case "silent" -> new SilentEndpoint(port);
            case "garbage" -> new GarbageEndpoint(port);
            case "closing" -> new ClosingEndpoint(port);
            case "proxy" -> {
                String[] target = target();
                Delay d = Delay.millis(number("delay", 0), number("jitter", 0));
                yield new LatencyProxy(target[0], Integer.parseInt(target[1]), port, d, d);
            }
            case "vanishing" -> {
                String[] target = target();
                Delay d = Delay.millis(number("delay", 0), number("jitter", 0));
                yield new VanishingProxy(target[0], Integer.parseInt(target[1]), port, d)
                        .vanishAfterFirstConnection(Duration.ofSeconds(number("after", 10)));
            }
            default -> throw new IllegalArgumentException("-Dlab=" + kind + ": use one of " + String.join(", ", KINDS));
        };
    }

    private static String[] target() {
        String t = System.getProperty("target", "");
        String[] parts = t.split(":");
        if (parts.length != 2 || parts[0].isBlank() || !parts[1].matches("\\d{1,5}")) {
            throw new IllegalArgumentException("-Dtarget=" + t + ": expected host:port, e.g. -Dtarget=127.0.0.1:1883");
        }
        return parts;
    }

    private static int number(String key, int fallback) {
        String v = System.getProperty(key, "");
        if (v.isBlank()) {
            return fallback;
        }
        if (!v.matches("\\d{1,6}")) {
            throw new IllegalArgumentException("-D" + key + "=" + v + ": expected a whole number ≥ 0");
        }
        return Integer.parseInt(v);
    }
}
