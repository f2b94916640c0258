package org.dynreg.tck.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.ConfigurationParameters;

class ConcurrencyTest {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Test
    void aNearBrokerGetsSixteenScenariosPerCoreAFarOneNinetySix() {
        assertThat(Concurrency.chosen(Optional.of(Duration.ofMillis(3)))).isEqualTo(16 * CORES);
        assertThat(Concurrency.chosen(Optional.of(Duration.ofMillis(19)))).isEqualTo(16 * CORES);
        assertThat(Concurrency.chosen(Optional.of(Duration.ofMillis(20)))).isEqualTo(96);
        assertThat(Concurrency.chosen(Optional.of(Duration.ofMillis(300)))).isEqualTo(96);
    }

    @Test
    void withoutARoundTripMeasuredTheFarCountIsTaken() {
        assertThat(Concurrency.chosen(Optional.empty())).isEqualTo(96);
    }

    @Test
    void aNumberAskedForIsTakenAsItIsAndNeverExceeded() {
        var c = new Concurrency().createConfiguration(params(Map.of("custom.parallelism", " 12 ")));
        assertThat(c.getParallelism()).isEqualTo(12);
        assertThat(c.getMaxPoolSize()).isEqualTo(12);
        assertThat(c.getCorePoolSize()).isEqualTo(12);
        assertThat(new Concurrency().createConfiguration(params(Map.of("custom.parallelism", "1"))).getParallelism()).isEqualTo(1);
    }

    @Test
    void aValueThatIsNeitherANumberNorAutoIsNamedInOneLine() {
        assertThat(Concurrency.problem("lots")).contains("-Dparallel=lots: not a number of scenarios at once (1 or more), nor \"auto\"");
        assertThat(Concurrency.problem("0")).hasValueSatisfying(p -> assertThat(p).startsWith("-Dparallel=0:"));
        assertThat(Concurrency.problem("auto")).isEmpty();
        assertThat(Concurrency.problem("7")).isEmpty();
        // the set-up has stopped the run by then: the engine is not failed a second time, with a stack trace
        assertThat(new Concurrency().createConfiguration(params(Map.of("custom.parallelism", "lots"))).getParallelism()).isPositive();
    }

    private static ConfigurationParameters params(Map<String, String> values) {
        return new ConfigurationParameters() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public Optional<Boolean> getBoolean(String key) {
                return get(key).map(Boolean::parseBoolean);
            }

            @Override
            @SuppressWarnings("deprecation")
            public int size() {
                return values.size();
            }

            @Override
            public Set<String> keySet() {
                return values.keySet();
            }
        };
    }
}
