package org.dynreg.tck.steps;

import io.cucumber.java.Scenario;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.kit.Absence;
import org.dynreg.tck.kit.BrokerHealth;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.kit.Device;
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.kit.Delivery;
import org.dynreg.tck.kit.Sent;
import org.dynreg.tck.kit.Subscribed;
import org.dynreg.tck.mqtt.ConnectOptions;
import org.dynreg.tck.mqtt.Outcomes;
import org.dynreg.tck.mqtt.Transcript;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.spec.Rule;
import org.dynreg.tck.spec.Secret;

/**
 * The state of one scenario run: its rule, its MQTT version, its transcript, the devices it drives and
 * what the broker last answered. Shared by the step classes (one instance per scenario).
 */
public final class ScenarioContext {

    final CertificationRun run;
    final Transcript transcript = new Transcript();
    private final List<AutoCloseable> open = new ArrayList<>();
    private MqttVersion version;
    private Rule rule;
    private String scenarioName;
    private int sharedIndex;
    private Delivery delivery;

    Device subject;
    Device other;
    /** The last CONNECT the scenario judges. */
    Attempt attempt;
    /** The last SUBSCRIBE the scenario judges. */
    Subscribed subscribed;
    /** The message the scenario judges (or, for a reply to another device, when it arrived there). */
    Sent sent;
    /** What this scenario's registrations found: a device issued a secret the run saw issued to another device first. */
    final List<String> secretOfAnother = new ArrayList<>();
    /** The topics on which the scenario set, or had a device set, a retained message: cleared when it ends. */
    private final List<String> retainedTopics = new ArrayList<>();
    /** The password requests the scenario sent, in order. */
    final List<Device.Request> requests = new ArrayList<>();
    /** The subject's registration after its static login (ADV-3). */
    Device.Registration registrationAgain;

    /** A CONNECT, in words for the verdict, and the broker's answer. */
    record Attempt(String words, Outcomes.Connect outcome) {
    }

    /** One per scenario, with the run it belongs to (injected: see {@link RunProvider}). */
    public ScenarioContext(CertificationRun run) {
        this.run = run;
    }

    public void useVersion(MqttVersion v) {
        version = v;
    }

    MqttVersion version() {
        return version;
    }

    void begin(Scenario scenario) {
        rule = Rule.fromTags(scenario.getSourceTagNames())
                .orElseThrow(() -> new IllegalStateException("scenario '" + scenario.getName() + "' has no rule tag"));
        scenarioName = scenario.getName();
        transcript.note(rule.id() + " over " + version + ": " + scenarioName);
        run.health().lost().ifPresent(lost -> {
            throw notRun(Finding.Why.BROKER_GONE, lost.describe() + "; nothing after that was certified");
        });
    }

    Rule rule() {
        return rule;
    }

    Fixture fixture() {
        return run.fixture();
    }

    Duration replyTimeout() {
        return Duration.ofSeconds(fixture().timeouts().replySeconds());
    }

    Duration silence() {
        return Duration.ofMillis(fixture().timeouts().silenceMillis());
    }

    // ---- verdicts ----

    /**
     * Always throws: the rule is violated (or, for a SHOULD rule, not followed) — unless the broker has gone
     * away, which is no violation: then the check is not run.
     */
    void fail(String what) {
        if (!run.health().answering(scenarioName + " [MQTT " + version.label() + "]")) {
            throw notRun(Finding.Why.BROKER_GONE, run.health().lost().map(BrokerHealth.Lost::describe).orElse("the broker stopped answering")
                    + "; what the kit saw then is no evidence: " + what);
        }
        Verdict.violated(rule, run.strict(), what, transcript);
    }

    /** A check that cannot run because a precondition failed. */
    RuntimeException notRun(String why) {
        return notRun(Finding.Why.PRECONDITION, why);
    }

    /**
     * A check that cannot run, and why — unless the broker has gone away meanwhile, which is then the reason
     * (what failed is its consequence, and the run says it once).
     */
    RuntimeException notRun(Finding.Why kind, String why) {
        if (kind != Finding.Why.BROKER_GONE && kind != Finding.Why.VERSION_NOT_LISTED
                && !run.health().answering(scenarioName + " [MQTT " + version.label() + "]")) {
            return Verdict.notRun(Finding.Why.BROKER_GONE, rule, run.health().lost().map(BrokerHealth.Lost::describe)
                    .orElse("the broker stopped answering") + "; " + why, transcript);
        }
        return Verdict.notRun(kind, rule, why, transcript);
    }

