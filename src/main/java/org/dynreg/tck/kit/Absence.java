package org.dynreg.tck.kit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.dynreg.tck.mqtt.Connection;
import org.dynreg.tck.mqtt.Received;
import org.dynreg.tck.mqtt.Transcript;

/**
 * "Not delivered", as RULES.md defines it: not received within the silence window. A scenario's window
 * closes when its positive controls have arrived and the floor derived from the measured round trips has
 * passed, at most after the fixture's silence bound; what it found absent is handed to the run's watch,
 * which keeps looking until {@code silence} after the pass's last forbidden message.
 */
public final class Absence {

    /** Where a forbidden message must not arrive: a connection, and which of its messages would be it. */
    public record Look(String who, Connection receiver, Predicate<Received> match) {
    }

    /**
     * A positive control: a message sent after the forbidden one, and whether it has arrived; {@code ofObserver} if it
     * is the observer's own (then it also shows the observer still receives: see {@link Delivery}).
     */
    public record Control(String name, BooleanSupplier arrived, boolean ofObserver) {
    }

    /** What arrived that must not have: who received it, and the message. */
    public record Leak(String who, Received received) {
        /** For evidence: {@code "topic" (payload …)}. */
        public String shown() {
            String text = received.text().length() > 200 ? received.text().substring(0, 200) + "…" : received.text();
            return "\"" + received.topic() + "\" (payload " + text + ")";
        }
    }

    private final Pass pass;
    private final RoundTrips roundTrips;
    private final Duration silence;
    private final Transcript transcript;
    private final String rule;
    private final String scenario;
    private final java.util.concurrent.atomic.LongAdder spentNanos;

    public Absence(Pass pass, RoundTrips roundTrips, java.util.concurrent.atomic.LongAdder spentNanos, Duration silence,
                   Transcript transcript, String rule, String scenario) {
        this.spentNanos = spentNanos;
        this.pass = pass;
        this.roundTrips = roundTrips;
        this.silence = silence;
        this.transcript = transcript;
        this.rule = rule;
        this.scenario = scenario;
    }

    /**
     * Holds the silence window for {@code what} (sent at {@code sentAt}), then looks: the first forbidden
     * message any {@code look} received, or empty. Either way the looks stay watched until the pass ends.
     */
    public Optional<Leak> check(String what, Instant sentAt, List<Look> looks, List<Control> controls) {
        Duration floor = roundTrips.silenceFloor(silence);
        String names = controls.isEmpty() ? "no positive control (the floor only)"
                : String.join(" and ", controls.stream().map(Control::name).toList());
        BooleanSupplier all = () -> controls.stream().allMatch(c -> c.arrived().getAsBoolean());
        Waits.Silence window = Waits.silence(names, floor, controls.isEmpty() ? floor : silence, all);
        spentNanos.add(window.waited().toNanos());
        transcript.note(window.describe() + " (floor " + floor.toMillis() + " ms)");
        // judged before the look: a message arriving while the scenario looks is seen by it or by the run's watch
        Instant judged = Instant.now();
        Instant windowEnd = sentAt.plus(silence); // "not received within the silence window" (RULES.md)
        Optional<Leak> leak = looks.stream().flatMap(l -> l.receiver().received().stream()
                .filter(r -> !r.at().isAfter(windowEnd)).filter(l.match())
                .map(r -> new Leak(l.who(), r)).limit(1)).findFirst();
        for (Look l : looks) {
            if (l.receiver().connected()) {
                pass.watch().add(new Watch.Watched(rule, scenario, pass.version().label(), what, sentAt, judged,
                        l.receiver(), l.match()));
                transcript.note("the run keeps watching " + l.who() + " for " + what + " until " + silence.toMillis()
                        + " ms after the pass's last forbidden message");
            }
        }
        return leak;
    }
}
