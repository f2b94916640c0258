package org.dynreg.tck.kit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.mqtt.BrokerUnreachableException;
import org.dynreg.tck.mqtt.ConnectOptions;
import org.dynreg.tck.mqtt.Connection;
import org.dynreg.tck.mqtt.Credentials;
import org.dynreg.tck.mqtt.Endpoint;
import org.dynreg.tck.mqtt.Offered;
import org.dynreg.tck.mqtt.Outcomes;
import org.dynreg.tck.mqtt.Received;
import org.dynreg.tck.mqtt.Transcript;
import org.dynreg.tck.spec.DeviceId;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.spec.PasswordReply;
import org.dynreg.tck.spec.PasswordRequest;
import org.dynreg.tck.spec.Secret;

/**
 * A device as the platform's SDK drives it: it knows its ProductSN, DeviceSN and ProdSecret, builds
 * its ClientID, UserName and topics per the spec, and holds one MQTT connection at a time.
 */
public final class Device implements AutoCloseable {

    /** One password request and what came back. */
    public record Request(String requestId, Instant sentAt, Outcomes.Publish outcome, Optional<Received> reply) {
        /** From the request to the reply; empty without a reply. */
        public Optional<Duration> latency() {
            return reply.map(r -> Duration.between(sentAt, r.at()));
        }
    }

    private volatile Instant replyArrivedAt;
    private final Endpoint endpoint;
    private final MqttVersion version;
    private final Transcript transcript;
    private final Fixture.Topics topics;
    private final String productSN;
    private final String deviceSN;
    private final Secret productSecret;
    private final String label;
    private final RoundTrips roundTrips;
    private final Sessions sessions;
    private final BrokerHealth health;
    /** The scenario the device serves, for "the broker stopped answering during …". */
    private final String scenario;
    private Sessions.Turn turn;
    private Connection connection;
    private Outcomes.Subscribe replySubscription;
    private Secret devSecret;

    public Device(Endpoint endpoint, MqttVersion version, Transcript transcript, Fixture.Topics topics,
                  String productSN, String deviceSN, Secret productSecret, String role, RoundTrips roundTrips,
                  Sessions sessions, BrokerHealth health, String scenario) {
        this.health = health;
        this.scenario = scenario;
        this.roundTrips = roundTrips;
        this.sessions = sessions;
        this.endpoint = endpoint;
        this.version = version;
        this.transcript = transcript;
        this.topics = topics;
        this.productSN = productSN;
        this.deviceSN = deviceSN;
        this.productSecret = productSecret;
        this.label = role + " " + deviceSN;
    }

    public String productSN() {
        return productSN;
    }

    public String deviceSN() {
        return deviceSN;
    }

    public Secret productSecret() {
        return productSecret;
    }

    public String label() {
        return label;
    }

    /** The device as the spec names it. */
    public DeviceId id() {
        return new DeviceId(productSN, deviceSN);
    }

    public String clientId() {
        return id().clientId();
    }

    public String username(int authmode) {
        return id().username(authmode);
    }

    public String passwordTopic() {
        return id().passwordTopic();
    }

    public String replyTopic() {
        return id().replyTopic();
    }

    public String uplink() {
        return topics.uplink(productSN, deviceSN);
    }

    public String downlink() {
        return topics.downlink(productSN, deviceSN);
    }

    public Optional<Secret> devSecret() {
        return Optional.ofNullable(devSecret);
    }

    public void knowSecret(Secret secret) {
        devSecret = secret;
    }

    /** The connection of the last CONNECT, if any. */
    public Optional<Connection> connection() {
        return Optional.ofNullable(connection);
    }

    public boolean connected() {
        return connection != null && connection.connected();
    }

    /**
     * A CONNECT meant to be refused, with these credentials, on a new connection (the previous one is closed
     * first). It shares its ClientID's turn with other such CONNECTs (see {@link Sessions}).
     */
    public Outcomes.Connect connect(Credentials credentials) {
        return connect(credentials, false, ConnectOptions.NONE);
    }

