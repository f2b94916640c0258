package org.dynreg.tck.net;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one-way delay of one direction of a {@link LatencyProxy}: {@code mean} ± {@code jitter},
 * uniformly distributed, never below zero.
 */
public record Delay(Duration mean, Duration jitter) {

    public static final Delay NONE = new Delay(Duration.ZERO, Duration.ZERO);

    public Delay {
        if (mean.isNegative() || jitter.isNegative()) {
            throw new IllegalArgumentException("a delay and its jitter cannot be negative: " + mean + " ± " + jitter);
        }
    }

    public static Delay millis(long mean, long jitter) {
        return new Delay(Duration.ofMillis(mean), Duration.ofMillis(jitter));
    }

    /** One draw, in nanoseconds. */
    long sampleNanos() {
        long j = jitter.toNanos();
        long offset = j == 0 ? 0 : ThreadLocalRandom.current().nextLong(-j, j + 1);
        return Math.max(0, mean.toNanos() + offset);
    }

    /** The longest delay a draw can give. */
    Duration max() {
        return mean.plus(jitter);
    }

    @Override
    public String toString() {
        return mean.toMillis() + " ms" + (jitter.isZero() ? "" : " ± " + jitter.toMillis() + " ms");
    }
}
