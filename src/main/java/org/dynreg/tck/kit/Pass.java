package org.dynreg.tck.kit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.mqtt.Endpoint;
import org.dynreg.tck.mqtt.Transcript;
import org.dynreg.tck.spec.MqttVersion;

/**
 * One MQTT version's pass over the scenarios: the observer its scenarios share (connected on first use,
 * kept until the pass ends) and the watch over every forbidden message they sent.
 */
public final class Pass {

    private final Endpoint endpoint;
    private final MqttVersion version;
    private final Optional<Fixture.Account> account;
    private final Watch watch;
    private final Transcript observerLog = new Transcript();
    private Observer observer;
    private boolean ended;

    Pass(Endpoint endpoint, MqttVersion version, Optional<Fixture.Account> account, Duration silence) {
        this.endpoint = endpoint;
        this.version = version;
        this.account = account;
        this.watch = new Watch(silence);
    }

    public MqttVersion version() {
        return version;
    }

    /** The observer, connected and subscribed to {@code #}; or one whose {@link Observer#problem()} says why not. */
    public synchronized Optional<Observer> observer() {
        if (account.isEmpty()) {
            return Optional.empty();
        }
        if (observer == null || !ended && observer.watching() && !observer.connection().connected()) {
            if (observer != null) {
                observerLog.note("the observer's connection was lost: it connects again");
            }
            observer = Observer.connect(endpoint, version, account.get(), observerLog);
            if (observer.watching()) {
                watch.keep(observer.connection());
            }
        }
        return Optional.of(observer);
    }

    public Watch watch() {
        return watch;
    }

    /** Ends the pass: waits out the watch and returns what arrived late; closes the observer. */
    public List<Watch.Late> end() {
        synchronized (this) {
            ended = true;
        }
        return watch.finish();
    }
}
