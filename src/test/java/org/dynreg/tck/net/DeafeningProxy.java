package org.dynreg.tck.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;

/**
 * A proxy without delay that can make its clients deaf: after {@link #deafen()}, what the target sends is
 * read and thrown away, while what the clients send still reaches it, and every connection stays open — a
 * client that goes on talking to a broker that, as far as it can tell, no longer answers or delivers.
 */
public final class DeafeningProxy extends TcpEndpoint {

    private final String targetHost;
    private final int targetPort;
    private volatile boolean deaf;

    public DeafeningProxy(String targetHost, int targetPort) {
        super("deafening-proxy", 0);
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    /** From now on, nothing the target sends reaches any client (of the connections open now and later). */
    public void deafen() {
        deaf = true;
    }

    @Override
    protected void serve(Socket client) throws IOException {
        relay(client, targetHost, targetPort, (from, to) -> copy(from, to, false), (from, to) -> copy(from, to, true));
    }

    /** Copies until either side closes; {@code downstream}: the target's bytes, dropped once deaf. */
    private void copy(Socket from, Socket to, boolean downstream) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                if (downstream && deaf) {
                    continue;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed or reset: the other goes too
        }
        quietlyClose(from);
        quietlyClose(to);
    }
}
