package org.dynreg.tck.net;

import java.io.IOException;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A broker that goes away mid-run: a proxy (with an optional delay) that, after a given time or when
 * told to, resets every open connection and refuses new ones — as a crashed broker, a restarted pod
 * or a dropped route looks from the client.
 */
public final class VanishingProxy extends LatencyProxy {

    private volatile Instant vanishedAt;
    private volatile Duration afterFirstConnection;
    private final AtomicBoolean firstConnection = new AtomicBoolean(true);

    public VanishingProxy(String targetHost, int targetPort, int port, Delay oneWay) {
        super("vanishing-proxy", targetHost, targetPort, port, oneWay, oneWay);
    }

    /** Vanishes {@code after} from now (on a daemon thread that ends then, or when the proxy is closed). */
    public VanishingProxy vanishAfter(Duration after) {
        daemon(name() + "-timer", () -> {
            try {
                Thread.sleep(after.toMillis()); // bounded: the time asked for
            } catch (InterruptedException e) {
                return;
            }
            if (!isClosed()) {
                vanish();
            }
        });
        return this;
    }

    /**
     * Vanishes {@code after} from its first connection (a run's clock starts with its first CONNECT, not
     * with the proxy): "the broker stopped 10 s into the run".
     */
    public VanishingProxy vanishAfterFirstConnection(Duration after) {
        afterFirstConnection = after;
        return this;
    }

    @Override
    protected void serve(Socket client) throws IOException {
        Duration after = afterFirstConnection;
        if (after != null && firstConnection.getAndSet(false)) {
            vanishAfter(after);
        }
        super.serve(client);
    }

    /** Resets every open connection and refuses new ones from now on; returns the number of sockets reset. */
    public synchronized int vanish() {
        if (vanishedAt == null) {
            vanishedAt = Instant.now();
        }
        stopListening();
        return resetAll();
    }

    /** When it vanished; null while it still forwards. */
    public Instant vanishedAt() {
        return vanishedAt;
    }
}
