package org.dynreg.tck.net;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Accepts TCP connections and answers the first bytes it receives with bytes that are not MQTT: an
 * HTTP error response, as a web server or a load balancer's health port would (the usual way a
 * vendor reaches a port that is not the MQTT listener). Then it waits for the client to close.
 */
public final class GarbageEndpoint extends TcpEndpoint {

    /** What it answers. */
    public static final byte[] ANSWER = ("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nContent-Length: 11\r\n"
            + "Connection: close\r\n\r\nBad Request").getBytes(StandardCharsets.US_ASCII);

    public GarbageEndpoint(int port) {
        super("garbage-endpoint", port);
    }

    public GarbageEndpoint() {
        this(0);
    }

    @Override
    protected void serve(Socket client) throws IOException {
        var in = client.getInputStream();
        if (in.read() < 0) {
            return;
        }
        OutputStream out = client.getOutputStream();
        out.write(ANSWER);
        out.flush();
        byte[] sink = new byte[4096];
        while (in.read(sink) >= 0) {
            // the client decides when to close
        }
    }
}
