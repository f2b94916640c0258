package org.dynreg.tck.storm;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.dynreg.tck.kit.KitSetupException;
import org.dynreg.tck.spec.MqttVersion;

/**
 * What a storm is told ({@code -Dstorm.*}, {@code -Dfixture}, {@code -Dbroker}, {@code -Dstrict}).
 *
 * @param devices     the storm's size N (over all shards)
 * @param rate        new devices per second; empty: a burst (every device at once, up to the concurrency cap)
 * @param concurrency at most this many devices in flight at once
 * @param version     the MQTT version of every device; empty: MQTT 5 if the fixture lists it, else 3.1.1
 * @param deadline    the reply deadline judged against (ADV-1; the C SDK waits 5 s)
 * @param outDir      where the run (or the merge) writes its data and report
 * @param ioThreads   the driver's network threads
 * @param merge       {@code -Dstorm.merge}: merge the shards under this folder instead of running a storm
 */
public record StormSettings(Path fixture, Optional<String> broker, int devices, Optional<Double> rate, int concurrency,
                            Optional<MqttVersion> version, Duration deadline, Shard shard, Path outDir, boolean strict,
                            int ioThreads, Optional<Path> merge) {

    public static final int DEFAULT_DEVICES = 2000;
    /** Chosen by measurement (README): more in flight adds queueing to every reply, not registrations per second. */
    public static final int DEFAULT_CONCURRENCY = 100;
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(5);

    /** The defaults, for the embedded reference platform. */
    public static StormSettings defaults() {
        return new StormSettings(Path.of("fixtures/embedded.yaml"), Optional.empty(), DEFAULT_DEVICES, Optional.empty(),
                DEFAULT_CONCURRENCY, Optional.empty(), DEFAULT_DEADLINE, Shard.WHOLE, Path.of("target", "storm"), false,
                Math.max(2, Runtime.getRuntime().availableProcessors()), Optional.empty());
    }

    /** From {@code -D} properties; a bad value stops with one line naming the property. */
    public static StormSettings fromSystemProperties() {
        StormSettings d = defaults();
        Path fixture = Path.of(property("fixture").orElse(d.fixture().toString()));
        int devices = parse("storm.devices", Integer::parseInt, "a whole number of devices, e.g. 2000", 1, 10_000_000)
                .orElse(d.devices());
        Optional<Double> rate = parse("storm.rate", Double::parseDouble, "devices per second, e.g. 500 (unset: a burst)",
                0.001, 1_000_000);
        int concurrency = parse("storm.concurrency", Integer::parseInt, "a whole number of devices in flight, e.g. 1000",
                1, 1_000_000).orElse(d.concurrency());
        Optional<MqttVersion> version = property("storm.mqtt").map(v -> MqttVersion.parse(v).orElseThrow(
                () -> new KitSetupException("-Dstorm.mqtt=" + v + ": use 3.1.1 or 5")));
        Duration deadline = parse("storm.deadlineSeconds", Double::parseDouble, "seconds, e.g. 5", 0.001, 600)
                .map(s -> Duration.ofNanos((long) (s * 1e9))).orElse(d.deadline());
        Shard shard = property("storm.shard").map(s -> {
            try {
                return Shard.parse(s);
            } catch (IllegalArgumentException e) {
                throw new KitSetupException("-Dstorm.shard " + e.getMessage());
            }
        }).orElse(Shard.WHOLE);
        Optional<Path> merge = property("storm.merge").map(Path::of);
        // a merge writes its report next to the shards it merges, unless -Dstorm.out says otherwise
        Path out = property("storm.out").map(Path::of).orElse(merge.orElse(
                shard.whole() ? d.outDir() : d.outDir().resolve("shard-" + shard.index() + "-of-" + shard.count())));
        int io = parse("storm.ioThreads", Integer::parseInt, "a whole number of threads", 1, 256).orElse(d.ioThreads());
        return new StormSettings(fixture, property("broker"), devices, rate, concurrency, version, deadline, shard, out,
                Boolean.parseBoolean(System.getProperty("strict", "false")), io, merge);
    }

    private static Optional<String> property(String name) {
        return Optional.ofNullable(System.getProperty(name)).map(String::trim).filter(s -> !s.isEmpty());
    }

    private static <T extends Number> Optional<T> parse(String name, Function<String, T> parser, String expected,
                                                        double min, double max) {
        return property(name).map(text -> {
            T value;
            try {
                value = parser.apply(text);
            } catch (NumberFormatException e) {
                throw new KitSetupException("-D" + name + "=" + text + ": expected " + expected);
            }
            if (value.doubleValue() < min || value.doubleValue() > max) {
                throw new KitSetupException("-D" + name + "=" + text + ": must lie between " + min + " and " + max);
            }
            return value;
        });
    }

    public StormSettings withDevices(int n) {
        return new StormSettings(fixture, broker, n, rate, concurrency, version, deadline, shard, outDir, strict, ioThreads, merge);
    }

    public StormSettings withShard(Shard s, Path out) {
        return new StormSettings(fixture, broker, devices, rate, concurrency, version, deadline, s, out, strict, ioThreads, merge);
    }

    public StormSettings withDeadline(Duration d) {
        return new StormSettings(fixture, broker, devices, rate, concurrency, version, d, shard, outDir, strict, ioThreads, merge);
    }

    public StormSettings withOutDir(Path out) {
        return new StormSettings(fixture, broker, devices, rate, concurrency, version, deadline, shard, out, strict, ioThreads, merge);
    }

    public StormSettings withRate(Optional<Double> r) {
        return new StormSettings(fixture, broker, devices, r, concurrency, version, deadline, shard, outDir, strict, ioThreads, merge);
    }

    /** How the arrivals are shaped, for the report. */
    public String arrivals() {
        return rate.map(r -> String.format(java.util.Locale.ROOT, "%.0f devices/s", r)).orElse("burst")
                + ", at most " + concurrency + " in flight";
    }
}
