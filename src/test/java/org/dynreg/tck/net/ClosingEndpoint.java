package org.dynreg.tck.net;

import java.net.Socket;

/**
 * Accepts TCP connections and closes each at once, before reading anything: a listener whose
 * back end is down (a proxy with no upstream, a broker that crashes on every accepted connection).
 */
public final class ClosingEndpoint extends TcpEndpoint {

    public ClosingEndpoint(int port) {
        super("closing-endpoint", port);
    }

    public ClosingEndpoint() {
        this(0);
    }

    @Override
    protected void serve(Socket client) {
        // returning closes the socket
    }
}
