package org.dynreg.tck.storm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.FixtureLoader;
import org.dynreg.tck.kit.KitSetupException;
import org.dynreg.tck.mqtt.BrokerUnreachableException;
import org.dynreg.tck.mqtt.Connection;
import org.dynreg.tck.mqtt.Credentials;
import org.dynreg.tck.mqtt.Endpoint;
import org.dynreg.tck.mqtt.Transcript;
import org.dynreg.tck.platform.Behaviour;
import org.dynreg.tck.platform.ReferencePlatform;
import org.dynreg.tck.spec.MqttVersion;

/**
 * The registration storm: many devices register at once against the broker under test (by default the
 * embedded reference platform), each doing the whole flow; the report says whether registration held.
 * {@code mvn verify -Pstorm} runs it; {@code -Dstorm.merge=DIR} merges the shards found under DIR.
 */
public final class Storm {

    /** A storm's (or merged shards') data, verdict, and where the report is. */
    public record Result(StormFiles.Data data, StormVerdict verdict, Path dir) {
        public String console() {
            return StormReport.console(data, verdict, dir);
        }
    }

    private Storm() {
    }

    /** The run the command line asks for: a storm (or one shard), or with {@code -Dstorm.merge} a merge. */
    public static Result fromSystemProperties() {
        String merge = System.getProperty("storm.merge", "").trim();
        if (!merge.isEmpty()) {
            Path out = Optional.ofNullable(System.getProperty("storm.out")).filter(s -> !s.isBlank()).map(Path::of)
                    .orElse(Path.of(merge));
            return merge(shardFolders(Path.of(merge)), out);
        }
        return run(StormSettings.fromSystemProperties());
    }

    /** Loads the fixture, starts the embedded platform if the fixture says {@code embedded}, runs the storm. */
    public static Result run(StormSettings settings) {
        Fixture fixture = FixtureLoader.withSystemEnvironment().load(settings.fixture(), settings.broker());
        checkDevices(settings, fixture); // before the embedded platform takes its seconds to start
        if (!fixture.broker().embedded()) {
            return run(settings, fixture, null);
        }
        try (ReferencePlatform platform = ReferencePlatform.start(fixture, Behaviour.exemplary(),
                Path.of("target", "storm-reference-platform"), 0)) {
            return run(settings, fixture, platform);
        }
    }

    /** As {@link #run(StormSettings)}, against {@code platform} (already running) when the fixture says embedded. */
    public static Result run(StormSettings settings, Fixture loaded, ReferencePlatform platform) {
        Fixture fixture = loaded.broker().embedded() ? loaded.withBroker(platform.tcpAddress()) : loaded;
        MqttVersion version = settings.version().orElse(fixture.mqttVersions().contains(MqttVersion.V5) ? MqttVersion.V5 : MqttVersion.V3_1_1);
        if (!fixture.mqttVersions().contains(version)) {
            throw new KitSetupException("-Dstorm.mqtt=" + version.label() + ": the fixture " + settings.fixture()
                    + " does not list it in mqttVersions");
        }
        checkDevices(settings, fixture);
        Endpoint endpoint = new Endpoint(fixture.broker(), fixture.tls());
        checkReachable(endpoint, fixture);
        clean(settings.outDir());
        new StormDriver(settings, fixture, endpoint, version).run();
        return report(List.of(settings.outDir()), settings.outDir(), settings.shard().whole());
    }

    /** Merges the data of shard folders into one report in {@code out}. */
    public static Result merge(List<Path> shardDirs, Path out) {
        return report(shardDirs, out, true);
    }

    private static Result report(List<Path> dirs, Path out, boolean whole) {
        StormFiles.Data data = StormFiles.read(dirs);
        StormVerdict verdict = StormVerdict.of(data.counts(), whole);
        StormReport.write(data, verdict, out, Path.of(System.getProperty("allure.results.directory", "allure-results")));
        return new Result(data, verdict, out);
    }

    /** The shard folders under {@code dir}: every folder (itself or below) that holds a storm run's counts. */
    static List<Path> shardFolders(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new KitSetupException("-Dstorm.merge=" + dir + ": not a folder (give the folder that holds the shards' folders)");
        }
        try (Stream<Path> files = Files.walk(dir, 3)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().equals(StormFiles.COUNTS))
                    .map(Path::getParent).filter(d -> !d.equals(dir)).sorted().toList();
            if (found.isEmpty()) {
                throw new KitSetupException("-Dstorm.merge=" + dir + ": holds no shard folder (one with "
                        + StormFiles.COUNTS + " and " + StormFiles.HISTOGRAMS + ")");
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
    }

    private static void checkDevices(StormSettings settings, Fixture fixture) {
        int available = StormDriver.stormDevicesAvailable(fixture);
        if (settings.devices() > available) {
            throw new KitSetupException("fixture " + settings.fixture() + ": the storm needs " + settings.devices()
                    + " never-activated devices, the fixture offers " + available + " ("
                    + fixture.product().whitelistedDeviceRange().map(r -> "product.whitelistedDeviceRange holds " + r)
                    .orElse("product.whitelistedDevices, less the 2 reserved; give a product.whitelistedDeviceRange")
                    + "); lower -Dstorm.devices or whitelist more");
        }
    }

    private static void checkReachable(Endpoint endpoint, Fixture fixture) {
        Connection c = Connection.create(endpoint, MqttVersion.V3_1_1, "dynreg-storm-preflight", "preflight", new Transcript());
        try {
            c.connect(new Credentials("dynreg-storm-preflight", "dynreg-tck|preflight|0", "-"));
        } catch (BrokerUnreachableException e) {
            throw new KitSetupException("broker " + fixture.broker() + ": " + e.getMessage());
        } finally {
            c.close();
        }
    }

    /** A run's folder shows that run only. */
    private static void clean(Path dir) {
        for (String f : List.of(StormFiles.COUNTS, StormFiles.HISTOGRAMS, "summary.md", "summary.json", StormReport.CHART)) {
            try {
                Files.deleteIfExists(dir.resolve(f));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clear " + dir, e);
            }
        }
    }
}
