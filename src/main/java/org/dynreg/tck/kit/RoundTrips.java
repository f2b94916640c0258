package org.dynreg.tck.kit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The round trips the run measured (CONNECT to CONNACK), and what follows from them: how long a message
 * needs at least before its absence means anything. A silence window never closes before that floor.
 */
public final class RoundTrips {

    /** The floor's constant part: scheduling, the broker's own work, a loaded machine. */
    static final Duration MARGIN = Duration.ofMillis(50);
    private static final int KEPT = 200;

    private final List<Long> nanos = new ArrayList<>();

    public synchronized void record(Duration roundTrip) {
        if (nanos.size() == KEPT) {
            nanos.remove(0);
        }
        nanos.add(roundTrip.toNanos());
    }

    public synchronized int count() {
        return nanos.size();
    }

    /** The median round trip; zero before the first one. */
    public synchronized Duration median() {
        return percentile(50);
    }

    /** The {@code p}-th percentile of the kept round trips; zero before the first one. */
    public synchronized Duration percentile(int p) {
        if (nanos.isEmpty()) {
            return Duration.ZERO;
        }
        List<Long> sorted = nanos.stream().sorted().toList();
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return Duration.ofNanos(sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))));
    }

    /**
     * The shortest silence window that can show a message was not delivered: a forbidden message crosses
     * the broker twice (sender to broker, broker to receiver), so two slow round trips and a margin;
     * never more than {@code max}, the fixture's silence bound.
     */
    public Duration silenceFloor(Duration max) {
        Duration floor = MARGIN.plus(percentile(90).multipliedBy(2));
        return floor.compareTo(max) > 0 ? max : floor;
    }
}
