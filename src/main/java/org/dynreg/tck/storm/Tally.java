package org.dynreg.tck.storm;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.UnaryOperator;
import org.dynreg.tck.spec.Secrets;

/** Counts of every {@link Kind}, with the first few examples of each (masked), safe from any thread. */
public final class Tally {

    public static final int EXAMPLES = 3;

    private final UnaryOperator<String> mask;

    /** @param mask masks the secrets of the storm in an example, before {@link Secrets#mask} */
    public Tally(UnaryOperator<String> mask) {
        this.mask = mask;
    }

    private final AtomicLongArray counts = new AtomicLongArray(Kind.values().length);
    private final Map<Kind, List<String>> examples = new EnumMap<>(Kind.class);

    public void count(Kind kind, String example) {
        counts.incrementAndGet(kind.ordinal());
        synchronized (examples) {
            List<String> some = examples.computeIfAbsent(kind, k -> new ArrayList<>());
            if (some.size() < EXAMPLES) {
                some.add(Secrets.mask(mask.apply(example)));
            }
        }
    }

    public long count(Kind kind) {
        return counts.get(kind.ordinal());
    }

    /** The kinds seen, with their counts. */
    public Map<Kind, Long> counts() {
        Map<Kind, Long> out = new EnumMap<>(Kind.class);
        for (Kind k : Kind.values()) {
            if (count(k) > 0) {
                out.put(k, count(k));
            }
        }
        return out;
    }

    public Map<Kind, List<String>> examples() {
        synchronized (examples) {
            Map<Kind, List<String>> copy = new EnumMap<>(Kind.class);
            examples.forEach((k, v) -> copy.put(k, List.copyOf(v)));
            return copy;
        }
    }
}
