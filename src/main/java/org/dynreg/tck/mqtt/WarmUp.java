package org.dynreg.tck.mqtt;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.dynreg.tck.fixture.BrokerAddress;
import org.dynreg.tck.spec.MqttVersion;

/**
 * One MQTT 3.1.1 CONNECT, CONNACK and DISCONNECT through the kit's own {@link Connection}, against a socket of this
 * JVM that answers like a broker: it loads the client's and the kit's connection path (classes, event loop) before
 * the first real connection needs it. A certification runs it while JUnit discovers the scenarios, so that the
 * preflight's first round, which the first scenario waits for, does not: on 2 cores that round took 320-390 ms with the
 * loading, 190-250 ms without. Best effort and bounded: where it fails, the classes load later, as before.
 */
public final class WarmUp {

    private static final int BOUND_MILLIS = 2_000;
    /** CONNACK, remaining length 2, no session present, return code 0 (accepted). */
    private static final byte[] CONNACK_ACCEPTED = {0x20, 0x02, 0x00, 0x00};

    private WarmUp() {
    }

    /** Runs the warm-up; never throws. Whether the CONNECT was accepted: the whole path ran. */
    public static boolean run() {
        try (ServerSocket local = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            local.setSoTimeout(BOUND_MILLIS);
            CompletableFuture<Void> broker = CompletableFuture.runAsync(() -> answerOneConnect(local),
                    task -> {
                        Thread t = new Thread(task, "dynreg-warm-up-broker");
                        t.setDaemon(true);
                        t.start();
                    });
            Endpoint endpoint = new Endpoint(BrokerAddress.tcp(local.getInetAddress().getHostAddress(), local.getLocalPort()),
                    Optional.empty());
            boolean accepted;
            try (Connection c = Connection.create(endpoint, MqttVersion.V3_1_1, "dynreg-warm-up", "warm-up", new Transcript())) {
                accepted = c.connect(new Credentials("dynreg-warm-up", "warm-up", null)).kind() == Outcomes.Kind.SUCCESS;
            }
            broker.get(BOUND_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
            return accepted;
        } catch (Exception | LinkageError e) {
            return false; // best effort: nothing of the run depends on it
        }
    }

    /** Reads one CONNECT, answers CONNACK (accepted), then waits for the client to close (after its DISCONNECT). */
    private static void answerOneConnect(ServerSocket local) {
        try (Socket s = local.accept()) {
            s.setSoTimeout(BOUND_MILLIS);
            DataInputStream in = new DataInputStream(s.getInputStream());
            in.readUnsignedByte(); // CONNECT's fixed header
            int remaining = 0;
            for (int shift = 0, b = 0x80; (b & 0x80) != 0 && shift <= 21; shift += 7) {
                b = in.readUnsignedByte();
                remaining |= (b & 0x7F) << shift;
            }
            in.skipNBytes(remaining);
            s.getOutputStream().write(CONNACK_ACCEPTED);
            s.getOutputStream().flush();
            while (in.read() >= 0) {
                // DISCONNECT, then the end of the stream
            }
        } catch (IOException e) {
            // best effort
        }
    }
}
