package org.dynreg.tck.net;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A proxy without delay in front of the reference platform that resolves MQTT 5 topic aliases itself, the way a
 * broker's front end might: a PUBLISH that names its topic by a Topic Alias alone reaches the platform with the topic
 * name the alias stands for, no alias, and the user property {@value #MARK_KEY} = {@value #MARK_VALUE}. With the
 * platform's deviation {@code TOPIC_ALIAS_RESOLVED_AFTER_CHECK} that pair is a broker whose check looks at a
 * PUBLISH's topic name before its alias is resolved. Everything else passes unchanged, both ways.
 */
public final class AliasResolvingProxy extends TcpEndpoint {

    /** The user property that marks a PUBLISH whose topic came from its alias alone (the platform knows it too). */
    public static final String MARK_KEY = "dynreg-tck-lab";
    public static final String MARK_VALUE = "topic-alias-only";

    private final String targetHost;
    private final int targetPort;

    public AliasResolvingProxy(String targetHost, int targetPort) {
        super("alias-resolving-proxy", 0);
        this.targetHost = targetHost;
        this.targetPort = targetPort;
    }

    @Override
    protected void serve(Socket client) throws IOException {
        relay(client, targetHost, targetPort, this::upstream, AliasResolvingProxy::copy);
    }

    /** The client's packets, one by one; PUBLISHes with a Topic Alias alone rewritten. */
    private void upstream(Socket from, Socket to) {
        Map<Integer, String> aliases = new HashMap<>();
        boolean mqtt5 = false;
        try {
            DataInputStream in = new DataInputStream(from.getInputStream());
            OutputStream out = to.getOutputStream();
            while (true) {
                int first = in.read();
                if (first < 0) {
                    break;
                }
                byte[] body = new byte[readVariableByteInteger(in)];
                in.readFully(body);
                int type = first >> 4;
                if (type == 1) {
                    int nameLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
                    mqtt5 = body[2 + nameLength] == 5;
                }
                byte[] forwarded = type == 3 && mqtt5 ? publish(first, body, aliases) : body;
                ByteArrayOutputStream header = new ByteArrayOutputStream();
                header.write(first);
                writeVariableByteInteger(header, forwarded.length);
                out.write(header.toByteArray());
                out.write(forwarded);
                out.flush();
            }
        } catch (IOException | RuntimeException e) {
            // one side closed or reset (or a packet this lab does not read): the other goes too
        }
        quietlyClose(from);
        quietlyClose(to);
    }

    /** A PUBLISH's body, with the topic its alias stands for (and the mark) where it named none. */
    private static byte[] publish(int first, byte[] body, Map<Integer, String> aliases) {
        int qos = (first >> 1) & 3;
        int topicLength = ((body[0] & 0xFF) << 8) | (body[1] & 0xFF);
        String topic = new String(body, 2, topicLength, StandardCharsets.UTF_8);
        int i = 2 + topicLength + (qos > 0 ? 2 : 0);
        int[] cursor = {i};
        int propertiesLength = readVariableByteInteger(body, cursor);
        int propertiesStart = cursor[0];
        int propertiesEnd = propertiesStart + propertiesLength;
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        Integer alias = null;
        for (int p = propertiesStart; p < propertiesEnd; ) {
            int id = body[p] & 0xFF;
            int length = switch (id) {
                case 0x01 -> 1;
                case 0x02 -> 4;
                case 0x23 -> 2;
                case 0x03, 0x08, 0x09 -> 2 + (((body[p + 1] & 0xFF) << 8) | (body[p + 2] & 0xFF));
                case 0x26 -> {
                    int k = ((body[p + 1] & 0xFF) << 8) | (body[p + 2] & 0xFF);
                    yield 2 + k + 2 + (((body[p + 3 + k] & 0xFF) << 8) | (body[p + 4 + k] & 0xFF));
                }
                case 0x0B -> {
                    int[] c = {p + 1};
                    readVariableByteInteger(body, c);
                    yield c[0] - p - 1;
                }
                default -> throw new IllegalStateException("a PUBLISH property this lab does not read: " + id);
            };
            if (id == 0x23) {
                alias = ((body[p + 1] & 0xFF) << 8) | (body[p + 2] & 0xFF);
            } else {
                kept.write(body, p, 1 + length);
            }
            p += 1 + length;
        }
        if (alias == null) {
            return body;
        }
        if (!topic.isEmpty()) {
            aliases.put(alias, topic);
            return body;
        }
        String resolved = aliases.get(alias);
        if (resolved == null) {
            return body; // the broker says what it makes of an alias never set
        }
        byte[] key = MARK_KEY.getBytes(StandardCharsets.UTF_8);
        byte[] value = MARK_VALUE.getBytes(StandardCharsets.UTF_8);
        kept.write(0x26);
        writeString(kept, key);
        writeString(kept, value);
        byte[] name = resolved.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeString(out, name);
        out.write(body, 2 + topicLength, qos > 0 ? 2 : 0);
        writeVariableByteInteger(out, kept.size());
        out.writeBytes(kept.toByteArray());
        out.write(body, propertiesEnd, body.length - propertiesEnd);
        return out.toByteArray();
    }

    private static void writeString(ByteArrayOutputStream out, byte[] s) {
        out.write(s.length >> 8);
        out.write(s.length & 0xFF);
        out.writeBytes(s);
    }

    private static int readVariableByteInteger(InputStream in) throws IOException {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection ended inside a packet");
            }
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    private static int readVariableByteInteger(byte[] bytes, int[] cursor) {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            int b = bytes[cursor[0]++] & 0xFF;
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    private static void writeVariableByteInteger(ByteArrayOutputStream out, int value) {
        int v = value;
        do {
            int b = v % 128;
            v /= 128;
            out.write(v > 0 ? b | 0x80 : b);
        } while (v > 0);
    }

    /** The target's bytes, unchanged, until either side closes. */
    private static void copy(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
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
