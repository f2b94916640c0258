package org.dynreg.tck.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP listener of the kit's network lab: it accepts connections on its own thread and hands
 * each to {@link #serve(Socket)} on a thread of its own. {@link #close()} stops accepting and closes
 * every socket it opened, so every thread it started ends (each is blocked on a socket that closes).
 */
public abstract class TcpEndpoint implements AutoCloseable {

    private final String name;
    /**
     * Connections the kernel completes before this endpoint accepts them: a run opens ~100 at once, and with the kit's
     * tests in several JVMs on 2 cores the accepting thread may wait its turn for a while (50 dropped SYNs there: a
     * "broker" that seemed to stop answering, a connect timed out).
     */
    private static final int BACKLOG = 1024;

    private final ServerSocket server;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    /** Holds the port once {@link #stopListening()} has closed the listener; released by {@link #close()}. */
    private volatile Socket portHolder;

    /** Listens on {@code port} of the loopback interface (0: a free port). */
    protected TcpEndpoint(String name, int port) {
        this.name = name;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot listen on port " + port, e);
        }
        daemon(name + "-accept", this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** {@code tcp://127.0.0.1:port}. */
    public String uri() {
        return "tcp://127.0.0.1:" + port();
    }

    public String name() {
        return name;
    }

    public boolean isClosed() {
        return closed;
    }

    /** Serves one accepted connection; runs on its own thread; the socket is closed when it returns. */
    protected abstract void serve(Socket client) throws IOException;

    /** One direction of a relayed connection: copies {@code from} to {@code to} until either side closes. */
    @FunctionalInterface
    protected interface Pump {
        void run(Socket from, Socket to);
    }

    private static final int RELAY_CONNECT_TIMEOUT_MILLIS = 5000;

    /**
     * Relays {@code client} through a new connection to {@code host:port}: {@code down} (target to client) on a thread of
     * its own, {@code up} (client to target) on this one; returns when both have ended.
     */
    protected void relay(Socket client, String host, int port, Pump up, Pump down) throws IOException {
        Socket target = new Socket();
        try (target) {
            track(target);
            target.connect(new java.net.InetSocketAddress(host, port), RELAY_CONNECT_TIMEOUT_MILLIS);
            client.setTcpNoDelay(true);
            target.setTcpNoDelay(true);
            Thread downstream = daemon(name + "-down", () -> down.run(target, client));
            up.run(client, target);
            try {
                downstream.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } finally {
            untrack(target);
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // the server socket was closed
            }
            track(client);
            daemon(name + "-conn", () -> {
                try (client) {
                    serve(client);
                } catch (IOException e) {
                    // the peer or close() ended the connection
                } finally {
                    open.remove(client);
                }
            });
        }
    }

    /** Tracks a socket this endpoint opened, so that {@link #close()} and {@link #resetAll()} reach it. */
    protected Socket track(Socket socket) {
        open.add(socket);
        if (closed) {
            quietlyClose(socket);
        }
        return socket;
    }

    protected void untrack(Socket socket) {
        open.remove(socket);
    }

    /**
     * Stops accepting: a new connection is refused (the listening socket is gone). The port stays taken, bound and not
     * listening, until {@link #close()}: with the kit's tests in several JVMs, another one's listener on a free port
     * could otherwise get it, and a CONNECT meant to be refused would reach that one (seen once: ACCEPTED).
     */
    protected void stopListening() {
        int port = server.getLocalPort();
        try {
            server.close();
        } catch (IOException ignored) {
            // closed either way
        }
        if (port > 0 && portHolder == null && !closed) { // a close gives the port back
            Socket holder = new Socket();
            try {
                holder.setReuseAddress(true);
                holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                portHolder = holder;
            } catch (IOException e) {
                quietlyClose(holder); // taken already, in the moment between: nothing to hold
            }
        }
    }

    /** Resets every open connection (TCP RST: SO_LINGER 0), as a crashed host or a dropped route would. */
    protected int resetAll() {
        int n = 0;
        for (Socket s : open) {
            try {
                s.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // already closed
            }
            quietlyClose(s);
            open.remove(s);
            n++;
        }
        return n;
    }

    /** How many connections are open now (each proxied connection counts its two sockets). */
    public int openSockets() {
        return open.size();
    }

    @Override
    public void close() {
        closed = true;
        stopListening();
        for (Socket s : open) {
            quietlyClose(s);
        }
        open.clear();
        if (portHolder != null) {
            quietlyClose(portHolder);
        }
    }

    protected static void quietlyClose(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closed either way
        }
    }

    protected static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public String toString() {
        return name + " on " + uri();
    }
}
