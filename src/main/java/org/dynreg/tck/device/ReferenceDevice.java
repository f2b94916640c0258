package org.dynreg.tck.device;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dynreg.tck.device.Conduct.Flaw;
import org.dynreg.tck.spec.DeviceId;
import org.dynreg.tck.spec.PasswordReply;
import org.dynreg.tck.spec.PasswordRequest;

/**
 * The kit's reference device: a device that registers as the platform's C SDK does, on the HiveMQ MQTT client over
 * MQTT 3.1.1 (or MQTT 5, a choice the device rules leave open). On a start without a stored secret it pre-authenticates (authmode 2), subscribes to its password_reply,
 * waits for the SUBACK, asks for its secret, takes only the reply that echoes its RequestID with RetCode 0, stores the
 * secret in its state folder and logs in with it (authmode 1); with a stored secret it logs in straight away. After a
 * refused CONNECT it waits 1 s, 2 s, 4 s … before trying again. It runs until {@link #stop()}.
 */
public final class ReferenceDevice implements Runnable {

    private static final String SECRET_FILE = "dev-secret";
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration ACK_WAIT = Duration.ofSeconds(10);
    private static final Pattern ANY_PASSWORD = Pattern.compile("[Pp]assword\"?\\s*[:=]\\s*\"?([A-Za-z0-9]+)");

    private final DeviceParams params;
    private final Conduct conduct;
    private final DeviceId id;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile boolean stopped;
    private volatile DeviceSession current;
    private volatile String status = "not started";

    public ReferenceDevice(DeviceParams params, Conduct conduct) {
        this.params = params;
        this.conduct = conduct;
        this.id = new DeviceId(params.productSN(), params.deviceSN());
    }

