package org.dynreg.tck.storm;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.HexFormat;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.dynreg.tck.kit.KitSetupException;

/**
 * A storm run's three data files, which are all that a merge of shards needs: {@code counts.json}
 * ({@link ShardCounts}), {@code histograms.hlog} (HdrHistogram's interval log, one tagged interval
 * histogram per {@link Step} and second, in microseconds) and {@code issued-secrets.hmac} (per secret
 * issued, its HMAC-SHA256 keyed with the ProdSecret and the device it was issued to first: the merge
 * finds a secret issued in two shards without any shard writing a secret in clear).
 */
public final class StormFiles {

    static final String COUNTS = "counts.json";
    static final String HISTOGRAMS = "histograms.hlog";
    static final String SECRETS = "issued-secrets.hmac";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** The length of one interval of the log, and of the timeline: shards' intervals align on it. */
    static final long INTERVAL_MILLIS = 250;

    private StormFiles() {
    }

    /** One interval of the storm ({@value #INTERVAL_MILLIS} ms): every step's latencies in it. */
    public record Second(double offsetSeconds, Map<Step, Histogram> latencies) {
        /** How many of a step's latencies were recorded in the interval, per second. */
        public double perSecond(Step step) {
            Histogram h = latencies.get(step);
            return h == null ? 0 : h.getTotalCount() * 1000.0 / INTERVAL_MILLIS;
        }
    }

    /** One storm's data, or several shards' added up. */
    public record Data(ShardCounts counts, Map<Step, Histogram> totals, List<Second> timeline) {
    }

    static Path histogramLog(Path dir) {
        return dir.resolve(HISTOGRAMS);
    }

    static void writeCounts(Path dir, ShardCounts counts) {
        try {
            Files.createDirectories(dir);
            JSON.writeValue(dir.resolve(COUNTS).toFile(), counts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(COUNTS), e);
        }
    }

