package org.dynreg.tck.platform;

/**
 * Ways the reference platform can be told to break the spec, each breaking one facet of one MUST rule
 * of RULES.md. Off by default; the kit's self-test switches them on one at a time to prove that the
 * certification suite catches each of them, at its rule.
 */
public enum Deviation {
    CLIENT_ID_UNCHECKED_DYNAMIC("CRED-1", "accepts any ClientID in authmode 2"),
    CLIENT_ID_UNCHECKED_STATIC("CRED-1", "accepts any ClientID in authmode 1"),
    EMPTY_CLIENT_ID_ACCEPTED("CRED-1", "accepts an empty ClientID"),
    CLIENT_ID_PREFIX_COMPARED("CRED-1", "accepts a ClientID that starts with the right one (ignores trailing characters)"),
    CLIENT_ID_SEPARATOR_IGNORED("CRED-1", "accepts any one character between ProductSN and DeviceSN in the ClientID"),
    AUTHMODE_3_ACCEPTED("CRED-2", "treats authmode 3 (or 0) as dynamic registration"),
    EMPTY_AUTHMODE_ACCEPTED("CRED-2", "treats an empty or missing authmode as dynamic registration"),
    EXTRA_USERNAME_FIELD_ACCEPTED("CRED-2", "ignores extra fields of the UserName"),
    UNKNOWN_PRODUCT_ACCEPTED("CRED-3", "accepts a device of an unknown product"),
    WHITELISTED_REFUSED("PRE-1", "refuses a whitelisted device with the right ProdSecret"),
    ANY_PRODUCT_SECRET_ACCEPTED("PRE-2", "accepts any non-empty password in authmode 2"),
    EMPTY_PASSWORD_ACCEPTED("PRE-2", "accepts an empty or absent password in authmode 2"),
    OTHER_PRODUCT_SECRET_ACCEPTED("PRE-2", "accepts another product's secret in authmode 2"),
    PRODUCT_SECRET_CASE_IGNORED("PRE-2", "compares the ProdSecret ignoring the case of its letters"),
    PRODUCT_SECRET_PREFIX_COMPARED("PRE-2", "compares only the first 8 characters of the ProdSecret"),
    PRODUCT_SECRET_TRAILING_IGNORED("PRE-2", "accepts the ProdSecret followed by anything"),
    UNLISTED_DEVICE_ACCEPTED("PRE-3", "accepts a device that is not on the whitelist"),
    SWITCH_IGNORED("PRE-4", "ignores the dynamic-registration switch"),
    REPLY_SUBSCRIPTION_REFUSED("RESTRICT-1", "refuses the device's subscription to its own password_reply"),
    RESTRICTED_PUBLISH_UPLINK("RESTRICT-2", "lets a restricted device publish on its uplink topic"),
    RESTRICTED_PUBLISH_ANYWHERE("RESTRICT-2", "lets a restricted device publish on any topic"),
    RESTRICTED_PUBLISH_OWN_REPLY("RESTRICT-2", "lets a restricted device publish on its own password_reply"),
    LATE_PUBLISH_LEAK("RESTRICT-2", "delivers a restricted device's forbidden publish to subscribers, late"),
    WILL_UNCHECKED("RESTRICT-2", "publishes a restricted session's Will Message when the session ends (the Will is not checked)"),
    RETAINED_COPY_KEPT("RESTRICT-2", "drops a restricted device's forbidden retained publish but keeps it as the topic's "
            + "retained message, for later subscribers"),
    TOPIC_ALIAS_RESOLVED_AFTER_CHECK("RESTRICT-2", "checks a PUBLISH by the topic name it carries: one that names its "
            + "topic by a Topic Alias alone goes through (behind the self-test's alias-resolving proxy, which marks it)"),
    QOS_2_UNCHECKED("RESTRICT-2", "checks a restricted device's publishes at QoS 0 and 1 only: QoS 2 goes through"),
    RESTRICTED_SUBSCRIBE_DOWNLINK("RESTRICT-3", "lets a restricted device receive on its downlink topic"),
    RESTRICTED_SUBSCRIBE_ANYTHING("RESTRICT-3", "lets a restricted device subscribe to # and receive"),
    LATE_DOWNLINK_LEAK("RESTRICT-3", "delivers messages on its downlink to a restricted device, late"),
    RETAINED_SERVED("RESTRICT-3", "grants a restricted device's forbidden subscription and, delivering nothing live, "
            + "serves it the topic's retained message"),
    QUEUE_UNCHECKED_ON_RESUME("RESTRICT-3", "grants a persistent restricted session's forbidden subscription and, "
            + "delivering nothing live, delivers what was queued for it while it was offline when it resumes"),
    SHARED_SUBSCRIPTION_UNCHECKED("RESTRICT-3", "lets a restricted device subscribe to and receive through any shared "
            + "subscription ($share/{group}/{filter})"),
    REPLY_WILDCARD_LEAK("RESTRICT-4", "lets a restricted device read other devices' password_reply topics"),
    LATE_REPLY_LEAK("RESTRICT-4", "delivers other devices' password replies to a wildcard subscriber, late"),
    SHARED_REPLY_SUBSCRIPTION_UNCHECKED("RESTRICT-4", "lets a restricted device read other devices' password_reply "
            + "topics through a shared subscription ($share/{group}/...)"),
    PREVIOUS_DEVICES_SECRET_ISSUED("RESTRICT-4", "issues a registering device the secret it issued to the device that "
            + "registered before it"),
    FOREIGN_REQUEST_ANSWERED("RESTRICT-4", "answers a request published on another device's password topic with that "
            + "device's secret, on the requester's own password_reply topic"),
    NO_REPLY("SECRET-1", "never answers a password request"),
    REPLY_ON_WRONG_TOPIC("SECRET-1", "answers on /$system/{ProductSN}/{DeviceSN}/password_replies"),
    RETCODE_AS_NUMBER("SECRET-2", "sends RetCode as the number 0"),
    PASSWORD_KEY_LOWER_CASE("SECRET-2", "names the field \"password\" instead of \"Password\""),
    EMPTY_PASSWORD_ISSUED("SECRET-2", "issues an empty Password"),
    REQUEST_ID_AS_NUMBER("SECRET-2", "echoes a numeric RequestID as a JSON number"),
    REPLY_NOT_JSON("SECRET-2", "answers with RetCode=0&RequestID=...&Password=... instead of JSON"),
    REQUEST_ID_NOT_ECHOED("SECRET-3", "answers every request with RequestID \"1\""),
    REQUEST_ID_TRUNCATED("SECRET-3", "echoes at most 32 characters of the RequestID"),
    SECRET_DOES_NOT_WORK("SECRET-4", "issues a Password that static login does not accept"),
    STATIC_ACCEPTS_PRODUCT_SECRET("STATIC-1", "accepts the ProdSecret in authmode 1"),
    STATIC_ACCEPTS_ANY_DEVICE_SECRET("STATIC-1", "accepts any issued DevSecret in authmode 1"),
    STATIC_ACCEPTS_EMPTY_PASSWORD("STATIC-1", "accepts an empty password in authmode 1"),
    STATIC_ACCEPTS_WRONG_SECRET("STATIC-1", "accepts any non-empty password in authmode 1 once a secret was issued"),
    DEVICE_SECRET_CASE_IGNORED("STATIC-1", "compares the DevSecret ignoring the case of its letters"),
    DEVICE_SECRET_PREFIX_COMPARED("STATIC-1", "compares only the first 8 characters of the DevSecret"),
    DEVICE_SECRET_TRAILING_IGNORED("STATIC-1", "accepts the DevSecret followed by anything"),
    ACTIVE_STILL_RESTRICTED("ACTIVE-1", "keeps an activated device restricted"),
    // only a registration storm sees these: the verdict self-test leaves them out (see stormOnly())
    REPLIES_CROSSED_UNDER_LOAD("RESTRICT-4", "under concurrent requests, sends a reply to the device that asked just before", true),
    ONE_SECRET_FOR_EVERY_DEVICE("STATIC-1", "issues one and the same DevSecret to every device", true);

    private final String rule;
    private final String description;
    private final boolean stormOnly;

    Deviation(String rule, String description) {
        this(rule, description, false);
    }

    Deviation(String rule, String description, boolean stormOnly) {
        this.rule = rule;
        this.description = description;
        this.stormOnly = stormOnly;
    }

    /**
     * Whether only a registration storm ({@code org.dynreg.tck.storm}) can see it: it needs concurrent
     * registrations or many devices, which the certification suite does not make.
     */
    public boolean stormOnly() {
        return stormOnly;
    }

    /** The ID of the MUST rule this deviation breaks. */
    public String rule() {
        return rule;
    }

    public String description() {
        return description;
    }
}
