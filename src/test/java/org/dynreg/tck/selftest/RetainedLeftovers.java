package org.dynreg.tck.selftest;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.dynreg.tck.fixture.BrokerAddress;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.kit.Waits;
import org.dynreg.tck.mqtt.Connection;
import org.dynreg.tck.mqtt.Credentials;
import org.dynreg.tck.mqtt.Endpoint;
import org.dynreg.tck.mqtt.Received;
import org.dynreg.tck.mqtt.Transcript;
import org.dynreg.tck.spec.MqttVersion;

/**
 * What a run left on a broker: the retained messages a new subscriber to {@code #} is sent. Absence is shown with a
 * positive control: the broker sends a new subscription's retained messages before anything published after it.
 */
final class RetainedLeftovers {

    private RetainedLeftovers() {
    }

    /** The topics that hold a retained message, as the observer account, subscribing to # anew, is told. */
    static List<String> on(BrokerAddress broker, Fixture.Account observer) {
        Connection c = Connection.create(new Endpoint(broker, Optional.empty()), MqttVersion.V3_1_1, observer.clientId(),
                "leftovers", new Transcript());
        try {
            if (!c.connect(new Credentials(observer.clientId(), observer.username(), observer.password().reveal())).accepted()
                    || !c.subscribe("#", 1).granted()) {
                throw new IllegalStateException("the observer account cannot look for retained messages on " + broker);
            }
            String control = "dynreg-tck/control/leftovers-" + UUID.randomUUID();
            c.publish(control, "control", 1);
            if (!Waits.within("the control after the retained messages", Duration.ofSeconds(5),
                    () -> c.received().stream().anyMatch(r -> r.topic().equals(control)))) {
                throw new IllegalStateException("the control message did not come back: cannot tell what is retained");
            }
            return c.received().stream().filter(Received::retain).map(Received::topic).toList();
        } finally {
            c.close();
        }
    }
}
