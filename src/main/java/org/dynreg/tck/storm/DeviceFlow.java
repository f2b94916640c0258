package org.dynreg.tck.storm;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.dynreg.tck.spec.DeviceId;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.spec.PasswordReply;
import org.dynreg.tck.spec.PasswordRequest;
import org.dynreg.tck.spec.Secret;
import org.dynreg.tck.spec.Secrets;

/**
 * One simulated device's whole registration, as a chain of callbacks (no thread of its own):
 * authmode-2 CONNECT, SUBSCRIBE to its password_reply, the request with its own RequestID, the reply,
 * then the static login with the issued secret. Every step is bounded (the client's connect timeout,
 * the driver's timer for SUBACK and reply), and the device ends exactly once: completed, refused under
 * overload, or failed with a finding.
 */
final class DeviceFlow {

    /** How a device ended. */
    enum Outcome { COMPLETED, REFUSED, FAILED }

    /** Every RequestID of a storm: {@code storm-<run>-<device index>}. */
    private static final Pattern STORM_REQUEST_ID = Pattern.compile("storm-([0-9a-f]{8})-([0-9]+)");
    static final Duration SUBACK_TIMEOUT = Duration.ofSeconds(5);

    private final StormDriver storm;
    private final DeviceId device;
    private final String deviceSN;
    private final String replyTopic;
    private final String requestId;
    private final AtomicBoolean replied = new AtomicBoolean();
    private final AtomicBoolean finished = new AtomicBoolean();
    private volatile DeviceLink restricted;
    private volatile long requestSentNanos;
    private volatile boolean requestAcknowledged;
    private volatile ScheduledFuture<?> timer;

    DeviceFlow(StormDriver storm, int index, String deviceSN) {
        this.storm = storm;
        this.device = new DeviceId(storm.productSN(), deviceSN);
        this.deviceSN = deviceSN;
        this.replyTopic = device.replyTopic();
        this.requestId = requestId(storm.runId(), index);
    }

    static String requestId(String runId, int index) {
        return "storm-" + runId + "-" + index;
    }

    void start() {
        long t0 = System.nanoTime();
        restricted = storm.link(device.clientId(), this::onMessage, this::onRestrictedSessionLost);
        restricted.connect(device.username(DeviceId.DYNAMIC), storm.productSecret())
                .thenAccept(ack -> onPreAuthentication(ack, t0))
                .exceptionally(this::crashed);
    }

    private void onPreAuthentication(DeviceLink.Connack ack, long t0) {
        if (!ack.accepted()) {
            refused(ack, Kind.PRE_AUTH_REFUSED, "pre-authentication (authmode 2)");
            return;
        }
        storm.record(Step.CONNACK, System.nanoTime() - t0);
        long t1 = System.nanoTime();
        arm(SUBACK_TIMEOUT, () -> fail(Kind.RESTRICTED_SESSION_REFUSED,
                deviceSN + ": no SUBACK for " + replyTopic + " within " + SUBACK_TIMEOUT.toSeconds() + " s"));
        restricted.subscribe(replyTopic).thenAccept(suback -> onSuback(suback, t1)).exceptionally(this::crashed);
    }

    private void onSuback(DeviceLink.Suback suback, long t1) {
        disarm();
        if (finished.get()) {
            return;
        }
        if (!suback.granted()) {
            if (suback.closed()) {
                overload(Kind.CONNECTION_CLOSED, deviceSN + ": connection closed at SUBSCRIBE (" + suback.problem() + ")");
            } else {
                fail(Kind.RESTRICTED_SESSION_REFUSED, deviceSN + ": SUBSCRIBE " + replyTopic + " refused: " + suback.problem());
            }
            return;
        }
        storm.record(Step.SUBACK, System.nanoTime() - t1);
        byte[] request = PasswordRequest.payload(requestId).getBytes(StandardCharsets.UTF_8);
        requestSentNanos = System.nanoTime();
        arm(storm.replyTimeout(), this::onReplyTimeout);
        restricted.publish(device.passwordTopic(), request)
                .thenAccept(this::onRequestAcknowledged).exceptionally(this::crashed);
    }

    private void onRequestAcknowledged(String problem) {
        requestAcknowledged = problem == null;
        if (problem == null || replied.get() || finished.get()) {
            return;
        }
        if (problem.startsWith("PUBACK")) {
            disarm();
            fail(Kind.RESTRICTED_SESSION_REFUSED, deviceSN + ": the request on its own password topic got " + problem);
        } else if (replied.compareAndSet(false, true)) {
            disarm();
            overload(Kind.CONNECTION_CLOSED, deviceSN + ": connection closed before the reply (" + problem + ")");
        }
    }

    /** The broker ended the restricted session: while the device waits for its reply, that is an overload signal. */
    private void onRestrictedSessionLost(String why) {
        if (requestSentNanos != 0 && replied.compareAndSet(false, true)) {
            disarm();
            overload(Kind.CONNECTION_CLOSED, deviceSN + ": connection closed before the reply (" + why + ")");
        }
    }

    private void onReplyTimeout() {
        if (replied.compareAndSet(false, true)) {
            fail(Kind.REPLY_LOST, deviceSN + ": no reply to RequestID " + requestId + " within "
                    + storm.replyTimeout().toMillis() + " ms (the broker " + (requestAcknowledged ? "had" : "had not")
                    + " acknowledged the request)");
        }
    }

