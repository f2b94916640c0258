package org.dynreg.tck.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy that delays each direction on its own: every chunk read from one side is written to
 * the other side after that direction's {@link Delay} (mean ± jitter). A chunk is never written before
 * the chunk read before it, so each direction's bytes stay in order, as on a real TCP connection; a
 * close is delayed like the data before it.
 */
public class LatencyProxy extends TcpEndpoint {

    private final String targetHost;
    private final int targetPort;
    private final Delay up;
    private final Delay down;

    /**
     * Listens on {@code port} (0: a free one) and forwards to {@code targetHost:targetPort}; {@code up}
     * delays client → target, {@code down} target → client.
     */
    public LatencyProxy(String targetHost, int targetPort, int port, Delay up, Delay down) {
        this("latency-proxy", targetHost, targetPort, port, up, down);
    }

    protected LatencyProxy(String name, String targetHost, int targetPort, int port, Delay up, Delay down) {
        super(name, port);
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.up = up;
        this.down = down;
    }

    public Delay up() {
        return up;
    }

    public Delay down() {
        return down;
    }

    @Override
    protected void serve(Socket client) throws IOException {
        relay(client, targetHost, targetPort, (from, to) -> pump(from, to, up), (from, to) -> pump(from, to, down));
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A chunk and when it may be written; {@code bytes == null} marks the end of the stream. */
    private record Chunk(byte[] bytes, long dueNanos) {
    }

    /** Copies {@code from} to {@code to}, delayed; returns when either side is closed. */
    private void pump(Socket from, Socket to, Delay delay) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        Thread writer = daemon(name() + "-write", () -> write(queue, from, to));
        long lastDue = 0;
        long endDue = 0; // a reset or a close ends the queue right after its last chunk
        try {
            InputStream in = from.getInputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                lastDue = Math.max(System.nanoTime() + delay.sampleNanos(), lastDue);
                queue.add(new Chunk(Arrays.copyOf(buffer, n), lastDue));
            }
            endDue = System.nanoTime() + delay.sampleNanos(); // the end of the stream, delayed like data
        } catch (IOException e) {
            // reset or closed: the writer closes the other side once the queue is written
        } finally {
            queue.add(new Chunk(null, Math.max(endDue, lastDue))); // always: the writer waits for it, and only for it
        }
        joinQuietly(writer);
    }

    private void write(BlockingQueue<Chunk> queue, Socket from, Socket to) {
        try {
            OutputStream out = to.getOutputStream();
            while (true) {
                // the pump always ends its queue with the end of the stream (a close of the proxy closes the sockets)
                Chunk chunk = queue.take();
                long wait = chunk.dueNanos() - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // bounded by the direction's delay + jitter
                }
                if (chunk.bytes() == null) {
                    to.shutdownOutput(); // the half-close travels on, after the data before it
                    return;
                }
                out.write(chunk.bytes());
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            quietlyClose(from);
            quietlyClose(to);
        }
    }

    @Override
    public String toString() {
        return name() + " on " + uri() + " → " + targetHost + ":" + targetPort + " (up " + up + ", down " + down + ")";
    }
}
