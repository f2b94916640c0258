package org.dynreg.tck.suite;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.steps.CurrentScope;
import org.junit.platform.engine.ConfigurationParameters;
import org.junit.platform.engine.support.hierarchical.ParallelExecutionConfiguration;
import org.junit.platform.engine.support.hierarchical.ParallelExecutionConfigurationStrategy;

/**
 * How many scenarios run at once ({@code -Dparallel=N}; by default {@value #AUTO}). Against a broker far away a run
 * is bound by round trips, and many scenarios in flight hide them: {@value #FAR}. Against a near one (the embedded
 * reference platform, a broker on the same host or LAN) it is bound by this machine's cores, where every scenario
 * thread more only costs (a Cucumber runner each, more switching between threads): {@value #PER_CORE_NEAR} per
 * core. Which one is told by the preflight's round trips (CONNECT to CONNACK): it has run before the first scenario,
 * so the choice waits for it. Cucumber asks this once, when the run's scenarios start.
 */
public final class Concurrency implements ParallelExecutionConfigurationStrategy {

    /** The configuration parameter (after Cucumber's {@code cucumber.execution.parallel.config.} prefix). */
    static final String PARALLELISM = "custom.parallelism";
    private static final String PREFIX = "cucumber.execution.parallel.config.";
    /** JUnit asks more than once; the console says it once. */
    private static final java.util.concurrent.atomic.AtomicBoolean SAID = new java.util.concurrent.atomic.AtomicBoolean();
    static final String AUTO = "auto";
    static final int FAR = 96;
    static final int PER_CORE_NEAR = 16;
    /** A broker whose median round trip is shorter is near. */
    static final Duration NEAR = Duration.ofMillis(20);

    @Override
    public ParallelExecutionConfiguration createConfiguration(ConfigurationParameters parameters) {
        Progress.executionStarts();
        String asked = parameters.get(PARALLELISM).map(String::trim).orElse(AUTO);
        // a value that is neither a number nor auto has already stopped the certification's set-up, in one line
        if (!asked.equals(AUTO) && problem(asked).isEmpty()) {
            return new Fixed(Integer.parseInt(asked));
        }
        Optional<Duration> median = medianRoundTrip();
        int n = chosen(median);
        median.filter(m -> !SAID.getAndSet(true)).ifPresent(m -> System.out.printf("[dynreg-tck] %d scenarios at once: the broker is %s (median CONNECT→CONNACK %d ms;"
                + " -Dparallel=N chooses)%n", n, m.compareTo(NEAR) < 0 ? "near" : "far", m.toMillis()));
        return new Fixed(n);
    }

    /** The scenarios at once for a broker whose median round trip is {@code median} (empty: not measured). */
    static int chosen(Optional<Duration> median) {
        return median.filter(m -> m.compareTo(NEAR) < 0).isPresent()
                ? PER_CORE_NEAR * Runtime.getRuntime().availableProcessors() : FAR;
    }

    /** What is wrong with the certification's {@code -Dparallel}, in one line; empty if nothing is. */
    static Optional<String> problemWithTheCommandLine() {
        return problem(System.getProperty(PREFIX + PARALLELISM, AUTO).trim());
    }

    static Optional<String> problem(String asked) {
        if (asked.equals(AUTO)) {
            return Optional.empty();
        }
        try {
            if (Integer.parseInt(asked) >= 1) {
                return Optional.empty();
            }
        } catch (NumberFormatException e) {
            // said below
        }
        return Optional.of("-Dparallel=" + asked + ": not a number of scenarios at once (1 or more), nor \"auto\"");
    }

    /** The certification's preflight round trips, once its set-up has run; empty outside a certification or if it failed. */
    private static Optional<Duration> medianRoundTrip() {
        try {
            return CurrentScope.opened().map(scope -> scope.run())
                    .map(CertificationRun::roundTrips).filter(r -> r.count() > 0).map(r -> r.median());
        } catch (RuntimeException setUpFailed) {
            return Optional.empty(); // the run reports it; how many would have run at once does not matter then
        }
    }

    /** As JUnit's own "fixed" strategy: {@code n} threads, never more. */
    private record Fixed(int n) implements ParallelExecutionConfiguration {
        @Override
        public int getParallelism() {
            return n;
        }

        @Override
        public int getMinimumRunnable() {
            return n;
        }

        @Override
        public int getMaxPoolSize() {
            return n;
        }

        @Override
        public int getCorePoolSize() {
            return n;
        }

        @Override
        public int getKeepAliveSeconds() {
            return 30;
        }

        @Override
        public Predicate<? super java.util.concurrent.ForkJoinPool> getSaturatePredicate() {
            return pool -> true;
        }
    }
}
