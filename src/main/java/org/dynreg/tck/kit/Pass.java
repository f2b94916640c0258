package org.dynreg.tck.kit;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.dynreg.tck.spec.MqttVersion;

/**
 * One MQTT version's pass over the scenarios: the watch over every forbidden message its scenarios sent,
 * and the run's observer they share (see {@link CertificationRun#observer()}).
 */
public final class Pass {

    private final MqttVersion version;
    private final Supplier<Optional<Observer>> observer;
    private final Watch watch;
    private final List<Runnable> atEnd = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Scenarios' clean-ups still running, each on a thread of its own (see {@link #afterScenario}). */
    private final List<java.util.concurrent.CompletableFuture<Void>> closing = new java.util.concurrent.CopyOnWriteArrayList<>();

    Pass(MqttVersion version, Supplier<Optional<Observer>> observer, Duration silence) {
        this.version = version;
        this.observer = observer;
        this.watch = new Watch(silence);
    }

    public MqttVersion version() {
        return version;
    }

    /** The run's observer, connected and subscribed to {@code #}; or one whose {@link Observer#problem()} says why not. */
    public Optional<Observer> observer() {
        return observer.get();
    }

    public Watch watch() {
        return watch;
    }

    /** Runs {@code cleanup} when the pass ends, after its watch (e.g. ends a persistent session the watch looked at). */
    public void atEnd(Runnable cleanup) {
        atEnd.add(cleanup);
    }

    /**
     * Runs a scenario's clean-up (a retained message it set, cleared) after the scenario, on a thread of its own: a remote
     * broker's round trips then hold no scenario up. The pass waits for it before it ends.
     */
    public void afterScenario(Runnable cleanup) {
        closing.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                cleanup.run();
            } catch (RuntimeException e) {
                // best effort, as closing is: the broker may have gone
            }
        }, Waits.onThreadsOfTheirOwn("dynreg-scenario-cleanup")));
    }

    /** Ends the pass: waits for the scenarios' clean-ups, waits out the watch, runs its own clean-ups, and returns what arrived late. */
    public List<Watch.Late> end() {
        // each clean-up is bounded by its PUBACK's and DISCONNECT's acknowledgement timeouts
        java.util.concurrent.CompletableFuture.allOf(closing.toArray(java.util.concurrent.CompletableFuture[]::new)).join();
        List<Watch.Late> late = watch.finish();
        Waits.sideBySide(atEnd); // each bounded by its own CONNECT's and DISCONNECT's acknowledgement timeouts
        return late;
    }
}
