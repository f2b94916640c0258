package org.dynreg.tck.storm;

/**
 * What can go wrong for a device during a storm. A <em>finding</em> breaks a rule of RULES.md (a MUST
 * rule fails the storm, a SHOULD rule is a warning unless strict); an <em>overload signal</em> is the
 * broker saying clearly that it is overloaded, which is acceptable: a clear refusal, not a silent loss.
 */
public enum Kind {
    CROSSED_REPLY("RESTRICT-4", Severity.MUST, "a device received another device's reply (and its secret)"),
    SECRET_OF_ANOTHER_DEVICE("RESTRICT-4", Severity.MUST,
            "a device was issued a secret already issued to another device: it received that device's secret"),
    FOREIGN_MESSAGE("RESTRICT-4", Severity.MUST, "a restricted device received a message on a topic that is not its password_reply"),
    REQUEST_ID_NOT_ECHOED("SECRET-3", Severity.MUST, "the reply's RequestID is not the one of the device's request"),
    MALFORMED_REPLY("SECRET-2", Severity.MUST, "the reply is not {\"RetCode\":\"0\",\"RequestID\":string,\"Password\":non-empty string}"),
    REPLY_LOST("SECRET-1", Severity.MUST, "no reply within the reply timeout"),
    SECRET_REFUSED("SECRET-4", Severity.MUST, "the static login with the issued secret was refused"),
    DUPLICATE_SECRET("STATIC-1", Severity.MUST,
            "two devices were issued the same secret (so one device's DevSecret opens another's static login)"),
    PRE_AUTH_REFUSED("PRE-1", Severity.MUST, "a whitelisted device with the ProdSecret was refused with a code that is not an overload code"),
    CONNACK_LOST("PRE-1", Severity.MUST, "no CONNACK (and no closed connection) within the connect timeout"),
    RESTRICTED_SESSION_REFUSED("RESTRICT-1", Severity.MUST,
            "the device's SUBSCRIBE to its own password_reply, or its request on its own password topic, was refused or not answered"),
    DRIVER_ERROR(null, Severity.MUST, "the kit's own driver failed for this device (a defect of the kit, not of the broker)"),
    REPLY_LATE("ADV-1", Severity.SHOULD, "the reply came after the deadline (the C SDK has given up by then)"),
    REFUSED_QUOTA_EXCEEDED(null, Severity.OVERLOAD, "CONNACK 0x97 quota exceeded (MQTT 5)"),
    REFUSED_RATE_EXCEEDED(null, Severity.OVERLOAD, "CONNACK 0x9F connection rate exceeded (MQTT 5)"),
    REFUSED_SERVER_BUSY(null, Severity.OVERLOAD, "CONNACK 0x88 server unavailable / 0x89 server busy (MQTT 5), or 3 server unavailable (MQTT 3.1.1)"),
    CONNECTION_CLOSED(null, Severity.OVERLOAD, "the broker closed the connection (at CONNECT, or before the reply)");

    /** How a kind counts. */
    public enum Severity { MUST, SHOULD, OVERLOAD }

    private final String rule;
    private final Severity severity;
    private final String meaning;

    Kind(String rule, Severity severity, String meaning) {
        this.rule = rule;
        this.severity = severity;
        this.meaning = meaning;
    }

    /** The rule of RULES.md it breaks; null for an overload signal. */
    public String rule() {
        return rule;
    }

    public Severity severity() {
        return severity;
    }

    public String meaning() {
        return meaning;
    }

    public boolean overload() {
        return severity == Severity.OVERLOAD;
    }
}