    void require(boolean ok, String what) {
        if (!ok) {
            fail(what);
        }
    }

    /** Passes if the message was delivered; fails the rule if not; not run if the kit cannot tell. */
    void requireDelivered(Delivery.Answer answer) {
        switch (answer.kind()) {
            case DELIVERED -> { }
            case NOT_DELIVERED -> fail(answer.why());
            case CANNOT_TELL -> throw notRun(answer.reason(), answer.why());
        }
    }

    /** Passes if the message was not delivered; fails the rule if it was; not run if the kit cannot tell. */
    void requireNotDelivered(Delivery.Answer answer) {
        switch (answer.kind()) {
            case NOT_DELIVERED -> { }
            case DELIVERED -> fail(answer.why());
            case CANNOT_TELL -> throw notRun(answer.reason(), answer.why());
        }
    }

    /** Not run if the broker neither accepted nor refused the last CONNECT. */
    void requireAnswered() {
        if (attempt.outcome().kind() == Outcomes.Kind.NO_ANSWER) {
            throw notRun(attempt.words() + " was neither accepted nor refused: " + attempt.outcome()
                    + " (a refusal is a failing CONNACK or a closed connection)");
        }
    }

    // ---- devices ----

    Device device(Fixture.Product product, String deviceSN, String role) {
        Device d = new Device(run.endpoint(), version, transcript, fixture().topics(), product.productSN(), deviceSN,
                product.productSecret(), role, run.roundTrips(), run.sessions(), run.health(),
                scenarioName + " [MQTT " + version.label() + "]");
        open.add(d);
        return d;
    }

    Device deviceOfProduct(String deviceSN, String role) {
        return device(fixture().product(), deviceSN, role);
    }

    Device freshDevice(String role) {
        return deviceOfProduct(run.pool().takeFresh(), role);
    }

    /** One of the run's shared registered devices (they take turns), as the scenario's subject. */
    Device sharedRegistered() {
        sharedIndex = run.nextShared(version);
        return registered(sharedIndex, "registered device");
    }

    /** Another of the run's shared registered devices than the subject, with its DevSecret. */
    Device otherRegistered() {
        return registered((sharedIndex + 1) % org.dynreg.tck.kit.DevicePool.SHARED_REGISTERED, "other registered device");
    }

    /** The run's {@code index}-th registered device of this version, with its DevSecret. */
    Device registered(int index, String role) {
        CertificationRun.Registered r = run.registered(version, index, () -> {
            Device d = freshDevice("registering device");
            try {
                return new CertificationRun.Registered(d.deviceSN(), register(d), null);
            } catch (RuntimeException e) {
                return new CertificationRun.Registered(d.deviceSN(), null, e.getMessage());
            }
        });
        if (r.secret() == null) {
            throw notRun("the kit could not register a device to test with: " + r.failure().lines().findFirst().orElse(""));
        }
        Device d = deviceOfProduct(r.deviceSN(), role);
        d.knowSecret(r.secret());
        transcript.note(d.label() + " was registered before; its DevSecret is " + r.secret());
        return d;
    }

    /**
     * Pre-authenticates {@code d}, obtains its DevSecret and disconnects; not run if any step fails. Once a
     * registration has failed in this run, later ones are not tried again (each would wait its timeout for
     * nothing): the scenario is not run, citing the first failure.
     */
    Secret register(Device d) {
        run.registrationFailure().ifPresent(first -> {
            throw notRun("the kit needs a registered device, and registration already failed in this run: " + first);
        });
        Device.Registration r = d.register(replyTimeout());
        if (r.secret().isEmpty()) {
            run.registrationFailed(r.failure() + ", in \"" + scenarioName + "\" [MQTT " + version.label() + "]");
            throw notRun(r.failure());
        }
        run.issuedSecrets().issued(r.secret().get(), d.deviceSN()).ifPresent(first -> secretOfAnother.add(
                d.label() + " received device " + first + "'s secret " + r.secret().get()));
        return r.secret().get();
    }

    void preAuthenticate(Device d) {
        Outcomes.Connect c = d.preAuthenticate();
        if (!c.accepted()) {
            throw notRun("pre-authentication of " + d.label() + " was refused (" + c + "; see PRE-1)");
        }
    }

