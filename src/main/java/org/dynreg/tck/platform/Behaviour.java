package org.dynreg.tck.platform;

import java.util.EnumSet;
import java.util.Set;

/**
 * How the reference platform behaves where the spec leaves it a choice, and which {@link Deviation}s
 * are switched on. The default is the exemplary platform described in {@code package-info.java}.
 * Every field can change while the broker runs; the next packet sees the change.
 */
public final class Behaviour {

    /** How a CONNECT is refused. */
    public enum Refusal { NOT_AUTHORIZED, BAD_USER_NAME_OR_PASSWORD }

    /** What happens to a PUBLISH the device may not make. */
    public enum ForbiddenPublish { REFUSE_WITH_CODE, DROP_SILENTLY, CLOSE_CONNECTION }

    /** What happens to a SUBSCRIBE the device may not make. */
    public enum ForbiddenSubscribe { REFUSE_WITH_CODE, CLOSE_CONNECTION, GRANT_AND_DELIVER_NOTHING }

    private volatile Refusal refusal = Refusal.NOT_AUTHORIZED;
    private volatile ForbiddenPublish forbiddenPublish = ForbiddenPublish.REFUSE_WITH_CODE;
    private volatile ForbiddenSubscribe forbiddenSubscribe = ForbiddenSubscribe.REFUSE_WITH_CODE;
    private volatile int replyDelayMillis;
    private volatile boolean newSecretPerRequest;
    private volatile boolean reRegistrationAllowed;
    private volatile boolean extraReplyFields;
    private volatile boolean closeAfterReply;
    private volatile int secretLength = 16;
    private volatile boolean digitsOnlySecrets;
    private volatile boolean answersForeignRequestsToTheirOwner;
    private volatile boolean mqtt5Offered = true;
    private volatile boolean willRefused;
    private volatile int lateLeakMillis = DEFAULT_LATE_LEAK_MILLIS;
    private volatile Set<Deviation> deviations = EnumSet.noneOf(Deviation.class);

    /** How late the LATE_* deviations deliver what they should not, unless told otherwise. */
    public static final int DEFAULT_LATE_LEAK_MILLIS = 500;

    public static Behaviour exemplary() {
        return new Behaviour();
    }

    /** Back to the exemplary platform. */
    public synchronized Behaviour reset() {
        Behaviour d = new Behaviour();
        refusal = d.refusal;
        forbiddenPublish = d.forbiddenPublish;
        forbiddenSubscribe = d.forbiddenSubscribe;
        replyDelayMillis = d.replyDelayMillis;
        newSecretPerRequest = d.newSecretPerRequest;
        reRegistrationAllowed = d.reRegistrationAllowed;
        extraReplyFields = d.extraReplyFields;
        closeAfterReply = d.closeAfterReply;
        secretLength = d.secretLength;
        digitsOnlySecrets = d.digitsOnlySecrets;
        answersForeignRequestsToTheirOwner = d.answersForeignRequestsToTheirOwner;
        mqtt5Offered = d.mqtt5Offered;
        willRefused = d.willRefused;
        lateLeakMillis = d.lateLeakMillis;
        deviations = EnumSet.noneOf(Deviation.class);
        return this;
    }

    public boolean deviates(Deviation d) {
        return deviations.contains(d);
    }

    public synchronized Behaviour deviate(Deviation d) {
        EnumSet<Deviation> next = deviations.isEmpty() ? EnumSet.noneOf(Deviation.class) : EnumSet.copyOf(deviations);
        next.add(d);
        deviations = next;
        return this;
    }

    public Refusal refusal() {
        return refusal;
    }

    public Behaviour refusal(Refusal r) {
        refusal = r;
        return this;
    }

    public ForbiddenPublish forbiddenPublish() {
        return forbiddenPublish;
    }

    public Behaviour forbiddenPublish(ForbiddenPublish f) {
        forbiddenPublish = f;
        return this;
    }

    public ForbiddenSubscribe forbiddenSubscribe() {
        return forbiddenSubscribe;
    }

    public Behaviour forbiddenSubscribe(ForbiddenSubscribe f) {
        forbiddenSubscribe = f;
        return this;
    }

    public int replyDelayMillis() {
        return replyDelayMillis;
    }

    public Behaviour replyDelayMillis(int millis) {
        replyDelayMillis = millis;
        return this;
    }

    public boolean newSecretPerRequest() {
        return newSecretPerRequest;
    }

    public Behaviour newSecretPerRequest(boolean on) {
        newSecretPerRequest = on;
        return this;
    }

    public boolean reRegistrationAllowed() {
        return reRegistrationAllowed;
    }

    public Behaviour reRegistrationAllowed(boolean on) {
        reRegistrationAllowed = on;
        return this;
    }

    public boolean extraReplyFields() {
        return extraReplyFields;
    }

    public Behaviour extraReplyFields(boolean on) {
        extraReplyFields = on;
        return this;
    }

    public boolean closeAfterReply() {
        return closeAfterReply;
    }

    public Behaviour closeAfterReply(boolean on) {
        closeAfterReply = on;
        return this;
    }

    public int secretLength() {
        return secretLength;
    }

    public Behaviour secretLength(int length) {
        secretLength = length;
        return this;
    }

    public boolean answersForeignRequestsToTheirOwner() {
        return answersForeignRequestsToTheirOwner;
    }

    /**
     * Answers a request published on another device's password topic to that device, on its own password_reply
     * topic, where the requester cannot see it (RESTRICT-4 forbids only a reply the requester can see).
     */
    public Behaviour answersForeignRequestsToTheirOwner(boolean on) {
        answersForeignRequestsToTheirOwner = on;
        return this;
    }

    /** Issues DevSecrets of digits only (the spec leaves the alphabet open: a secret need have no letters). */
    public Behaviour digitsOnlySecrets(boolean on) {
        digitsOnlySecrets = on;
        return this;
    }

    /** A new DevSecret as this platform issues them: {@link #secretLength()} characters of its alphabet. */
    public String newSecret() {
        return digitsOnlySecrets ? org.dynreg.tck.spec.Secrets.generate(secretLength, "0123456789")
                : org.dynreg.tck.spec.Secrets.generate(secretLength);
    }

    public boolean mqtt5Offered() {
        return mqtt5Offered;
    }

    public Behaviour mqtt5Offered(boolean on) {
        mqtt5Offered = on;
        return this;
    }

    public boolean willRefused() {
        return willRefused;
    }

    /**
     * Refuses a pre-authentication whose CONNECT carries a Will Message (a restricted session could not publish
     * it; some brokers check the Will at CONNECT). By default the platform accepts it and never publishes that Will.
     */
    public Behaviour willRefused(boolean on) {
        willRefused = on;
        return this;
    }

    /** How late the LATE_* deviations deliver a forbidden message. */
    public int lateLeakMillis() {
        return lateLeakMillis;
    }

    public Behaviour lateLeakMillis(int millis) {
        lateLeakMillis = millis;
        return this;
    }
}
