package org.dynreg.tck.kit;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.pollinterval.PollInterval;

/** Every wait of the kit: named, bounded, polled often, and never an exception when it runs out. */
public final class Waits {

    private static final Duration POLL = Duration.ofMillis(5);
    /**
     * How often a wait looks: every 5 ms for its first 20 ms, every 10 ms up to 100 ms, then every 20 ms. Near the
     * broker most waits end within the first few looks; far from it a wait lasts round trips of hundreds of
     * milliseconds, and a hundred scenarios waiting at once and looking every 5 ms could wake the machine up to twenty
     * thousand times a second.
     */
    private static final PollInterval POLLS = (looks, previous) -> looks <= 4 ? POLL
            : looks <= 12 ? POLL.multipliedBy(2) : POLL.multipliedBy(4);

    private Waits() {
    }

    /** Whether the condition became true within {@code max}. */
    public static boolean within(String what, Duration max, BooleanSupplier condition) {
        return within(what, Duration.ZERO, max, condition);
    }

    /**
     * Whether the condition became true within {@code max}, first looked at after {@code first} (a condition that
     * cannot be true sooner is not polled sooner). Polled on the waiting thread: a wait costs no thread of its own, and
     * each condition of the kit's only reads what has arrived.
     */
    private static boolean within(String what, Duration first, Duration max, BooleanSupplier condition) {
        Duration atMost = first.compareTo(max) < 0 ? max : first.plus(POLL); // looked at once, at first
        try {
            await(what).pollInSameThread().pollDelay(first).pollInterval(POLLS).atMost(atMost).until(condition::getAsBoolean);
            return true;
        } catch (ConditionTimeoutException e) {
            return condition.getAsBoolean();
        }
    }

    /** How a silence window ended: after how long, and whether its positive control arrived. */
    public record Silence(String control, Duration waited, boolean controlArrived) {
        /** For the transcript. */
        public String describe() {
            return controlArrived
                    ? "silence window closed after " + waited.toMillis() + " ms: " + control + " arrived"
                    : "silence window ran to its bound (" + waited.toMillis() + " ms): " + control + " did not arrive";
        }
    }

    /**
     * A silence window: waits until {@code control} (the positive control) is true and at least {@code min}
     * has passed, at most {@code max}.
     */
    public static Silence silence(String control, Duration min, Duration max, BooleanSupplier arrived) {
        long start = System.nanoTime();
        long floor = start + min.toNanos();
        boolean ok = within(control, min, max, () -> arrived.getAsBoolean() && System.nanoTime() >= floor)
                || arrived.getAsBoolean();
        long spent = System.nanoTime() - start;
        return new Silence(control, Duration.ofNanos(spent), ok);
    }

    /** An executor that runs each task on a daemon thread of its own, named {@code name}: for a few long waits. */
    public static java.util.concurrent.Executor onThreadsOfTheirOwn(String name) {
        return task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            t.start();
        };
    }

    /**
     * Runs {@code tasks} side by side (up to 32 at once, a thread each) and waits for all of them: each must bound
     * itself (the kit's closings and CONNECTs wait at most their acknowledgement timeout). A task that throws is
     * skipped (what runs here is best-effort clean-up).
     */
    public static void sideBySide(java.util.List<Runnable> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(Math.min(32, tasks.size()));
        try {
            java.util.concurrent.CompletableFuture.allOf(tasks.stream().map(t -> java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    t.run();
                } catch (RuntimeException e) {
                    // best effort: the broker may have gone
                }
            }, threads)).toArray(java.util.concurrent.CompletableFuture[]::new)).join();
        } finally {
            threads.shutdown();
        }
    }

    /** Waits until {@code end}, at most {@code max}: a bounded, named pause that nothing can end early. */
    public static void until(String what, java.time.Instant end, Duration max) {
        Duration left = Duration.between(java.time.Instant.now(), end);
        if (left.isNegative() || left.isZero()) {
            return;
        }
        Duration bounded = left.compareTo(max) > 0 ? max : left;
        long deadline = System.nanoTime() + bounded.toNanos();
        within(what, bounded, bounded.plus(POLL), () -> System.nanoTime() >= deadline);
    }
}
