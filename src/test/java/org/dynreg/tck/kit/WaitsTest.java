package org.dynreg.tck.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WaitsTest {

    @Test
    void aConditionIsPolledOnTheWaitingThreadAndItsTrueEndsTheWait() {
        Set<Thread> pollers = ConcurrentHashMap.newKeySet();
        long start = System.nanoTime();
        boolean met = Waits.within("three polls", Duration.ofSeconds(2), () -> {
            pollers.add(Thread.currentThread());
            return System.nanoTime() - start > Duration.ofMillis(20).toNanos();
        });
        assertThat(met).isTrue();
        assertThat(pollers).containsExactly(Thread.currentThread());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void aConditionNeverMetEndsTheWaitAtItsBoundAsFalse() {
        long start = System.nanoTime();
        assertThat(Waits.within("never", Duration.ofMillis(60), () -> false)).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(60), Duration.ofSeconds(5));
    }

    @Test
    void aLongWaitLooksLessOftenAfterItsFirstLooks() {
        AtomicLong looks = new AtomicLong();
        assertThat(Waits.within("half a second of nothing", Duration.ofMillis(500), () -> looks.incrementAndGet() < 0)).isFalse();
        // every 5 ms would be ~100 looks; 5 ms for 20 ms, 10 ms to 100 ms, then 20 ms: ~33 (fewer on a slow machine)
        assertThat(looks.get()).isBetween(2L, 50L);
    }

    @Test
    void aSilenceWindowLooksAtItsControlOnlyOnceItsFloorHasPassed() {
        AtomicLong firstLook = new AtomicLong();
        long start = System.nanoTime();
        Waits.Silence s = Waits.silence("the control", Duration.ofMillis(80), Duration.ofSeconds(2), () -> {
            firstLook.compareAndSet(0, System.nanoTime());
            return true;
        });
        assertThat(s.controlArrived()).isTrue();
        assertThat(Duration.ofNanos(firstLook.get() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(80));
        assertThat(s.waited()).isBetween(Duration.ofMillis(80), Duration.ofSeconds(5));
    }

    @Test
    void aSilenceWindowWithoutAControlHoldsItsFloorOnly() {
        Waits.Silence s = Waits.silence("no control", Duration.ofMillis(50), Duration.ofMillis(50), () -> true);
        assertThat(s.controlArrived()).isTrue();
        assertThat(s.waited()).isBetween(Duration.ofMillis(50), Duration.ofSeconds(5));
    }

    @Test
    void aControlThatNeverArrivesRunsTheWindowToItsBound() {
        Waits.Silence s = Waits.silence("a lost control", Duration.ofMillis(30), Duration.ofMillis(90), () -> false);
        assertThat(s.controlArrived()).isFalse();
        assertThat(s.waited()).isBetween(Duration.ofMillis(90), Duration.ofSeconds(5));
    }

    @Test
    void untilPausesToItsEndButNoLongerThanItsBound() {
        long start = System.nanoTime();
        Waits.until("an end 70 ms away", java.time.Instant.now().plusMillis(70), Duration.ofSeconds(5));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(69), Duration.ofSeconds(5));
        start = System.nanoTime();
        Waits.until("an end an hour away, bounded", java.time.Instant.now().plusSeconds(3600), Duration.ofMillis(40));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(39), Duration.ofSeconds(5));
    }
}
