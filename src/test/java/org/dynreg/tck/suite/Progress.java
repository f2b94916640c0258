package org.dynreg.tck.suite;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestCaseFinished;
import io.cucumber.plugin.event.TestCaseStarted;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.dynreg.tck.spec.Rule;
import org.dynreg.tck.steps.CurrentScope;

/**
 * A long run shows it is alive: every {@link #EVERY} a line with the scenarios done and the rules being
 * checked right now; at the end of each pass one line with its count and time. Silent in the self-test.
 */
public class Progress implements ConcurrentEventListener {

    static final Duration EVERY = Duration.ofSeconds(5);

    private final AtomicInteger started = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final Map<String, String> running = new ConcurrentHashMap<>();
    private volatile long startNanos;
    private ScheduledExecutorService ticker;

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        if (!Boolean.getBoolean(RunLifecycle.CERTIFICATION) || CurrentScope.get().settings().quiet()) {
            return;
        }
        publisher.registerHandlerFor(TestRunStarted.class, e -> start());
        publisher.registerHandlerFor(TestCaseStarted.class, e -> {
            started.incrementAndGet();
            running.put(e.getTestCase().getId().toString(),
                    Rule.fromTags(e.getTestCase().getTags()).map(Rule::id).orElse("?"));
        });
        publisher.registerHandlerFor(TestCaseFinished.class, e -> {
            done.incrementAndGet();
            running.remove(e.getTestCase().getId().toString());
        });
        publisher.registerHandlerFor(TestRunFinished.class, e -> finish());
    }

    private synchronized void start() {
        startNanos = System.nanoTime();
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dynreg-progress");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::tick, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        Map<String, Long> rules = new TreeMap<>(running.values().stream()
                .collect(Collectors.groupingBy(r -> r, Collectors.counting())));
        String now = rules.entrySet().stream().map(r -> r.getValue() > 1 ? r.getKey() + " x" + r.getValue() : r.getKey())
                .collect(Collectors.joining(", "));
        System.out.printf("[dynreg-tck] %d s: %d scenario runs done, %d running%s%n", elapsed().toSeconds(), done.get(),
                running.size(), now.isEmpty() ? "" : " (" + now + ")");
    }

    private synchronized void finish() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        System.out.printf("[dynreg-tck] done: %d scenario runs in %.1f s%n", done.get(), elapsed().toMillis() / 1000.0);
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
