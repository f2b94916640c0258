package org.dynreg.tck.storm;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Everything of one storm run (one shard, or the whole storm) but its latencies, as written to
 * {@code counts.json}: what was run, how each device ended, each kind's count and examples, CPU used.
 * Shards add up with {@link #plus}.
 */
public record ShardCounts(
        String broker,
        String mqttVersion,
        int stormDevices,
        List<String> shards,
        int devices,
        String arrivals,
        long deadlineMillis,
        long replyTimeoutMillis,
        long startMillis,
        long endMillis,
        long completed,
        long refused,
        long failed,
        long unfinished,
        Map<Kind, Long> kinds,
        Map<Kind, List<String>> examples,
        long driverCpuMillis,
        long processCpuMillis,
        int cores,
        long maxLaunchLagMillis,
        double machineLoad,
        boolean embedded,
        boolean strict) {

    public double seconds() {
        return Math.max(1, endMillis - startMillis) / 1000.0;
    }

    public double registrationsPerSecond() {
        return completed / seconds();
    }

    public long count(Kind kind) {
        return kinds.getOrDefault(kind, 0L);
    }

    /** These counts with {@code n} more of {@code kind} and, up to {@link Tally#EXAMPLES}, its examples. */
    public ShardCounts plus(Kind kind, long n, List<String> more) {
        Map<Kind, Long> k = new EnumMap<>(Kind.class);
        k.putAll(kinds);
        k.merge(kind, n, Long::sum);
        Map<Kind, List<String>> ex = new EnumMap<>(Kind.class);
        examples.forEach((x, v) -> ex.put(x, new ArrayList<>(v)));
        List<String> some = ex.computeIfAbsent(kind, x -> new ArrayList<>());
        more.stream().limit(Math.max(0, Tally.EXAMPLES - some.size())).forEach(some::add);
        return new ShardCounts(broker, mqttVersion, stormDevices, shards, devices, arrivals, deadlineMillis, replyTimeoutMillis,
                startMillis, endMillis, completed, refused, failed, unfinished, k, ex, driverCpuMillis, processCpuMillis, cores,
                maxLaunchLagMillis, machineLoad, embedded, strict);
    }

    /** Two shards of one storm as one. */
    public ShardCounts plus(ShardCounts o) {
        Map<Kind, Long> k = new EnumMap<>(Kind.class);
        k.putAll(kinds);
        o.kinds.forEach((kind, n) -> k.merge(kind, n, Long::sum));
        Map<Kind, List<String>> ex = new EnumMap<>(Kind.class);
        examples.forEach((kind, v) -> ex.put(kind, new ArrayList<>(v)));
        o.examples.forEach((kind, v) -> {
            List<String> some = ex.computeIfAbsent(kind, x -> new ArrayList<>());
            v.stream().limit(Math.max(0, Tally.EXAMPLES - some.size())).forEach(some::add);
        });
        List<String> s = new ArrayList<>(shards);
        s.addAll(o.shards);
        return new ShardCounts(broker, mqttVersion, stormDevices, List.copyOf(s), devices + o.devices,
                arrivals, deadlineMillis, replyTimeoutMillis, Math.min(startMillis, o.startMillis),
                Math.max(endMillis, o.endMillis), completed + o.completed, refused + o.refused, failed + o.failed,
                unfinished + o.unfinished, k, ex, driverCpuMillis + o.driverCpuMillis, processCpuMillis + o.processCpuMillis,
                cores + o.cores, Math.max(maxLaunchLagMillis, o.maxLaunchLagMillis), Math.max(machineLoad, o.machineLoad),
                embedded && o.embedded, strict || o.strict);
    }
}
