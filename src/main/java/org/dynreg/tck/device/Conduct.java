package org.dynreg.tck.device;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * How the {@link ReferenceDevice} behaves: the choices the device rules leave open (QoS, RequestIDs, how long it waits
 * for the reply), and the {@link Flaw}s the bench's self-test switches on to see each caught at its rule.
 */
public record Conduct(int qos, RequestIds requestIds, Duration replyWait, Set<Flaw> flaws, boolean mqtt5) {

    /** How the device names its requests (any string is allowed). */
    public enum RequestIds {
        /** {@code "1"}, as the platform's C SDK sends */
        ONE,
        /** 1, 2, 3, … across its requests */
        COUNTER,
        /** a random UUID per request */
        UUID
    }

    /** A way to break one device rule. */
    public enum Flaw {
        /** DEV-1: ClientID is the DeviceSN alone */
        CLIENT_ID_WITHOUT_PRODUCT,
        /** DEV-2: the request is published right after the SUBSCRIBE, without waiting for its SUBACK */
        REQUEST_BEFORE_SUBACK,
        /** DEV-3: {@code {"RequestID": 1}}, a number */
        REQUEST_ID_AS_NUMBER,
        /** DEV-4: any reply with a Password is taken, whatever its RequestID */
        ANY_REQUEST_ID,
        /** DEV-4: RetCode is not looked at */
        RET_CODE_IGNORED,
        /** DEV-4: the Password is picked out of any text, JSON or not (a regular expression) */
        PASSWORD_PICKED_FROM_ANY_TEXT,
        /** DEV-5: waits 3 s for the reply, then asks again */
        SHORT_WAIT,
        /** DEV-6: the static login keeps authmode 2 in its UserName */
        LOGIN_WITH_AUTHMODE_2,
        /** DEV-7: stores nothing: registers again on every start */
        REGISTERS_EVERY_START,
        /** DEV-8: subscribes to its ordinary downlink in its restricted session too */
        SUBSCRIBES_DOWNLINK_WHILE_RESTRICTED,
        /** DEV-8: publishes on its ordinary uplink in its restricted session, before its request (which is as it should be) */
        PUBLISHES_UPLINK_WHILE_RESTRICTED,
        /** DEV-9: keep-alive 10 s */
        KEEP_ALIVE_10,
        /** DEV-10: tries again 100 ms after a refused CONNECT, every time */
        NO_BACKOFF
    }

    /** The C SDK's choices: QoS 1, RequestID "1", a 5 s wait. */
    public static Conduct reference() {
        return new Conduct(1, RequestIds.ONE, Duration.ofSeconds(5), EnumSet.noneOf(Flaw.class), false);
    }

    public Conduct withQos(int q) {
        return new Conduct(q, requestIds, replyWait, flaws, mqtt5);
    }

    public Conduct withRequestIds(RequestIds ids) {
        return new Conduct(qos, ids, replyWait, flaws, mqtt5);
    }

    public Conduct withReplyWait(Duration wait) {
        return new Conduct(qos, requestIds, wait, flaws, mqtt5);
    }

    public Conduct with(Flaw flaw) {
        EnumSet<Flaw> more = flaws.isEmpty() ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(flaws);
        more.add(flaw);
        return new Conduct(qos, requestIds, replyWait, more, mqtt5);
    }

    /** Over MQTT 5 rather than 3.1.1 (the C SDK's). */
    public Conduct overMqtt5() {
        return new Conduct(qos, requestIds, replyWait, flaws, true);
    }

    public boolean has(Flaw flaw) {
        return flaws.contains(flaw);
    }
}
