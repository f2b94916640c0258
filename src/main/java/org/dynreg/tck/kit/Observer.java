package org.dynreg.tck.kit;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.mqtt.Connection;
import org.dynreg.tck.mqtt.Credentials;
import org.dynreg.tck.mqtt.Endpoint;
import org.dynreg.tck.mqtt.Outcomes;
import org.dynreg.tck.mqtt.Received;
import org.dynreg.tck.mqtt.Transcript;
import org.dynreg.tck.spec.MqttVersion;

/**
 * The fixture's observer account, subscribed to {@code #}: one connection for the whole run, shared by the
 * passes over both MQTT versions (the account has one ClientID). It sees whether a forbidden publish leaked —
 * also after the scenario that sent it has ended — and it publishes probes and control messages of its own.
 * Concurrent scenarios share it; each recognises its own messages by a unique token and writes what concerns
 * it to its own transcript.
 */
public final class Observer implements AutoCloseable {

    public static final String CONTROL_TOPIC = "dynreg-tck/control/";

    private final Connection connection;
    private final String problem;

    private Observer(Connection connection, String problem) {
        this.connection = connection;
        this.problem = problem;
    }

    /**
     * Connects the observer and subscribes it to {@code #}. {@link #watching()} says whether the broker let
     * it; {@link #problem()} why not. {@code log} receives the observer's whole traffic.
     */
    public static Observer connect(Endpoint endpoint, MqttVersion version, Fixture.Account account, Transcript log) {
        Connection c = Connection.create(endpoint, version, account.clientId(), "observer", log);
        Outcomes.Connect connect = c.connect(new Credentials(account.clientId(), account.username(), account.password().reveal()));
        if (!connect.accepted()) {
            c.close();
            return new Observer(c, "the observer's CONNECT was refused (" + connect + ")");
        }
        Outcomes.Subscribe s = c.subscribe("#", 1);
        if (!s.granted()) {
            c.close();
            return new Observer(c, "the observer's SUBSCRIBE to # was refused (" + s + ")");
        }
        return new Observer(c, null);
    }

    public boolean watching() {
        return problem == null;
    }

    public String problem() {
        return problem;
    }

    /** The observer's connection, where the run's watch looks for late deliveries. */
    public Connection connection() {
        return connection;
    }

    /** What the observer received that carries {@code token}. */
    public List<Received> sawWith(String token) {
        return connection.receivedWith(token);
    }

    /**
     * Publishes a probe carrying {@code token} on {@code topic} and reports whether the broker routed
     * it (the observer, subscribed to #, received its own probe within {@code max}).
     */
    public boolean publishProbe(String topic, String token, Duration max, Transcript t) {
        return publishProbe(topic, token, false, max, t);
    }

    /** A probe as {@link #publishProbe(String, String, Duration, Transcript)}, with the retain flag if {@code retain}. */
    public boolean publishProbe(String topic, String token, boolean retain, Duration max, Transcript t) {
        t.sent("observer", "PUBLISH \"" + topic + "\" QoS 1" + (retain ? " retain 1" : "") + " (a probe carrying " + token + ")");
        Outcomes.Publish p = connection.publish(topic, ("{\"dynreg-tck-probe\":\"" + token + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8), 1, retain);
        if (p.refusedExplicitly()) {
            t.received("observer", p.toString());
            return false;
        }
        boolean routed = Waits.within("the observer receives its own probe on " + topic, max, () -> !sawWith(token).isEmpty());
        t.received("observer", routed ? "its own probe, routed back to it through #" : "its own probe did not come back within "
                + max.toMillis() + " ms");
        return routed;
    }

    /**
     * A liveness control for a silence window: a message of the observer's own, sent after the one that
     * must not arrive. It shows the broker still routes to the observer; it does not show that a forbidden
     * message cannot still come (it travels another route), so the window also holds its floor, and the
     * run's watch keeps looking after it.
     */
    public BooleanSupplier control(Transcript t) {
        String token = UUID.randomUUID().toString();
        t.sent("observer", "PUBLISH \"" + CONTROL_TOPIC + token + "\" QoS 1 (the positive control)");
        connection.publish(CONTROL_TOPIC + token, "{\"dynreg-tck-control\":\"" + token + "\"}", 1);
        return () -> !sawWith(token).isEmpty();
    }

    /**
     * A subscription of its own to {@code topic}, besides {@code #}: a new subscriber, to whom the broker sends the
     * topic's retained message, if it keeps one. Whether the broker granted it.
     */
    public boolean subscribeAlsoTo(String topic, Transcript t) {
        t.sent("observer", "SUBSCRIBE \"" + topic + "\" QoS 1 (a new subscriber: the topic's retained message, if any, comes now)");
        Outcomes.Subscribe s = connection.subscribe(topic, 1);
        t.received("observer", s.toString());
        return s.granted();
    }

    /** Ends a subscription of {@link #subscribeAlsoTo}. */
    public void unsubscribe(String topic, Transcript t) {
        t.sent("observer", "UNSUBSCRIBE \"" + topic + "\"");
        connection.unsubscribe(topic);
    }

    /**
     * Clears the retained message of {@code topic} (an empty retained PUBLISH): what the kit, or a device it drove,
     * may have left on the broker.
     */
    public void clearRetained(String topic, Transcript t) {
        t.sent("observer", "PUBLISH \"" + topic + "\" QoS 1 retain 1, empty (clears the topic's retained message)");
        Outcomes.Publish p = connection.publish(topic, new byte[0], 1, true);
        t.received("observer", p.toString());
    }

    @Override
    public void close() {
        connection.close();
    }
}
