package org.dynreg.tck.steps;

import org.dynreg.tck.spec.PasswordReply;

import io.cucumber.java.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.spec.Secret;
import org.dynreg.tck.kit.BrokerHealth;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.kit.Device;
import org.dynreg.tck.kit.Observer;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.mqtt.Outcomes;
import org.dynreg.tck.mqtt.Received;
import org.dynreg.tck.mqtt.Transcript;
import org.dynreg.tck.report.Finding;
import org.dynreg.tck.spec.Rule;

/**
 * The state of one scenario run: its rule, its MQTT version, its transcript, the devices it drives and
 * what the broker last answered. Shared by the step classes (one instance per scenario).
 */
public final class ScenarioContext {

    final CertificationRun run = BrokerUnderTest.run();
    final Transcript transcript = new Transcript();
    private final List<AutoCloseable> open = new ArrayList<>();
    private MqttVersion version;
    private Rule rule;
    private String scenarioName;
    private int sharedIndex;
    private final List<org.dynreg.tck.mqtt.Connection> watchedReceivers = new ArrayList<>();

    Device subject;
    Device other;
    /** What the last CONNECT attempt was, in words, for the verdict. */
    String attempt;
    Outcomes.Connect connect;
    Outcomes.Subscribe subscription;
    String subscribedFilter;
    Outcomes.Publish publication;
    String publishedTopic;
    String token;
    /** When the message the scenario judges was sent (or its cause started). */
    java.time.Instant sentAt;
    Device.Request request;
    final List<Device.Request> requests = new ArrayList<>();
    /** Whether the observer's probe was routed (null: no probe was published). */
    Boolean probeRouted;

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

    RuntimeException notRun(Finding.Why kind, String why) {
        return Verdict.notRun(kind, rule, why, transcript);
    }

    void require(boolean ok, String what) {
        if (!ok) {
            fail(what);
        }
    }

    // ---- devices ----

    Device device(Fixture.Product product, String deviceSN, String role) {
        Device d = new Device(run.endpoint(), version, transcript, fixture().topics(), product.productSN(), deviceSN,
                product.productSecret(), role, run.roundTrips(), run.sessions());
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
        return registered((sharedIndex + 1) % org.dynreg.tck.kit.Demand.SHARED_REGISTERED, "other registered device");
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
        Outcomes.Connect c = d.preAuthenticate();
        if (!c.accepted()) {
            throw registrationFailed("pre-authentication of " + d.label() + " was refused (" + c + "; see PRE-1)");
        }
        Device.Request req;
        try {
            req = requestSecret(d, "reg-" + UUID.randomUUID(), 0);
        } catch (org.opentest4j.TestAbortedException e) {
            run.registrationFailed(String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                    + ", in \"" + scenarioName + "\" [MQTT " + version.label() + "]");
            throw e;
        }
        if (req.reply().isEmpty()) {
            throw registrationFailed("no reply to " + d.label() + "'s password request within "
                    + replyTimeout().toSeconds() + " s (see SECRET-1)");
        }
        Secret secret = PasswordReply.parse(req.reply().get().payload()).password().map(Secret::of)
                .orElseThrow(() -> registrationFailed("the reply to " + d.label() + " carries no Password (see SECRET-2)"));
        d.knowSecret(secret);
        d.close();
        return secret;
    }

    private RuntimeException registrationFailed(String why) {
        run.registrationFailed(why + ", in \"" + scenarioName + "\" [MQTT " + version.label() + "]");
        return notRun(why);
    }

    void preAuthenticate(Device d) {
        Outcomes.Connect c = d.preAuthenticate();
        if (!c.accepted()) {
            throw notRun("pre-authentication of " + d.label() + " was refused (" + c + "; see PRE-1)");
        }
    }

    /** Subscribes to the reply topic (if not yet) and requests the secret; not run if it cannot subscribe. */
    Device.Request requestSecret(Device d, String requestId, int qos) {
        if (!d.connected()) {
            transcript.note(d.label() + " is no longer connected: it pre-authenticates again before its request");
            preAuthenticate(d);
        }
        Outcomes.Subscribe s = d.subscribeToReplies(qos);
        if (s == null || !s.granted()) {
            throw notRun(d.label() + " cannot subscribe to its password_reply topic (" + s + "; see RESTRICT-1)");
        }
        Device.Request r = d.requestSecret(requestId, qos, replyTimeout());
        requests.add(r);
        request = r;
        return r;
    }

    // ---- the observer ----

    /** The pass's shared observer, connected and subscribed to #; empty (see {@link #observerProblem()}) if there is none. */
    Optional<Observer> observer() {
        return run.pass(version).observer().filter(Observer::watching);
    }

    String observerProblem() {
        return run.pass(version).observer().map(Observer::problem).orElse("the fixture has no observer");
    }

    // ---- silence ----

    /**
     * A silence window for a message that must not arrive: it ends when {@code control} has arrived and the
     * floor derived from the measured round trips has passed, at most after the fixture's silence bound.
     */
    void silence(String control, java.util.function.BooleanSupplier arrived) {
        Duration floor = run.roundTrips().silenceFloor(silence());
        transcript.note(org.dynreg.tck.kit.Waits.silence(control, floor, silence(), arrived).describe()
                + " (floor " + floor.toMillis() + " ms)");
    }

    /**
     * Hands a message this scenario found absent to the run's watch: should {@code receiver} get a message
     * that {@code match}es after now, until the watch ends, the rule fails after all. The receiver stays open.
     */
    void watch(org.dynreg.tck.mqtt.Connection receiver, String what, java.time.Instant sentAt,
               java.util.function.Predicate<Received> match) {
        if (!receiver.connected()) {
            return; // a closed connection receives nothing more
        }
        run.pass(version).watch().add(new org.dynreg.tck.kit.Watch.Watched(rule.id(), scenarioName, version.label(), what, sentAt, java.time.Instant.now(), receiver, match));
        if (!watchedReceivers.contains(receiver)) {
            watchedReceivers.add(receiver);
        }
        transcript.note("the run keeps watching " + receiver.label() + " for " + what + " until "
                + silence().toMillis() + " ms after the pass's last forbidden message");
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

    void close() {
        for (AutoCloseable o : open) {
            if (o instanceof Device d && d.connection().filter(watchedReceivers::contains).isPresent()) {
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
