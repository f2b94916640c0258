package org.dynreg.tck.kit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.core.ConditionTimeoutException;

/** Every wait of the kit: named, bounded, polled often, and never an exception when it runs out. */
public final class Waits {

    private static final Duration POLL = Duration.ofMillis(5);
    private static volatile long silenceNanos;

    private Waits() {
    }

    /** Whether the condition became true within {@code max}. */
    public static boolean within(String what, Duration max, BooleanSupplier condition) {
        try {
            await(what).pollDelay(Duration.ZERO).pollInterval(POLL).atMost(max).until(condition::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException e) {
            return condition.getAsBoolean();
        }
    }

    /**
     * A silence window: waits until {@code control} (the positive control) is true, at most
     * {@code max}. Returns how long it waited; the total is reported as the run's time spent in silence.
     */
    public static Duration silence(String what, Duration max, BooleanSupplier control) {
        long start = System.nanoTime();
        within(what, max, control);
        long spent = System.nanoTime() - start;
        synchronized (Waits.class) {
            silenceNanos += spent;
        }
        return Duration.ofNanos(spent);
    }

    /** The time all silence windows of this JVM took together. */
    public static Duration silenceTotal() {
        return Duration.ofNanos(silenceNanos);
    }
}