    /** {@code d}'s static login with its DevSecret; not run ({@code refused}, and the CONNACK) if it is refused. */
    void staticLogin(Device d, String refused) {
        Outcomes.Connect c = d.staticLogin();
        if (!c.accepted()) {
            throw notRun(refused + " (" + c + "; see SECRET-4)");
        }
    }

    /** Requests {@code d}'s secret on its session (see {@link Device#requestOnSession}); not run if it cannot pre-authenticate again or subscribe. */
    Device.Request requestSecret(Device d, String requestId, int qos) {
        Device.Registration r = d.requestOnSession(requestId, qos, replyTimeout());
        if (r.request() == null) {
            throw notRun(r.failure());
        }
        requests.add(r.request());
        return r.request();
    }

    /** The last password request the scenario sent; null if none. */
    Device.Request request() {
        return requests.isEmpty() ? null : requests.get(requests.size() - 1);
    }

    /** The subject publishes {@code payload}, carrying {@code token}, on {@code topic}: the message the scenario judges. */
    void publish(String topic, String token, String payload, int qos) {
        if (qos == 2) {
            requireOffered(subject.offered().filter(o -> o.maximumQos() < 2).isEmpty(), "QoS 2", "the device's", subject.offered());
        }
        delivery().observer(); // it must be watching before the message is sent
        Instant at = Instant.now();
        sent = Sent.byDevice(topic, token, at, subject.publish(topic, payload, qos));
    }

    /** The subject subscribes to {@code filter}: the SUBSCRIBE the scenario judges; n/a if it is a shared subscription the broker does not offer. */
    void subscribe(String filter, int qos, int retainHandling) {
        if (filter.startsWith("$share/")) {
            requireOffered(subject.offered().filter(o -> !o.sharedSubscriptionAvailable()).isEmpty(), "shared subscriptions", "the device's",
                    subject.offered());
        }
        Instant at = Instant.now();
        subscribed = new Subscribed(filter, at, subject.subscribe(filter, qos, retainHandling));
    }

