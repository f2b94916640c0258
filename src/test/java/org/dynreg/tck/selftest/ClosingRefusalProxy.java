package org.dynreg.tck.selftest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP proxy in front of the reference platform that turns every refused CONNECT into a closed
 * socket: it reads the broker's first packet, and if it is a CONNACK with a failure code, closes both
 * sides instead of forwarding it. The spec allows a broker to refuse that way.
 */
final class ClosingRefusalProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int upstreamPort;

    ClosingRefusalProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "closing-refusal-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket broker = new Socket(InetAddress.getLoopbackAddress(), upstreamPort);
                client.setTcpNoDelay(true);
                broker.setTcpNoDelay(true);
                daemon(() -> pipe(client, broker, false));
                daemon(() -> pipe(broker, client, true));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r, "closing-refusal-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private static void pipe(Socket from, Socket to, boolean inspectConnack) {
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            if (inspectConnack) {
                byte[] packet = firstPacket(in);
                boolean refusal = packet != null && (packet[0] & 0xF0) == 0x20 && packet.length >= 4 && packet[3] != 0;
                if (packet == null || refusal) {
                    return; // closes both sockets: no CONNACK reaches the client
                }
                out.write(packet);
                out.flush();
            }
            byte[] buffer = new byte[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: so does the other
        }
    }

    /** The fixed header, remaining length and body of the first MQTT packet; null at end of stream. */
    private static byte[] firstPacket(InputStream in) throws IOException {
        java.io.ByteArrayOutputStream packet = new java.io.ByteArrayOutputStream();
        int type = in.read();
        if (type < 0) {
            return null;
        }
        packet.write(type);
        int length = 0;
        int shift = 0;
        int b;
        do {
            b = in.read();
            if (b < 0) {
                return null;
            }
            packet.write(b);
            length |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        byte[] body = in.readNBytes(length);
        packet.write(body);
        return packet.toByteArray();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
