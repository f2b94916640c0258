package org.dynreg.tck.net;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * Accepts TCP connections and never answers: it reads (and drops) what the client sends, as a
 * half-built platform whose MQTT listener hangs, or a port behind a firewall that swallows traffic.
 */
public final class SilentEndpoint extends TcpEndpoint {

    public SilentEndpoint(int port) {
        super("silent-endpoint", port);
    }

    public SilentEndpoint() {
        this(0);
    }

    @Override
    protected void serve(Socket client) throws IOException {
        InputStream in = client.getInputStream();
        byte[] sink = new byte[4096];
        while (in.read(sink) >= 0) {
            // never answer; the client or close() ends the connection
        }
    }
}