    /** Runs the device until it is stopped (or its thread interrupted). */
    @Override
    public void run() {
        Duration backoff = FIRST_BACKOFF;
        try {
            while (!stopped) {
                Optional<String> stored = conduct.has(Flaw.REGISTERS_EVERY_START) ? Optional.empty() : stored();
                String secret = stored.isPresent() ? stored.get() : register().orElse(null);
                if (secret == null) {
                    backoff = pause(backoff);
                    continue;
                }
                if (login(secret)) {
                    status = "logged in with its secret";
                    while (!stopped) {
                        Thread.sleep(100); // an activated device at work: nothing more to do on the bench
                    }
                    return;
                }
                backoff = pause(backoff);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            disconnect();
        }
    }

    /** Ends the device: its connection is closed with DISCONNECT. */
    public void stop() {
        stopped = true;
        disconnect();
    }

    /** What the device did last, for a bench's "did not finish" line. */
    public String status() {
        return status;
    }

    /** Dynamic registration: the secret from the platform's reply, stored; empty if this attempt got none. */
    private Optional<String> register() throws InterruptedException {
        String clientId = conduct.has(Flaw.CLIENT_ID_WITHOUT_PRODUCT) ? params.deviceSN() : id.clientId();
        DeviceSession client = connect(clientId, id.username(DeviceId.DYNAMIC), params.productSecret().reveal());
        if (client == null) {
            status = "pre-authentication refused";
            return Optional.empty();
        }
        try {
            BlockingQueue<byte[]> replies = new LinkedBlockingQueue<>();
            int qos = conduct.qos();
            var subscribed = client.subscribe(id.replyTopic(), qos, replies::add);
            if (conduct.has(Flaw.SUBSCRIBES_DOWNLINK_WHILE_RESTRICTED)) {
                client.subscribe(ordinaryTopic("set"), qos, payload -> { });
            }
            if (!conduct.has(Flaw.REQUEST_BEFORE_SUBACK)) {
                subscribed.get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (conduct.has(Flaw.PUBLISHES_UPLINK_WHILE_RESTRICTED)) {
                // QoS 0: nothing to wait for, whatever the platform does with it
                client.publish(ordinaryTopic("upload"), 0,
                        "{\"hello\":\"restricted\"}".getBytes(StandardCharsets.UTF_8));
            }
            while (!stopped) {
                String requestId = nextRequestId();
                byte[] request = conduct.has(Flaw.REQUEST_ID_AS_NUMBER)
                        ? ("{\"RequestID\": " + requests.get() + "}").getBytes(StandardCharsets.UTF_8)
                        : PasswordRequest.payload(requestId).getBytes(StandardCharsets.UTF_8);
                client.publish(id.passwordTopic(), qos, request).get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
                status = "asked for its secret (RequestID " + requestId + ")";
                Optional<String> secret = awaitReply(replies, requestId);
                if (secret.isPresent()) {
                    store(secret.get());
                    return secret;
                }
                status = "no reply it could take within " + replyWait().toMillis() + " ms";
            }
            return Optional.empty();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            status = "registration failed: " + e;
            return Optional.empty();
        } finally {
            client.disconnect();
            current = null;
        }
    }

    private Duration replyWait() {
        return conduct.has(Flaw.SHORT_WAIT) ? Duration.ofSeconds(3) : conduct.replyWait();
    }

    /** The first reply it takes within its wait; the wait is not extended by the replies it does not take. */
    private Optional<String> awaitReply(BlockingQueue<byte[]> replies, String requestId) throws InterruptedException {
        long deadline = System.nanoTime() + replyWait().toNanos();
        while (!stopped) {
            long left = deadline - System.nanoTime();
            byte[] reply = left <= 0 ? null : replies.poll(Math.min(left, 100_000_000L), TimeUnit.NANOSECONDS);
            if (reply == null) {
                if (left <= 0) {
                    return Optional.empty();
                }
                continue;
            }
            Optional<String> taken = take(reply, requestId);
            if (taken.isPresent()) {
                return taken;
            }
        }
        return Optional.empty();
    }

    /** The secret in a reply, if the device takes the reply (the flaws loosen what it takes). */
    private Optional<String> take(byte[] payload, String requestId) {
        if (conduct.has(Flaw.PASSWORD_PICKED_FROM_ANY_TEXT)) {
            Matcher m = ANY_PASSWORD.matcher(new String(payload, StandardCharsets.UTF_8));
            return m.find() ? Optional.of(m.group(1)) : Optional.empty();
        }
        PasswordReply reply = PasswordReply.parse(payload);
        boolean ours = conduct.has(Flaw.ANY_REQUEST_ID) || reply.echoes(requestId)
                || conduct.has(Flaw.REQUEST_ID_AS_NUMBER) && reply.echoes(String.valueOf(requests.get()));
        boolean success = conduct.has(Flaw.RET_CODE_IGNORED) || reply.retCodeIsZero();
        return ours && success ? reply.password() : Optional.empty();
    }

    private String nextRequestId() {
        int n = requests.incrementAndGet();
        return switch (conduct.requestIds()) {
            case ONE -> "1";
            case COUNTER -> String.valueOf(n);
            case UUID -> java.util.UUID.randomUUID().toString();
        };
    }

    /** Static login with the secret; whether it was accepted. */
    private boolean login(String secret) throws InterruptedException {
        int mode = conduct.has(Flaw.LOGIN_WITH_AUTHMODE_2) ? DeviceId.DYNAMIC : DeviceId.STATIC;
        DeviceSession client = connect(id.clientId(), id.username(mode), secret);
        if (client == null) {
            status = "static login refused";
            return false;
        }
        return true;
    }

    /** A connected session, or null if the CONNECT was refused or not answered. */
    private DeviceSession connect(String clientId, String userName, String password) throws InterruptedException {
        DeviceSession session = DeviceSession.open(conduct.mqtt5(), params, clientId, userName, password,
                conduct.has(Flaw.KEEP_ALIVE_10) ? 10 : 240, ACK_WAIT);
        current = session;
        return session;
    }

    private Duration pause(Duration backoff) throws InterruptedException {
        Duration wait = conduct.has(Flaw.NO_BACKOFF) ? Duration.ofMillis(100) : backoff;
        long until = System.nanoTime() + wait.toNanos();
        while (!stopped && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        Duration next = backoff.multipliedBy(2);
        return next.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : next;
    }

    private Optional<String> stored() {
        Path file = params.stateDir().resolve(SECRET_FILE);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file).strip()).filter(s -> !s.isEmpty()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void store(String secret) {
        try {
            Files.createDirectories(params.stateDir());
            Files.writeString(params.stateDir().resolve(SECRET_FILE), secret);
        } catch (IOException e) {
            status = "cannot store its secret in " + params.stateDir() + ": " + e.getMessage();
        }
    }

    private void disconnect() {
        DeviceSession client = current;
        if (client != null) {
            client.disconnect();
        }
    }

    /** One of the device's ordinary topics as the platform names them by default, {@code /{ProductSN}/{DeviceSN}/{last}}. */
    private String ordinaryTopic(String last) {
        return "/" + params.productSN() + "/" + params.deviceSN() + "/" + last;
    }
}
