package org.dynreg.tck.kit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import org.dynreg.tck.mqtt.Connection;
import org.dynreg.tck.mqtt.Received;

/**
 * The run's watch over every message that must never be delivered. A scenario checks its own silence
 * window and hands what it forbade to the watch, with the connection that must not receive it (kept open);
 * the watch keeps looking until {@code silence} after the last forbidden message was sent, so that a
 * message delivered late — after its scenario ended — still fails its rule.
 */
public final class Watch {

    /** One forbidden message: which rule forbids it, where it must not arrive, and when it was judged. */
    public record Watched(String rule, String scenario, String version, String what, Instant sentAt, Instant judgedAt,
                          Connection receiver, Predicate<Received> match) {
    }

    /** A forbidden message that arrived after its scenario had judged it absent. */
    public record Late(Watched watched, Received received) {
        /** From sending the forbidden message to its delivery. */
        public Duration delay() {
            return Duration.between(watched.sentAt(), received.at());
        }

        /** One line: the rule, what arrived where, and how late. */
        public String describe() {
            return watched.rule() + " violated: " + watched.what() + " was delivered to " + watched.receiver().label()
                    + " on \"" + received.topic() + "\" " + delay().toMillis() + " ms after it was sent, after its scenario ("
                    + watched.scenario() + " [MQTT " + watched.version() + "]) had found nothing";
        }
    }

    private final Duration silence;
    private final List<Watched> watched = new ArrayList<>();
    private final List<Connection> kept = new ArrayList<>();
    private boolean finished;

    public Watch(Duration silence) {
        this.silence = silence;
    }

    /** Watches {@code w} until the run's watch ends; its receiver stays open until then. */
    public synchronized void add(Watched w) {
        if (finished) {
            throw new IllegalStateException("the watch has ended");
        }
        watched.add(w);
    }

    /** Keeps {@code c} open until the watch ends (then closes it). */
    public synchronized void keep(Connection c) {
        if (finished) {
            c.close();
        } else if (!kept.contains(c)) {
            kept.add(c);
        }
    }

    public synchronized int size() {
        return watched.size();
    }

    /** When the watch may end: {@code silence} after the last forbidden message was sent. */
    public synchronized Instant endsAt() {
        return watched.stream().map(Watched::sentAt).max(Comparator.naturalOrder()).orElse(Instant.MIN).plus(silence);
    }

    /**
     * Waits until {@link #endsAt()} (at most {@code silence}), then returns every forbidden message that
     * arrived after its scenario judged it absent, and closes the connections it kept.
     */
    public List<Late> finish() {
        Instant end = endsAt();
        Waits.until("the run's watch over forbidden messages ends", end, silence);
        List<Late> late = new ArrayList<>();
        List<Connection> toClose;
        synchronized (this) {
            finished = true;
            for (Watched w : watched) {
                // "not delivered": not received within the silence window of its sending (RULES.md); what comes later
                // is outside the definition, and counting it would make the verdict depend on when the watch ends
                w.receiver().received().stream()
                        .filter(r -> r.at().isAfter(w.judgedAt()) && !r.at().isAfter(w.sentAt().plus(silence))
                                && w.match().test(r))
                        .findFirst().ifPresent(r -> late.add(new Late(w, r)));
            }
            toClose = new ArrayList<>(kept);
            kept.clear();
        }
        // side by side: at a 300 ms round trip, dozens of DISCONNECTs one after another took ~10 s
        Waits.sideBySide(toClose.stream().map(c -> (Runnable) c::close).toList());
        return late;
    }
}
