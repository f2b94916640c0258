package org.dynreg.tck.steps;

import io.cucumber.java.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.kit.Absence;
import org.dynreg.tck.kit.BrokerHealth;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.kit.Device;
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.kit.Observer;
import org.dynreg.tck.mqtt.Outcomes;
import org.dynreg.tck.mqtt.Received;
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
    private Absence absence;
    private final List<org.dynreg.tck.mqtt.Connection> watchedReceivers = new ArrayList<>();

    Device subject;
    Device other;
    /** The last CONNECT the scenario judges. */
    Attempt attempt;
    Outcomes.Subscribe subscription;
    String subscribedFilter;
    Outcomes.Publish publication;
    String publishedTopic;
    String token;
    /** When the message the scenario judges was sent (or its cause started). */
    java.time.Instant sentAt;
    /** The password requests the scenario sent, in order. */
    final List<Device.Request> requests = new ArrayList<>();
    /** The subject's registration after its static login (ADV-3). */
    Device.Registration registrationAgain;
    /** Whether the observer's probe was routed (null: no probe was published). */
    Boolean probeRouted;

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

    // ---- the observer ----

    /** The pass's shared observer, connected and subscribed to #; empty (see {@link #observerProblem()}) if there is none. */
    Optional<Observer> observer() {
        return run.pass(version).observer().filter(Observer::watching);
    }

    String observerProblem() {
        return run.pass(version).observer().map(Observer::problem).orElse("the fixture has no observer");
    }

    // ---- absence: what must not be delivered ----

    /** The scenario's judge of "not delivered" (its silence windows, and the run's watch after them). */
    Absence absence() {
        if (absence == null) {
            absence = new Absence(run.pass(version), run.roundTrips(), run.silenceSpent(), silence(), transcript, rule.id(),
                    scenarioName);
        }
        return absence;
    }

    /**
     * Fails the rule if {@code what} arrives at any of {@code looks} within its silence window; the looks'
     * connections are then kept open and watched by the run until the pass ends.
     */
    void requireAbsent(String what, List<Absence.Look> looks, List<Absence.Control> controls) {
        Optional<Absence.Leak> leak = absence().check(what, sentAt, looks, controls);
        looks.forEach(l -> watchedReceivers.add(l.receiver()));
        require(leak.isEmpty(), what + " was delivered to " + leak.map(l -> l.who() + " on " + l.shown()).orElse(""));
    }

    /** Where the observer would see it. */
    Absence.Look look(Observer o, java.util.function.Predicate<Received> match) {
        return new Absence.Look("the observer", o.connection(), match);
    }

    /** Where {@code d} would see it: its current connection (none if it has none). */
    List<Absence.Look> looks(Device d, java.util.function.Predicate<Received> match) {
        return d.connection().map(c -> List.of(new Absence.Look(d.label(), c, match))).orElse(List.of());
    }

    /** The observer's own control message, sent now. */
    Absence.Control control(Observer o) {
        return new Absence.Control("the observer's control message", o.control(transcript));
    }

    /** {@code d}'s own password request, sent now: its reply comes on the same connection, after anything sent before. */
    Absence.Control marker(Device d) {
        return new Absence.Control("the reply to " + d.label() + "'s own request", d.marker());
    }

    /** What the subject published, for evidence. */
    String sentMessage() {
        return "the message " + subject.label() + " published to \"" + publishedTopic + "\" (" + publication + ")";
    }

    /**
     * The observer that can show a publish was not delivered; empty when the broker's explicit refusal shows it
     * already. Without either, the check is not run.
     */
    Optional<Observer> observerOrExplicitRefusal() {
        Optional<Observer> o = observer();
        if (o.isEmpty() && publication.refusedExplicitly()) {
            transcript.note("no observer; the broker refused the publish explicitly (" + publication + ")");
        } else if (o.isEmpty()) {
            throw notRun(Finding.Why.NO_OBSERVER, "without an observer (" + observerProblem() + ") non-delivery needs an "
                    + "explicit refusal, and the broker answered the publish to \"" + publishedTopic + "\" with " + publication);
        }
        return o;
    }

    /** A granted subscription delivers nothing only if the observer's probe was routed at all. */
    void requireProbeRouted() {
        if (probeRouted == null) {
            throw notRun(Finding.Why.NO_OBSERVER, "the SUBSCRIBE to \"" + subscribedFilter + "\" was granted (" + subscription
                    + ") and, without an observer (" + observerProblem() + "), no message can be sent to show that it delivers nothing");
        }
        if (!probeRouted) {
            throw notRun("the SUBSCRIBE to \"" + subscribedFilter + "\" was granted (" + subscription + "), but the observer's own "
                    + "message on \"" + publishedTopic + "\" was not delivered even to the observer, so non-delivery proves nothing");
        }
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
