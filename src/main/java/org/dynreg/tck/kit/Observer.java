package org.dynreg.tck.kit;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.mqtt.Connection;
import org.dynreg.tck.mqtt.Credentials;
import org.dynreg.tck.mqtt.Endpoint;
import org.dynreg.tck.mqtt.MqttVersion;
import org.dynreg.tck.mqtt.Outcomes;
import org.dynreg.tck.mqtt.Received;
import org.dynreg.tck.mqtt.Transcript;

/**
 * The fixture's observer account, subscribed to {@code #}: it sees whether a forbidden publish leaked,
 * and it publishes probes (and control messages) of its own.
 */
public final class Observer implements AutoCloseable {

    public static final String CONTROL_TOPIC = "dynreg-tck/control/";

    private final Connection connection;
    private final Fixture.Account account;
    private final Transcript transcript;
    private String problem;

    public Observer(Endpoint endpoint, MqttVersion version, Transcript transcript, Fixture.Account account) {
        this.account = account;
        this.transcript = transcript;
        this.connection = Connection.create(endpoint, version, account.clientId(), "observer", transcript);
    }

    /** Connects and subscribes to {@code #}; false (see {@link #problem()}) if the broker does not let it. */
    public boolean watch() {
        Outcomes.Connect c = connection.connect(new Credentials(account.clientId(), account.username(),
                account.password().reveal()));
        if (!c.accepted()) {
            problem = "the observer's CONNECT was refused (" + c + ")";
            return false;
        }
        Outcomes.Subscribe s = connection.subscribe("#", 1);
        if (!s.granted()) {
            problem = "the observer's SUBSCRIBE to # was refused (" + s + ")";
            return false;
        }
        return true;
    }

    public String problem() {
        return problem;
    }

    /** What the observer received that carries {@code token}. */
    public List<Received> sawWith(String token) {
        return connection.received().stream().filter(r -> r.contains(token)).toList();
    }

    /**
     * Publishes a probe carrying {@code token} on {@code topic} and reports whether the broker routed
     * it (the observer, subscribed to #, received its own probe within {@code max}).
     */
    public boolean publishProbe(String topic, String token, Duration max) {
        Outcomes.Publish p = connection.publish(topic, "{\"dynreg-tck-probe\":\"" + token + "\"}", 1);
        if (p.refusedExplicitly()) {
            return false;
        }
        return Waits.within("the observer receives its own probe on " + topic, max, () -> !sawWith(token).isEmpty());
    }

    /**
     * The positive control of a silence window: a message of the observer's own, sent through the same
     * broker after the one that must not arrive. The window closes when it arrives, at most {@code max}.
     */
    public Duration control(Duration max) {
        String token = UUID.randomUUID().toString();
        connection.publish(CONTROL_TOPIC + token, "{\"dynreg-tck-control\":\"" + token + "\"}", 1);
        Waits.Silence silence = Waits.silence("the observer's control message", max, () -> !sawWith(token).isEmpty());
        transcript.note(silence.describe());
        return silence.waited();
    }

    @Override
    public void close() {
        connection.close();
    }
}
