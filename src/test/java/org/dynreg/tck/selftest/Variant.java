package org.dynreg.tck.selftest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.dynreg.tck.platform.Behaviour.ForbiddenPublish;
import org.dynreg.tck.platform.Behaviour.ForbiddenSubscribe;
import org.dynreg.tck.platform.Behaviour.Refusal;
import org.dynreg.tck.platform.Behaviour;
import org.dynreg.tck.platform.Deviation;
import org.dynreg.tck.spec.MqttVersion;

/**
 * One way the reference platform can behave for the self-test: a deviation (breaks one MUST rule:
 * the suite must fail, at that rule) or a lenient profile (conforms, taking options the spec leaves
 * open: every MUST rule must pass).
 */
record Variant(String name, boolean deviation, String rule, String tags, List<MqttVersion> versions,
               Consumer<Behaviour> setup, Broker broker, List<MqttVersion> mustFailOver) {

    /** Which broker the variant's run certifies. */
    enum Broker {
        /** the reference platform */
        PLATFORM,
        /** the reference platform behind a proxy that refuses by closing the socket, without a CONNACK */
        REFUSING_BY_CLOSING,
        /** the reference platform configured to offer none of MQTT's optional features */
        WITHOUT_OPTIONAL_FEATURES,
        /** the reference platform behind a proxy that resolves MQTT 5 topic aliases itself (and marks what it resolved) */
        RESOLVING_TOPIC_ALIASES
    }

    Variant(String name, boolean deviation, String rule, String tags, List<MqttVersion> versions, Consumer<Behaviour> setup,
            Broker broker) {
        this(name, deviation, rule, tags, versions, setup, broker, versions);
    }

    Variant(String name, boolean deviation, String rule, String tags, List<MqttVersion> versions, Consumer<Behaviour> setup) {
        this(name, deviation, rule, tags, versions, setup, Broker.PLATFORM);
    }

    static final String ALL = "";
    static final List<MqttVersion> BOTH = List.of(MqttVersion.V3_1_1, MqttVersion.V5);

    /**
     * Every variant; {@code latestLeakMillis} is the latest a LATE_* deviation may deliver and still be a
     * violation: the message must arrive, network included, inside the silence window the kit measures from
     * sending it (later than that, it was "not delivered", as RULES.md defines it).
     */
    static List<Variant> all(int latestLeakMillis) {
        List<Variant> variants = new ArrayList<>();
        variants.addAll(lenientProfiles());
        for (Deviation d : Deviation.values()) {
            if (d.stormOnly()) {
                continue; // the storm's own self-test catches it (StormSelfTest)
            }
            boolean aliases = d == Deviation.TOPIC_ALIAS_RESOLVED_AFTER_CHECK; // topic aliases are MQTT 5's
            variants.add(new Variant(d.name() + (d.name().startsWith("LATE_") ? " after " + Behaviour.DEFAULT_LATE_LEAK_MILLIS + " ms" : "")
                    + ": " + d.description(), true, d.rule(), "@" + d.rule(), BOTH,
                    b -> b.deviate(d), aliases ? Broker.RESOLVING_TOPIC_ALIASES : Broker.PLATFORM,
                    aliases ? List.of(MqttVersion.V5) : BOTH));
        }
        // a late leak at several delays inside the silence bound: just after the window's floor, and just before the bound
        for (Deviation d : List.of(Deviation.LATE_PUBLISH_LEAK, Deviation.LATE_DOWNLINK_LEAK, Deviation.LATE_REPLY_LEAK)) {
            for (int millis : new int[] {150, latestLeakMillis}) {
                variants.add(new Variant(d.name() + " after " + millis + " ms: " + d.description(), true, d.rule(),
                        "@" + d.rule(), BOTH, b -> b.deviate(d).lateLeakMillis(millis)));
            }
        }
        // last: a second embedded HiveMQ in the JVM takes over the extension SDK's static Services (the first platform's
        // replies would go through it), so it starts after every variant of the first one has run
        variants.add(new Variant("none of MQTT's optional features offered (no QoS 2, retained messages, shared subscriptions, "
                + "topic aliases or persistent sessions)", false, null, ALL, BOTH, b -> { }, Broker.WITHOUT_OPTIONAL_FEATURES));
        return variants;
    }

    static List<Variant> lenientProfiles() {
        return List.of(
                lenient("exemplary (CONNACK 5 / 0x87 on refusal)", ALL, BOTH, b -> { }),
                lenient("refusal with CONNACK 4 / 0x86", ALL, BOTH, b -> b.refusal(Refusal.BAD_USER_NAME_OR_PASSWORD)),
                new Variant("refusal by closing the socket (no CONNACK)", false, null, ALL, BOTH, b -> { }, Broker.REFUSING_BY_CLOSING),
                lenient("forbidden publish dropped silently", ALL, BOTH, b -> b.forbiddenPublish(ForbiddenPublish.DROP_SILENTLY)),
                lenient("forbidden publish closes the connection", ALL, BOTH,
                        b -> b.forbiddenPublish(ForbiddenPublish.CLOSE_CONNECTION)),
                lenient("forbidden subscribe closes the connection", ALL, BOTH,
                        b -> b.forbiddenSubscribe(ForbiddenSubscribe.CLOSE_CONNECTION)),
                lenient("forbidden subscribe granted, nothing delivered", ALL, BOTH,
                        b -> b.forbiddenSubscribe(ForbiddenSubscribe.GRANT_AND_DELIVER_NOTHING)),
                lenient("reply after 3 s", "@SECRET-1 or @SECRET-2 or @ADV-1", BOTH, b -> b.replyDelayMillis(3000)),
                lenient("a new secret for every request", ALL, BOTH, b -> b.newSecretPerRequest(true)),
                lenient("registration again after activation allowed", ALL, BOTH, b -> b.reRegistrationAllowed(true)),
                lenient("extra fields in the reply", ALL, BOTH, b -> b.extraReplyFields(true)),
                lenient("8-character secrets", ALL, BOTH, b -> b.secretLength(8)),
                lenient("64-character secrets", ALL, BOTH, b -> b.secretLength(64)),
                lenient("a request on another device's password topic answered to that device (not to the requester)",
                        "@RESTRICT-4", BOTH, b -> b.answersForeignRequestsToTheirOwner(true)),
                lenient("secrets of digits only (the near miss 'its letters' case changed' does not apply)", ALL, BOTH,
                        b -> b.digitsOnlySecrets(true)),
                lenient("restricted session closed after the reply", ALL, BOTH, b -> b.closeAfterReply(true)),
                lenient("a pre-authentication that carries a Will Message refused (the Will could never be published)",
                        "@RESTRICT-2", BOTH, b -> b.willRefused(true)),
                lenient("MQTT 5 not offered (fixture lists 3.1.1 only)", ALL, List.of(MqttVersion.V3_1_1),
                        b -> b.mqtt5Offered(false)));
    }

    private static Variant lenient(String name, String tags, List<MqttVersion> versions, Consumer<Behaviour> setup) {
        return new Variant(name, false, null, tags, versions, setup);
    }
}
