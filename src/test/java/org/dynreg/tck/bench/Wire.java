package org.dynreg.tck.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.dynreg.tck.net.TcpEndpoint;

/**
 * The wire between the devices under test and the reference platform: a relay in front of the platform (the address
 * the bench gives a device) that passes every byte on unchanged, and notes when each SUBSCRIBE and PUBLISH of a device
 * reached it and when each SUBACK left it for the device.
 *
 * <p>The platform's own log cannot show that order: once HiveMQ has read a SUBSCRIBE, it reads nothing more of that
 * connection until it has written the SUBACK (its {@code SubscribeMessageBarrier} turns auto-read off and queues what
 * was already read), so a request a device publishes before its SUBACK reaches the extension — and the platform's log —
 * only after that SUBACK.
 *
 * <p>A SUBACK's time is noted before it is passed on, a PUBLISH's once it has been read whole: a device that waits for
 * its SUBACK always publishes after the SUBACK's time.
 */
public final class Wire extends TcpEndpoint {

    /** The packets the wire notes. */
    public enum Kind { SUBSCRIBE, SUBACK, PUBLISH }

    /**
     * A packet of {@code connection} (numbered by the wire; its CONNECT's {@code clientId}): a SUBSCRIBE's filters, a
     * SUBACK's (those of the SUBSCRIBE it answers, with whether each was granted), a PUBLISH's topic.
     */
    public record Packet(long nanos, int connection, String clientId, Kind kind, List<String> topics, List<Boolean> granted) {

        /** Whether this SUBACK granted {@code filter}. */
        public boolean grants(String filter) {
            int i = topics.indexOf(filter);
            return kind == Kind.SUBACK && i >= 0 && i < granted.size() && granted.get(i);
        }
    }

    /** A remaining length above this is passed on without being read into a packet (nothing the wire notes is so big). */
    private static final int LARGEST_READ = 1 << 20;

    private final String host;
    private final int port;
    private final AtomicInteger connections = new AtomicInteger();
    private final Map<String, List<Packet>> byClientId = new ConcurrentHashMap<>();

    /** A wire in front of the platform at {@code host:port}, listening on a free loopback port. */
    public Wire(String host, int port) {
        super("device-bench-wire", 0);
        this.host = host;
        this.port = port;
    }

    /** What crossed the wire on the connections whose CONNECT had {@code clientId}, in order. */
    public List<Packet> of(String clientId) {
        List<Packet> packets = byClientId.get(clientId);
        if (packets == null) {
            return List.of();
        }
        synchronized (packets) {
            return List.copyOf(packets);
        }
    }

    /** Forgets the packets of {@code clientId} (its scenario is over). */
    public void forget(String clientId) {
        byClientId.remove(clientId);
    }

    @Override
    protected void serve(Socket device) throws IOException {
        Connection c = new Connection(connections.incrementAndGet());
        relay(device, host, port, (from, to) -> pump(from, to, c, true), (from, to) -> pump(from, to, c, false));
    }

    /** One connection as the wire reads it: whose, which MQTT version, its SUBSCRIBEs not yet answered. */
    private static final class Connection {
        final int number;
        volatile String clientId;
        volatile boolean mqtt5;
        final Map<Integer, List<String>> subscribing = new ConcurrentHashMap<>();

        Connection(int number) {
            this.number = number;
        }
    }

    /** One direction, packet by packet, each noted, then passed on as it came; until either side closes. */
    private void pump(Socket from, Socket to, Connection c, boolean fromDevice) {
        try {
            InputStream in = new BufferedInputStream(from.getInputStream());
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            while (true) {
                int first = in.read();
                if (first < 0) {
                    break;
                }
                ByteArrayOutputStream header = new ByteArrayOutputStream(5);
                header.write(first);
                int length = remainingLength(in, header);
                if (length > LARGEST_READ) {
                    out.write(header.toByteArray());
                    for (int left = length, n; left > 0; left -= n) {
                        n = in.read(buffer, 0, Math.min(buffer.length, left));
                        if (n < 0) {
                            throw new IOException("the connection ended inside a packet");
                        }
                        out.write(buffer, 0, n);
                    }
                    out.flush();
                    continue;
                }
                byte[] body = in.readNBytes(length);
                if (body.length < length) {
                    break;
                }
                try {
                    note(c, fromDevice, first, body, System.nanoTime());
                } catch (RuntimeException e) {
                    // a packet the wire cannot read is the platform's to judge: passed on, not noted
                }
                out.write(header.toByteArray());
                out.write(body);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed or reset: the other goes too
        }
        quietlyClose(from);
        quietlyClose(to);
    }

    private void note(Connection c, boolean fromDevice, int first, byte[] body, long nanos) {
        int type = first >> 4;
        if (fromDevice && type == 1) { // CONNECT: protocol name, level, flags, keep-alive, [properties], ClientID
            int i = 2 + u16(body, 0);
            c.mqtt5 = body[i] == 5;
            i += 4;
            if (c.mqtt5) {
                i = skipProperties(body, i);
            }
            c.clientId = string(body, i);
        } else if (c.clientId == null) {
            return; // nothing before a CONNECT is noted
        } else if (fromDevice && type == 8) { // SUBSCRIBE: packet id, [properties], (filter, options)…
            int id = u16(body, 0);
            int i = c.mqtt5 ? skipProperties(body, 2) : 2;
            List<String> filters = new ArrayList<>();
            while (i < body.length) {
                String filter = string(body, i);
                filters.add(filter);
                i += 2 + u16(body, i) + 1;
            }
            c.subscribing.put(id, filters);
            add(new Packet(nanos, c.number, c.clientId, Kind.SUBSCRIBE, List.copyOf(filters), List.of()));
        } else if (!fromDevice && type == 9) { // SUBACK: packet id, [properties], a code per filter
            int id = u16(body, 0);
            int i = c.mqtt5 ? skipProperties(body, 2) : 2;
            List<Boolean> granted = new ArrayList<>();
            for (; i < body.length; i++) {
                granted.add((body[i] & 0xFF) < 0x80);
            }
            List<String> filters = c.subscribing.remove(id);
            add(new Packet(nanos, c.number, c.clientId, Kind.SUBACK, filters == null ? List.of() : List.copyOf(filters),
                    List.copyOf(granted)));
        } else if (fromDevice && type == 3) { // PUBLISH: topic (empty if an MQTT 5 Topic Alias alone names it), …
            add(new Packet(nanos, c.number, c.clientId, Kind.PUBLISH, List.of(string(body, 0)), List.of()));
        }
    }

    private void add(Packet p) {
        List<Packet> packets = byClientId.computeIfAbsent(p.clientId(), k -> Collections.synchronizedList(new ArrayList<>()));
        packets.add(p);
    }

    private static int remainingLength(InputStream in, ByteArrayOutputStream header) throws IOException {
        int value = 0;
        for (int shift = 0; shift <= 21; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended inside a packet");
            }
            header.write(b);
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("a remaining length of more than 4 bytes: not MQTT");
    }

    /** The index after the MQTT 5 properties that start at {@code i} (their length, a variable byte integer, first). */
    private static int skipProperties(byte[] body, int i) {
        int value = 0;
        int shift = 0;
        int b;
        do {
            b = body[i++] & 0xFF;
            value |= (b & 0x7F) << shift;
            shift += 7;
        } while ((b & 0x80) != 0);
        return i + value;
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
    }

    private static String string(byte[] b, int i) {
        return new String(b, i + 2, u16(b, i), StandardCharsets.UTF_8);
    }
}