    private Outcomes.Connect connect(Credentials credentials, boolean meantToBeAccepted, ConnectOptions options) {
        Sessions.Turn taken = meantToBeAccepted ? sessions.alone(credentials.clientId()) : sessions.shared(credentials.clientId());
        Outcomes.Connect outcome = attempt(credentials, taken, options);
        if (!meantToBeAccepted && outcome.kind() == Outcomes.Kind.CLOSED && taken.overlapped()) {
            // closed without a CONNACK while another CONNECT of this ClientID was in flight: if the broker accepted
            // both, a takeover looks exactly like this refusal; only a CONNECT alone can tell
            transcript.note("another CONNECT with ClientID " + credentials.clientId() + " was in flight, so a session "
                    + "taken over would look like this refusal: the CONNECT is repeated alone");
            outcome = attempt(credentials, sessions.alone(credentials.clientId()), options);
        }
        return outcome;
    }

    private Outcomes.Connect attempt(Credentials credentials, Sessions.Turn taken, ConnectOptions options) {
        close();
        turn = taken;
        connection = Connection.create(endpoint, version, credentials.clientId(), label, transcript);
        replySubscription = null;
        long start = System.nanoTime();
        Outcomes.Connect outcome;
        try {
            outcome = connection.connect(credentials, options);
        } catch (BrokerUnreachableException e) {
            // the broker is gone (the first to see it says when and where): no check can run any more, and the
            // run ends INCOMPLETE, failing the build with one line at its end
            endTurn();
            health.gone(scenario, e.getMessage());
            throw new Finding.NotRun(Finding.Why.BROKER_GONE, "NOT RUN: " + health.lost().orElseThrow().describe()
                    + "; nothing after that was certified");
        }
        if (outcome.kind() == Outcomes.Kind.SUCCESS || outcome.kind() == Outcomes.Kind.FAILURE_CODE) {
            roundTrips.record(Duration.ofNanos(System.nanoTime() - start));
        }
        if (!outcome.accepted()) {
            endTurn();
        }
        return outcome;
    }

    private void endTurn() {
        if (turn != null) {
            turn.close();
            turn = null;
        }
    }

    /**
     * Hands the current connection over (to the run's watch, which keeps it open after the scenario): the
     * device forgets it, so that closing the device leaves it open. Empty if not connected.
     */
    public Optional<Connection> release() {
        Connection c = connection;
        connection = null;
        replySubscription = null;
        endTurn(); // a watched connection only listens: it sends no CONNECT that could take a session over
        return Optional.ofNullable(c).filter(Connection::connected);
    }

    /** Pre-authentication: authmode 2 with the ProdSecret. */
    public Outcomes.Connect preAuthenticate() {
        return preAuthenticate(ConnectOptions.NONE);
    }

    /** Pre-authentication whose CONNECT also carries a Will Message or asks for a persistent session. */
    public Outcomes.Connect preAuthenticate(ConnectOptions options) {
        return connect(new Credentials(clientId(), username(DeviceId.DYNAMIC), productSecret.reveal()), true, options);
    }

    /** What the broker's last accepted CONNACK offers (see {@link Offered}); empty if not connected. */
    public Optional<Offered> offered() {
        return connection().filter(Connection::connected).flatMap(Connection::offered);
    }

    /**
     * Ends a persistent session of its ClientID that the kit opened: a CONNECT with a clean session, then DISCONNECT
     * (nothing is left on the broker).
     */
    public void endPersistentSession() {
        transcript.note(label + " ends the persistent session it opened (a clean CONNECT, then DISCONNECT)");
        preAuthenticate();
        close();
    }

    /** Its network connection ends without DISCONNECT (power or coverage lost): the broker sees the session end. */
    public void drop() {
        if (connection != null) {
            connection.drop();
        }
        endTurn();
    }

    /** MQTT 5: it ends its session with DISCONNECT 0x04, asking the broker to publish its Will Message. */
    public void disconnectWithWill() {
        if (connection != null) {
            connection.disconnectWithWill();
        }
        endTurn();
    }

    /** Static login: authmode 1 with the DevSecret the device received. */
    public Outcomes.Connect staticLogin() {
        if (devSecret == null) {
            throw new IllegalStateException(label + " has no DevSecret");
        }
        return connect(new Credentials(clientId(), username(DeviceId.STATIC), devSecret.reveal()), true, ConnectOptions.NONE);
    }

    public Outcomes.Subscribe subscribe(String filter, int qos) {
        return subscribe(filter, qos, 0);
    }