    /**
     * Writes {@code issued-secrets.hmac}: one line per distinct secret issued in the run, its HMAC (hex)
     * and the device it was issued to first.
     *
     * @param issued every secret issued, with the device it was issued to first
     */
    static void writeIssuedSecrets(Path dir, String productSecret, Map<String, String> issued) {
        Mac mac = hmac(productSecret);
        StringBuilder out = new StringBuilder();
        issued.forEach((secret, device) -> out.append(HexFormat.of().formatHex(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8))))
                .append(' ').append(device).append('\n'));
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(SECRETS), out, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(SECRETS), e);
        }
    }

    /** HMAC-SHA256 keyed with the ProdSecret, which every shard of a storm has and its report never shows. */
    private static Mac hmac(String productSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(productSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** Reads and adds up the data of one or more run folders (shards of one storm). */
    public static Data read(List<Path> dirs) {
        ShardCounts counts = null;
        Map<Step, Histogram> totals = new EnumMap<>(Step.class);
        TreeMap<Long, Map<Step, Histogram>> seconds = new TreeMap<>();
        java.util.Set<String> shards = new java.util.HashSet<>();
        Map<Path, String> shardOf = new java.util.LinkedHashMap<>();
        for (Path dir : dirs) {
            ShardCounts c = readCounts(dir);
            if (counts != null && (c.stormDevices() != counts.stormDevices() || !c.mqttVersion().equals(counts.mqttVersion())
                    || Shard.parse(c.shards().get(0)).count() != Shard.parse(counts.shards().get(0)).count())) {
                throw new KitSetupException("storm data " + dir + ": shard " + c.shards() + " of a storm of " + c.stormDevices()
                        + " devices over MQTT " + c.mqttVersion() + " does not belong with shard " + counts.shards().get(0)
                        + " (" + counts.stormDevices() + " devices over MQTT " + counts.mqttVersion() + ")");
            }
            for (String s : c.shards()) {
                if (!shards.add(s)) {
                    throw new KitSetupException("storm data " + dir + ": shard " + s + " is there twice (merge each shard once)");
                }
            }
            counts = counts == null ? c : counts.plus(c);
            readLog(dir, totals, seconds);
            shardOf.put(dir, c.shards().get(0));
        }
        if (counts == null) {
            throw new KitSetupException("no storm data to read (no folder given)");
        }
        if (shardOf.size() > 1) {
            counts = withSecretsIssuedInTwoShards(counts, shardOf);
        }
        long first = seconds.isEmpty() ? 0 : seconds.firstKey();
        List<Second> timeline = new ArrayList<>();
        seconds.forEach((interval, h) -> timeline.add(new Second((interval - first) * INTERVAL_MILLIS / 1000.0, h)));
        for (Step s : Step.values()) {
            totals.computeIfAbsent(s, x -> new Histogram(3));
        }
        return new Data(counts, totals, timeline);
    }

    /**
     * Each shard counted the secrets it issued twice itself; a secret issued in k shards is issued k - 1
     * more times than they counted: STATIC-1 under load, as within a shard.
     */
    private static ShardCounts withSecretsIssuedInTwoShards(ShardCounts counts, Map<Path, String> shardOf) {
        Map<String, List<String>> issuedIn = new java.util.HashMap<>(); // HMAC -> "device (shard i/n)", one per shard
        for (Map.Entry<Path, String> shard : shardOf.entrySet()) {
            for (String line : readIssuedSecrets(shard.getKey())) {
                int space = line.indexOf(' ');
                if (space > 0) {
                    issuedIn.computeIfAbsent(line.substring(0, space), h -> new ArrayList<>())
                            .add(line.substring(space + 1) + " (shard " + shard.getValue() + ")");
                }
            }
        }
        long twice = 0;
        List<String> examples = new ArrayList<>();
        List<String> received = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : new TreeMap<>(issuedIn).entrySet()) {
            List<String> devices = e.getValue();
            if (devices.size() > 1) {
                twice += devices.size() - 1;
                if (examples.size() < Tally.EXAMPLES) {
                    examples.add(String.join(" and ", devices) + " were both issued the same secret (HMAC #"
                            + e.getKey().substring(0, 4) + ")");
                    received.add(devices.get(1) + " received " + devices.get(0) + "'s secret (HMAC #" + e.getKey().substring(0, 4) + ")");
                }
            }
        }
        return twice == 0 ? counts
                : counts.plus(Kind.DUPLICATE_SECRET, twice, examples).plus(Kind.SECRET_OF_ANOTHER_DEVICE, twice, received);
    }

    private static List<String> readIssuedSecrets(Path dir) {
        Path file = dir.resolve(SECRETS);
        if (!Files.isRegularFile(file)) {
            throw new KitSetupException("storm data " + dir + ": has no " + SECRETS
                    + " (without it the merge cannot tell a secret issued in two shards; run the shard again with this kit)");
        }
        try {
            return Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static ShardCounts readCounts(Path dir) {
        Path file = dir.resolve(COUNTS);
        if (!Files.isRegularFile(file)) {
            throw new KitSetupException("storm data " + dir + ": has no " + COUNTS + " (is it the folder of a storm run or shard?)");
        }
        try {
            return JSON.readValue(file.toFile(), ShardCounts.class);
        } catch (IOException e) {
            throw new KitSetupException("storm data " + file + ": cannot be read (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
    }

    private static void readLog(Path dir, Map<Step, Histogram> totals, TreeMap<Long, Map<Step, Histogram>> seconds) {
        Path file = histogramLog(dir);
        HistogramLogReader reader;
        try {
            reader = new HistogramLogReader(file.toFile());
        } catch (FileNotFoundException e) {
            throw new KitSetupException("storm data " + dir + ": has no " + HISTOGRAMS);
        }
        try (reader) {
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null) {
                if (!(next instanceof Histogram h) || next.getTag() == null) {
                    continue;
                }
                Step step = Step.valueOf(next.getTag().toUpperCase(java.util.Locale.ROOT));
                totals.computeIfAbsent(step, s -> new Histogram(3)).add(h);
                long interval = Math.round((double) h.getStartTimeStamp() / INTERVAL_MILLIS);
                seconds.computeIfAbsent(interval, x -> new EnumMap<>(Step.class)).computeIfAbsent(step, s -> new Histogram(3)).add(h);
            }
        } catch (RuntimeException e) {
            throw new KitSetupException("storm data " + file + ": not a readable HdrHistogram log (" + e.getMessage() + ")");
        }
    }
}