    /** The subject publishes a message with the retain flag on {@code topic} (n/a if the broker offers no retained messages). */
    void publishRetained(String topic) {
        requireOffered(subject.offered().filter(o -> !o.retainAvailable()).isEmpty(), "retained messages", "the device's", subject.offered());
        retainedTopics.add(topic);
        String token = UUID.randomUUID().toString();
        delivery().observer(); // it must be watching before the message is sent
        Instant at = Instant.now();
        sent = Sent.byDevice(topic, token, at, subject.publish(topic,
                ("{\"dynreg-tck\":\"" + token + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, true));
    }

    /** The observer leaves a retained message on {@code topic} (n/a if the broker offers no retained messages). */
    void retainedProbe(String topic) {
        requireOffered(delivery().offeredToObserver().filter(o -> !o.retainAvailable()).isEmpty(), "retained messages", "the observer's",
                delivery().offeredToObserver());
        retainedTopics.add(topic);
        sent = delivery().retainedProbe(topic);
    }

    /**
     * The subject pre-authenticates with a Will Message to {@code topic} (due {@code delaySeconds} after its session
     * ends; its session then outlives the connection that long and a second more). A refused CONNECT is a lenient
     * choice (the Will could not be published) only if the same pre-authentication without a Will is accepted.
     */
    void preAuthenticateWithWill(String topic, int delaySeconds) {
        String token = UUID.randomUUID().toString();
        ConnectOptions.Will will = ConnectOptions.Will.of(topic, "{\"dynreg-tck-will\":\"" + token + "\"}", 1).delayed(delaySeconds);
        // a delayed Will needs a session that outlives the connection at least that long (else it goes when the session
        // ends); without a delay the session is clean, as every other of the kit's
        ConnectOptions options = delaySeconds > 0 ? ConnectOptions.NONE.withWill(will).persistent(delaySeconds + 1L)
                : ConnectOptions.NONE.withWill(will);
        delivery().observer(); // it must be watching before the Will can be published
        Outcomes.Connect c = subject.preAuthenticate(options);
        attempt = new Attempt("the pre-authentication of " + subject.label() + " with a Will Message to \"" + topic + "\"", c);
        sent = Sent.will(topic, token, Instant.now());
        willDelay = Duration.ofSeconds(delaySeconds);
        if (c.refused()) {
            transcript.note("positive control: the same pre-authentication without a Will Message");
            preAuthenticate(subject);
            subject.close();
        } else if (!c.accepted()) {
            throw notRun(attempt.words() + " was neither accepted nor refused: " + c);
        }
    }

    private Duration willDelay = Duration.ZERO;

    /** How long a persistent session the kit opens outlives its connection (MQTT 5); it is ended when the pass ends. */
    private static final ConnectOptions PERSISTENT = ConnectOptions.NONE.persistent(60);
    /** When the subject resumed its persistent session: what was queued for it is due then. */
    Instant resumedAt;
    /** Whether the subject's persistent session ends with its current connection (resumed with MQTT 5 Session Expiry 0). */
    private volatile boolean endsWithItsConnection;

    /**
     * The subject pre-authenticates with a persistent session (n/a if the broker offers none: it refuses the CONNECT,
     * which it accepts without one, or its CONNACK grants no Session Expiry); the session is ended when the pass ends.
     */
    void preAuthenticatePersistent() {
        Outcomes.Connect c = subject.preAuthenticate(PERSISTENT);
        if (c.accepted()) {
            Device d = subject;
            // leave nothing behind, after the run's watch (an MQTT 5 session that was resumed ends with its connection)
            run.pass(version).atEnd(() -> {
                if (!endsWithItsConnection) {
                    d.endPersistentSession();
                }
            });
        }
        if (c.refused()) {
            transcript.note("positive control: the same pre-authentication with a clean session");
            preAuthenticate(subject);
            subject.close();
            throw notRun(Finding.Why.NOT_APPLICABLE, "not offered: the broker refused a persistent session (" + c
                    + ") and accepts the same pre-authentication with a clean session");
        }
        if (!c.accepted()) {
            throw notRun("the pre-authentication of " + subject.label() + " with a persistent session was neither accepted nor refused: " + c);
        }
        subject.offered().filter(o -> o.sessionExpirySeconds() == 0).ifPresent(o -> {
            throw notRun(Finding.Why.NOT_APPLICABLE, "not offered: the broker keeps no session (its CONNACK grants a Session "
                    + "Expiry Interval of 0)");
        });
    }

    /** The subject reconnects to its persistent session; n/a if the broker did not keep it (Session Present 0). */
    void resumePersistentSession() {
        // over MQTT 5 the session is resumed with a Session Expiry Interval of 0: it ends with this connection
        Outcomes.Connect c = subject.preAuthenticate(version == MqttVersion.V5 ? PERSISTENT.resumingToEnd() : PERSISTENT);
        resumedAt = Instant.now();
        endsWithItsConnection = version == MqttVersion.V5 && c.accepted();
        if (!c.accepted()) {
            throw notRun("the pre-authentication of " + subject.label() + " resuming its persistent session was not accepted: " + c);
        }
        if (subject.offered().filter(org.dynreg.tck.mqtt.Offered::sessionPresent).isEmpty()) {
            throw notRun(Finding.Why.NOT_APPLICABLE, "not offered: the broker did not keep the session (CONNACK Session Present 0), "
                    + "so nothing could be queued for it");
        }
    }

    /** The subject's session ends: its network connection drops, or (MQTT 5) it sends DISCONNECT 0x04. The Will is due then. */
    void endSession(boolean disconnectWithWill) {
        if (!subject.connected()) {
            return; // its CONNECT was refused: no session to end
        }
        Instant at = Instant.now();
        if (disconnectWithWill) {
            subject.disconnectWithWill();
        } else {
            subject.drop();
        }
        sent = Sent.will(sent.topic(), sent.token(), at.plus(willDelay));
        if (!willDelay.isZero()) {
            transcript.note("the Will Message is due " + willDelay.toSeconds() + " s after the session ended (Will Delay Interval)");
        }
    }

    /**
     * MQTT 5: the subject sets Topic Alias 1 on its own password topic (a PUBLISH it may make), then re-points it to
     * {@code topic} (a PUBLISH with that topic name and the alias), then publishes with the alias alone: the last two
     * carry the token the scenario judges. n/a where the broker offers no topic aliases (CONNACK Topic Alias Maximum 0).
     */
    void publishThroughTopicAlias(String topic) {
        requireMqtt5("the Topic Alias");
        requireOffered(subject.offered().filter(o -> o.topicAliasMaximum() == 0).isEmpty(), "topic aliases (Topic Alias "
                + "Maximum 0)", "the device's", subject.offered());
        delivery().observer(); // it must be watching before the message is sent
        String token = UUID.randomUUID().toString();
        byte[] judged = ("{\"dynreg-tck\":\"" + token + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // on its password topic: no RequestID, so no request (and not the judged token: some brokers forward it)
        subject.publishWithTopicAlias(subject.passwordTopic(), 1, "{\"dynreg-tck-alias\":\"set\"}".getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        Instant at = Instant.now();
        Outcomes.Publish repointed = subject.publishWithTopicAlias(topic, 1, judged);
        Outcomes.Publish aliasOnly = subject.publishWithTopicAlias("", 1, judged);
        sent = Sent.byDevice(topic, token, at, aliasOnly.kind() == Outcomes.Kind.SUCCESS ? repointed : aliasOnly);
    }

    /** Not applicable over MQTT 3.1.1: {@code what} is MQTT 5's. */
    void requireMqtt5(String what) {
        if (version != MqttVersion.V5) {
            throw notRun(Finding.Why.NOT_APPLICABLE, "not offered over MQTT 3.1.1: " + what + " is MQTT 5's");
        }
    }

    /** Not applicable ("not offered") unless the broker offers {@code feature}, as its CONNACK said ({@code connack}). */
    private void requireOffered(boolean offered, String feature, String whose, java.util.Optional<org.dynreg.tck.mqtt.Offered> connack) {
        if (!offered) {
            throw notRun(Finding.Why.NOT_APPLICABLE, "not offered: the broker offers no " + feature + " (" + whose + " CONNACK: "
                    + connack.map(org.dynreg.tck.mqtt.Offered::restrictions).orElse("") + ")");
        }
    }

    /** The scenario's judge of "was it delivered" (see {@link Delivery}). */
    Delivery delivery() {
        if (delivery == null) {
            Absence absence = new Absence(run.pass(version), run.roundTrips(), run.silenceSpent(), silence(), transcript,
                    rule.id(), scenarioName);
            delivery = new Delivery(run.pass(version), absence, replyTimeout(), silence(), transcript);
        }
        return delivery;
    }

    // ---- placeholders ----

    String expand(String template) {
        Device s = subject;
        String otherSN = other != null ? other.deviceSN() : run.pool().other();
        String p = s != null ? s.productSN() : fixture().product().productSN();
        String d = s != null ? s.deviceSN() : run.pool().probe();
        Fixture.Topics topics = fixture().topics();
        return template
                .replace("{Uplink}", topics.uplink(p, d))
                .replace("{Downlink}", topics.downlink(p, d))
                .replace("{OtherUplink}", topics.uplink(p, otherSN))
                .replace("{OtherDownlink}", topics.downlink(p, otherSN))
                .replace("{ProductSN}", p)
                .replace("{DeviceSN}", d)
                .replace("{OtherDeviceSN}", otherSN)
                .replace("{OtherProductSN}", fixture().productWithoutDynamicRegistration().productSN())
                .replace("{UnknownProductSN}", "unknown" + random(9))
                .replace("{UUID}", UUID.randomUUID().toString())
                .replace("{Random}", random(12));
    }

    static String random(int length) {
        return UUID.randomUUID().toString().replace("-", "").substring(0, length);
    }

    /**
     * The scenario's connections closed, now; the retained messages it set cleared after the scenario, side by side, by
     * its pass (which waits for them before it ends): one round trip each to a remote broker, they then hold no scenario
     * up. Where the scenario has no pass (its version was not listed), those cleared now too.
     */
    void closeAfterScenario() {
        if (version != null && run.versions().contains(version) && !retainedTopics.isEmpty()) {
            transcript.note("after the scenario: the observer clears the retained messages it set, on "
                    + String.join(", ", retainedTopics));
            Delivery d = delivery();
            for (String topic : List.copyOf(retainedTopics)) {
                run.pass(version).afterScenario(() -> d.clearRetained(topic));
            }
            retainedTopics.clear();
        }
        close();
    }

    void close() {
        retainedTopics.forEach(delivery()::clearRetained); // leave nothing behind on the vendor's broker
        for (AutoCloseable o : open) {
            if (o instanceof Device d && delivery != null && d.connection().filter(delivery::watches).isPresent()) {
                d.release().ifPresent(run.pass(version).watch()::keep);
            }
        }
        for (int i = open.size() - 1; i >= 0; i--) {
            try {
                open.get(i).close();
            } catch (Exception ignored) {
                // closing is best effort
            }
        }
    }
}