    /** A SUBSCRIBE with an MQTT 5 Retain Handling option (0 over MQTT 3.1.1). */
    public Outcomes.Subscribe subscribe(String filter, int qos, int retainHandling) {
        Outcomes.Subscribe outcome = connection().map(c -> c.subscribe(filter, qos, retainHandling))
                .orElseThrow(() -> new IllegalStateException(label + " is not connected"));
        if (filter.equals(replyTopic())) {
            replySubscription = outcome;
        }
        return outcome;
    }

    public Outcomes.Publish publish(String topic, String payload, int qos) {
        return publish(topic, payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), qos);
    }

    public Outcomes.Publish publish(String topic, byte[] payload, int qos) {
        return publish(topic, payload, qos, false);
    }

    /** A PUBLISH, with the retain flag if {@code retain}. */
    public Outcomes.Publish publish(String topic, byte[] payload, int qos, boolean retain) {
        return connection().map(c -> c.publish(topic, payload, qos, retain))
                .orElseThrow(() -> new IllegalStateException(label + " is not connected"));
    }

    /** MQTT 5: a QoS 0 PUBLISH with Topic Alias {@code alias} on {@code topic} (empty: the alias alone names it). */
    public Outcomes.Publish publishWithTopicAlias(String topic, int alias, byte[] payload) {
        return connection().map(c -> c.publishWithTopicAlias(topic, alias, payload))
                .orElseThrow(() -> new IllegalStateException(label + " is not connected"));
    }

    /** Subscribes to its own password_reply topic unless it did already; the SUBACK outcome. */
    public Outcomes.Subscribe subscribeToReplies(int qos) {
        if (replySubscription == null && connected()) {
            subscribe(replyTopic(), qos);
        }
        return replySubscription;
    }

    /**
     * Publishes {@code {"RequestID": id}} on {@code topic} and waits, at most {@code timeout}, for a
     * message on its own password_reply topic that arrives after the request.
     */
    public Request request(String topic, String requestId, int qos, Duration timeout) {
        int before = received().size();
        Instant sent = Instant.now();
        Outcomes.Publish outcome = publish(topic, PasswordRequest.payload(requestId), qos);
        Optional<Received> reply = Optional.empty();
        if (outcome.kind() != Outcomes.Kind.CLOSED) {
            Waits.within("a reply on " + replyTopic(), timeout,
                    () -> replyAfter(before).isPresent() || !connected());
            reply = replyAfter(before);
        }
        return new Request(requestId, sent, outcome, reply);
    }

    /**
     * How far the SDK's registration flow got: the pre-authentication (null if the flow used the session it
     * had), the SUBACK of the password_reply subscription and the request (null where the flow stopped before).
     */
    public record Registration(String device, Outcomes.Connect connect, Outcomes.Subscribe subscription, Request request,
                               Duration timeout) {
        /** The reply to the request, if one came. */
        public Optional<Received> reply() {
            return request == null ? Optional.empty() : request.reply();
        }

        /** The Password of the reply: the DevSecret. */
        public Optional<Secret> secret() {
            return reply().flatMap(r -> PasswordReply.parse(r.payload()).password()).map(Secret::of);
        }

        /** Why there is no DevSecret, naming the rule that explains it; empty if there is one. */
        public String failure() {
            if (connect != null && !connect.accepted()) {
                return "pre-authentication of " + device + " was refused (" + connect + "; see PRE-1)";
            }
            if (request == null) {
                return device + " cannot subscribe to its password_reply topic (" + subscription + "; see RESTRICT-1)";
            }
            if (reply().isEmpty()) {
                return "no reply to " + device + "'s password request within " + timeout.toSeconds() + " s (see SECRET-1)";
            }
            return secret().isEmpty() ? "the reply to " + device + " carries no Password (see SECRET-2)" : "";
        }
    }

    /**
     * Registers as the platform's SDK does: pre-authenticates with the ProdSecret, subscribes to its
     * password_reply topic, requests its secret and takes the Password of the reply; then disconnects.
     */
    public Registration register(Duration replyTimeout) {
        Registration r = attemptRegistration(replyTimeout);
        r.reply().ifPresent(reply -> replyArrivedAt = reply.at());
        r.secret().ifPresent(secret -> {
            knowSecret(secret);
            close();
        });
        return r;
    }

    /**
     * The SDK's registration flow on a new pre-authenticated session, as far as the broker lets it go; the
     * device keeps neither the secret nor closes the session (see {@link #register} for that).
     */
    public Registration attemptRegistration(Duration replyTimeout) {
        return flow(preAuthenticate(), "reg-" + UUID.randomUUID(), 0, replyTimeout);
    }

    /**
     * Requests its secret on the session it has (pre-authenticating again if that ended), subscribed to its
     * password_reply topic first unless it is already: how far that got.
     */
    public Registration requestOnSession(String requestId, int qos, Duration timeout) {
        Outcomes.Connect again = null;
        if (!connected()) {
            transcript.note(label + " is no longer connected: it pre-authenticates again before its request");
            again = preAuthenticate();
        }
        return flow(again, requestId, qos, timeout);
    }

    private Registration flow(Outcomes.Connect preAuthentication, String requestId, int qos, Duration timeout) {
        if (preAuthentication != null && !preAuthentication.accepted()) {
            return new Registration(label, preAuthentication, null, null, timeout);
        }
        Outcomes.Subscribe s = subscribeToReplies(qos);
        if (s == null || !s.granted()) {
            return new Registration(label, preAuthentication, s, null, timeout);
        }
        return new Registration(label, preAuthentication, s, requestSecret(requestId, qos, timeout), timeout);
    }

    /** When the reply of its last {@link #register registration} arrived (on its own connection), if one did. */
    public Optional<Instant> replyArrivedAt() {
        return Optional.ofNullable(replyArrivedAt);
    }

    /** How many times a device repeats a request whose session the broker ended before the reply. */
    static final int REQUEST_ATTEMPTS = 3;

    /**
     * Requests its secret on its own password topic. Should the broker end the session before the reply came
     * (the spec lets a platform close the restricted session after a reply, and a closing that was meant for
     * an earlier request may overtake this one on a slow network), the device does what its SDK would: it
     * pre-authenticates again and repeats the request — up to {@link #REQUEST_ATTEMPTS} times in all, and
     * never past {@code timeout} from the first request.
     */
    public Request requestSecret(String requestId, int qos, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Request last = request(passwordTopic(), requestId, qos, timeout);
        for (int attempt = 2; attempt <= REQUEST_ATTEMPTS && last.reply().isEmpty() && !connected(); attempt++) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.isNegative() || left.isZero()) {
                break;
            }
            transcript.note(label + "'s session ended before the reply to " + requestId
                    + ": it pre-authenticates again and repeats the request (attempt " + attempt + " of " + REQUEST_ATTEMPTS + ")");
            if (!preAuthenticate().accepted()) {
                break;
            }
            Outcomes.Subscribe s = subscribeToReplies(qos);
            if (s == null || !s.granted()) {
                break;
            }
            last = request(passwordTopic(), requestId, qos, left);
        }
        return last;
    }

    private Optional<Received> replyAfter(int index) {
        List<Received> all = received();
        return all.subList(Math.min(index, all.size()), all.size()).stream()
                .filter(r -> r.topic().equals(replyTopic())).findFirst();
    }

    /**
     * Waits, at most {@code max}, until a message carrying {@code token} arrives or the connection ends: whether
     * one arrived.
     */
    public boolean receives(String token, String what, Duration max) {
        Waits.within(what, max, () -> !connected() || !receivedWith(token).isEmpty());
        return !receivedWith(token).isEmpty();
    }

    private List<Received> receivedWith(String token) {
        return connection == null ? List.of() : connection.receivedWith(token);
    }

    /** Every PUBLISH delivered to the device's current connection. */
    public List<Received> received() {
        return connection == null ? List.of() : connection.received();
    }

    /**
     * A positive control for "nothing more will arrive": a password request of its own, whose reply
     * the broker sends after everything sent before. Returns a check that is true once the reply (or
     * the end of the connection) has come. Without a reply subscription there is no control.
     */
    public java.util.function.BooleanSupplier marker() {
        if (!connected()) {
            return () -> true;
        }
        Outcomes.Subscribe sub = subscribeToReplies(0);
        if (sub == null || !sub.granted()) {
            return () -> !connected();
        }
        String token = "dynreg-tck-marker-" + UUID.randomUUID();
        transcript.note("positive control: a request of " + label + "'s own; its reply closes the silence window");
        int before = received().size();
        publish(passwordTopic(), PasswordRequest.payload(token), 0);
        return () -> !connected() || replyAfter(before).isPresent();
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
        endTurn();
    }
}
