package org.dynreg.tck.storm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.FixtureLoader;
import org.dynreg.tck.kit.DevicePool;
import org.dynreg.tck.kit.KitSetupException;
import org.dynreg.tck.kit.Preflight;
import org.dynreg.tck.mqtt.Endpoint;
import org.dynreg.tck.spec.MqttVersion;

/**
 * The registration storm: many devices register at once against the broker under test, each doing the
 * whole flow; the report says whether registration held. It is given the broker's address and never
 * starts a broker: {@code mvn verify -Pstorm} (StormIT, in the test tree) starts the embedded reference
 * platform when the fixture says {@code embedded}; {@code -Dstorm.merge=DIR} merges the shards found under DIR.
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

    /**
     * The fixture of the storm {@code settings} ask for, with {@code -Dbroker} applied, once it is known
     * to offer enough devices (checked before anyone starts a broker for it).
     */
    public static Fixture fixture(StormSettings settings) {
        Fixture fixture = FixtureLoader.withSystemEnvironment().load(settings.fixture(), settings.broker());
        checkDevices(settings, fixture);
        return fixture;
    }

    /**
     * Runs the storm against the broker the fixture names — an address: whoever starts a broker (for
     * {@code broker: embedded}, {@code mvn verify -Pstorm}'s StormIT starts the reference platform) starts
     * it first and hands its address over in the fixture.
     */
    public static Result run(StormSettings settings, Fixture fixture) {
        if (fixture.broker().embedded() && fixture.broker().port() == 0) {
            throw new KitSetupException("fixture " + settings.fixture() + ": `broker: embedded` names the kit's reference "
                    + "platform, which mvn verify -Pstorm starts; give -Dbroker=URI to storm another broker");
        }
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

    /**
     * The merge {@code -Dstorm.merge=DIR} asks for: the shards found under {@link StormSettings#merge()},
     * into one report in {@link StormSettings#outDir()}.
     */
    public static Result merge(StormSettings settings) {
        Path dir = settings.merge().orElseThrow(() -> new IllegalArgumentException("no -Dstorm.merge in these settings"));
        return merge(shardFolders(dir), settings.outDir());
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

    /**
     * The certification's preflight, before any device of the storm: an endpoint that cannot be reached, sends no
     * CONNACK, closes every connection or does not speak MQTT stops the storm at once, in one line (it is no broker
     * to storm), instead of every simulated device waiting out its timeouts. The probe is the fixture's reserved
     * first device, which the storm never takes.
     */
    private static void checkReachable(Endpoint endpoint, Fixture fixture) {
        Preflight.check(endpoint, fixture, new DevicePool(fixture.product()).probe()).stop().ifPresent(line -> {
            throw new KitSetupException("registration storm not run: " + line);
        });
    }

    /** A run's folder shows that run only. */
    private static void clean(Path dir) {
        for (String f : List.of(StormFiles.COUNTS, StormFiles.HISTOGRAMS, StormFiles.SECRETS, "summary.md", "summary.json", StormReport.CHART)) {
            try {
                Files.deleteIfExists(dir.resolve(f));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot clear " + dir, e);
            }
        }
    }
}