    /** Everything the restricted connection receives. */
    private void onMessage(String topic, byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        if (!topic.equals(replyTopic)) {
            storm.count(Kind.FOREIGN_MESSAGE, deviceSN + " (restricted) received on " + topic + ": " + shorten(text));
            return;
        }
        PasswordReply reply = PasswordReply.parse(payload);
        if (!reply.shapeProblems().isEmpty()) { // SECRET-2's shape: RetCode "0", a string RequestID, a non-empty Password
            if (replied.compareAndSet(false, true)) {
                disarm();
                fail(Kind.MALFORMED_REPLY, deviceSN + " received " + shorten(text));
            }
            return;
        }
        String password = reply.password().orElseThrow(); // the shape has it
        if (!reply.echoes(requestId)) {
            String echoed = reply.requestId().orElseThrow(); // a string, by the shape
            if (STORM_REQUEST_ID.matcher(echoed).matches()) {
                storm.count(Kind.CROSSED_REPLY, deviceSN + " (RequestID " + requestId + ") received the reply to RequestID "
                        + echoed + ", with " + Secret.masked(password));
                return; // not its reply: it waits on for its own
            }
            storm.count(Kind.REQUEST_ID_NOT_ECHOED, deviceSN + " asked with RequestID " + requestId
                    + ", the reply says " + shorten(echoed));
        }
        onOwnReply(password);
    }

    private void onOwnReply(String secret) {
        if (!replied.compareAndSet(false, true)) {
            return;
        }
        disarm();
        long latency = System.nanoTime() - requestSentNanos;
        storm.record(Step.REPLY, latency);
        if (latency > storm.deadline().toNanos()) {
            storm.count(Kind.REPLY_LATE, deviceSN + ": reply after " + TimeUnit.NANOSECONDS.toMillis(latency)
                    + " ms (deadline " + storm.deadline().toMillis() + " ms)");
        }
        String sharedWith = storm.issued(secret, deviceSN);
        if (sharedWith != null) {
            // the root cause (RESTRICT-4), and what follows from it (STATIC-1: one DevSecret opens both static logins)
            storm.count(Kind.SECRET_OF_ANOTHER_DEVICE, deviceSN + " received " + sharedWith + "'s secret " + Secret.masked(secret));
            storm.count(Kind.DUPLICATE_SECRET, deviceSN + " and " + sharedWith + " were both issued " + Secret.masked(secret));
        }
        restricted.disconnect();
        long t2 = System.nanoTime();
        DeviceLink login = storm.link(device.clientId(), (t, p) -> { }, why -> { }); // its CONNECT's outcome says it all
        login.connect(device.username(DeviceId.STATIC), secret).thenAccept(ack -> {
            if (ack.accepted()) {
                storm.record(Step.STATIC_LOGIN, System.nanoTime() - t2);
                login.disconnect();
                finish(Outcome.COMPLETED);
            } else {
                refused(ack, Kind.SECRET_REFUSED, "static login (authmode 1) with the issued secret");
            }
        }).exceptionally(this::crashed);
    }

    /** A connect that did not succeed: an overload signal, a lost CONNACK, or a finding. */
    private void refused(DeviceLink.Connack ack, Kind finding, String what) {
        String example = deviceSN + ": " + what + ": " + ack.describe();
        if (ack.timedOut()) {
            fail(Kind.CONNACK_LOST, example);
            return;
        }
        Kind overload = overloadSignal(ack, storm.version());
        if (overload != null) {
            overload(overload, example);
        } else {
            fail(finding, example);
        }
    }

    /** The kind of an overload refusal, or null if the refusal says something else. */
    static Kind overloadSignal(DeviceLink.Connack ack, MqttVersion version) {
        if (!ack.refusedWithCode()) {
            return Kind.CONNECTION_CLOSED;
        }
        if (version == MqttVersion.V3_1_1) {
            return ack.code() == 3 ? Kind.REFUSED_SERVER_BUSY : null;
        }
        return switch (ack.code()) {
            case 0x97 -> Kind.REFUSED_QUOTA_EXCEEDED;
            case 0x9F -> Kind.REFUSED_RATE_EXCEEDED;
            case 0x88, 0x89 -> Kind.REFUSED_SERVER_BUSY;
            default -> null;
        };
    }

    private void overload(Kind kind, String example) {
        storm.count(kind, example);
        end(Outcome.REFUSED);
    }

    private void fail(Kind kind, String example) {
        storm.count(kind, example);
        end(Outcome.FAILED);
    }

    private Void crashed(Throwable e) {
        fail(Kind.DRIVER_ERROR, deviceSN + ": " + DeviceLink.rootMessage(e));
        return null;
    }

    private void end(Outcome outcome) {
        if (restricted != null) {
            restricted.disconnect();
        }
        finish(outcome);
    }

    private void finish(Outcome outcome) {
        if (finished.compareAndSet(false, true)) {
            disarm();
            storm.finished(outcome);
        }
    }

    private void arm(Duration after, Runnable action) {
        timer = storm.schedule(after, action);
    }

    private void disarm() {
        ScheduledFuture<?> t = timer;
        if (t != null) {
            t.cancel(false);
        }
    }

    /** Masked first, so that a cut cannot leave half a secret unmasked. */
    private static String shorten(String text) {
        String masked = Secrets.mask(text);
        return masked.length() <= 160 ? masked : masked.substring(0, 157) + "...";
    }
}
