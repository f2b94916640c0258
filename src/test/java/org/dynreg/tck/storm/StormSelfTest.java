package org.dynreg.tck.storm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dynreg.tck.fixture.DeviceRange;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.FixtureLoader;
import org.dynreg.tck.platform.Behaviour;
import org.dynreg.tck.platform.Deviation;
import org.dynreg.tck.platform.ReferencePlatform;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.steps.BrokerUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Small storms against the reference platform: it holds; each storm-only deviation (and the fixed
 * RequestID) is caught with its rule; two shards merge into the whole storm. Every storm takes devices
 * of its own from a range, since a registered device cannot register again.
 */
class StormSelfTest {

    private static final Path OUT = Path.of("target", "storm-self-test");
    private static final int SMALL = 300;
    private static ReferencePlatform platform;
    private static Fixture base;
    private static long nextDevice = 660_000_000_000L;

    @BeforeAll
    static void startPlatform() {
        Fixture embedded = FixtureLoader.withSystemEnvironment().load(Path.of("fixtures/embedded.yaml"), Optional.empty());
        // the platform whitelists one wide range; each storm below takes its own part of it
        base = withRange(embedded, new DeviceRange(Long.toString(nextDevice), 100_000));
        platform = ReferencePlatform.start(base, Behaviour.exemplary(), OUT.resolve("reference-platform"), 0);
        base = BrokerUnderTest.withPlatform(base, platform, "tcp"); // the storm is given the platform's address
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @AfterEach
    void exemplaryAgain() {
        platform.behaviour().reset();
    }

    @Test
    void theReferencePlatformHoldsAStormOverMqtt5() throws Exception {
        Storm.Result r = storm("mqtt5", SMALL, MqttVersion.V5);

        assertThat(r.verdict().failures()).isEmpty();
        assertThat(r.data().counts().kinds()).isEmpty();
        assertThat(r.data().counts().completed()).isEqualTo(SMALL);
        for (Step s : Step.values()) {
            assertThat(r.data().totals().get(s).getTotalCount()).as(s.label()).isEqualTo(SMALL);
        }
        for (String f : List.of("summary.md", "summary.json", StormReport.CHART, StormFiles.COUNTS, StormFiles.HISTOGRAMS)) {
            assertThat(r.dir().resolve(f)).isNotEmptyFile();
        }
        String summary = Files.readString(r.dir().resolve("summary.md"));
        assertThat(summary).contains("PASSED", "registrations/s", "p99", "driver CPU");
        assertThat(summary).doesNotContain(base.product().productSecret().reveal());
    }

    @Test
    void theReferencePlatformHoldsAStormOverMqtt311() {
        Storm.Result r = storm("mqtt311", 150, MqttVersion.V3_1_1);

        assertThat(r.verdict().failures()).isEmpty();
        assertThat(r.data().counts().completed()).isEqualTo(150);
    }

    @Test
    void repliesCrossedBetweenConcurrentDevicesAreCaughtAtRestrict4() throws Exception {
        platform.behaviour().deviate(Deviation.REPLIES_CROSSED_UNDER_LOAD);

        // a 1 s deadline: the replies lost to the crossing are given up after the fixture's 2 s
        Storm.Result r = stormWith("crossed", settings("crossed", SMALL, MqttVersion.V5).withDeadline(Duration.ofSeconds(1)));

        assertThat(r.data().counts().count(Kind.CROSSED_REPLY)).isPositive();
        assertThat(r.verdict().failures()).anyMatch(f -> f.startsWith("RESTRICT-4 violated under load"))
                .anyMatch(f -> f.startsWith("SECRET-1 violated under load"));
        assertThat(r.data().counts().examples().get(Kind.CROSSED_REPLY)).allMatch(e -> e.contains("«secret #"));
        assertNoIssuedSecretIn(r.dir());
    }

    /** The report shows the leaked secrets as fingerprints only: no secret the platform issued is in any file. */
    private static void assertNoIssuedSecretIn(Path dir) throws java.io.IOException {
        List<Path> files = new java.util.ArrayList<>();
        try (var listing = Files.list(dir)) {
            listing.filter(f -> !f.toString().endsWith(".png")).forEach(files::add);
        }
        try (var listing = Files.list(Path.of(System.getProperty("allure.results.directory", "allure-results")))) {
            listing.filter(f -> f.toString().endsWith(".json") || f.toString().endsWith(".md")).forEach(files::add);
        }
        assertThat(platform.issuedSecrets()).isNotEmpty();
        for (Path f : files) {
            String text = Files.readString(f);
            assertThat(platform.issuedSecrets()).as("secrets in clear in %s", f).noneMatch(text::contains);
        }
    }

    @Test
    void aFixedRequestIdIsCaughtAtSecret3() {
        platform.behaviour().deviate(Deviation.REQUEST_ID_NOT_ECHOED);

        Storm.Result r = storm("fixed-request-id", SMALL, MqttVersion.V5);

        // every reply that came (all of them, unless the broker lost one) echoed the wrong RequestID
        assertThat(r.data().counts().count(Kind.REQUEST_ID_NOT_ECHOED)).isEqualTo(replies(r)).isGreaterThan(SMALL / 2);
        assertThat(r.verdict().failures()).anyMatch(f -> f.startsWith("SECRET-3 violated under load"));
    }

    @Test
    void oneSecretForEveryDeviceIsCaughtAtStatic1AndNamedAtRestrict4() {
        platform.behaviour().deviate(Deviation.ONE_SECRET_FOR_EVERY_DEVICE);

        Storm.Result r = storm("one-secret", SMALL, MqttVersion.V5);

        assertThat(r.data().counts().count(Kind.DUPLICATE_SECRET)).isEqualTo(replies(r) - 1).isGreaterThan(SMALL / 2);
        // the root cause is named at RESTRICT-4: a device received another device's secret
        assertThat(r.data().counts().count(Kind.SECRET_OF_ANOTHER_DEVICE)).isEqualTo(replies(r) - 1);
        assertThat(r.data().counts().examples().get(Kind.SECRET_OF_ANOTHER_DEVICE))
                .allMatch(e -> e.matches("\\S+ received \\S+'s secret «secret #.*"));
        assertThat(r.verdict().failures()).anyMatch(f -> f.startsWith("STATIC-1 violated under load"))
                .anyMatch(f -> f.startsWith("RESTRICT-4 violated under load"));
    }

    @Test
    void lateRepliesAreAWarningAtAdv1() {
        platform.behaviour().replyDelayMillis(300);

        Storm.Result r = stormWith("late", settings("late", 50, MqttVersion.V5).withDeadline(Duration.ofMillis(100)));

        assertThat(r.data().counts().count(Kind.REPLY_LATE)).isEqualTo(replies(r)).isPositive();
        assertThat(r.verdict().failures()).isEmpty();
        assertThat(r.verdict().warnings()).anyMatch(w -> w.startsWith("ADV-1 not followed under load"));
    }

    @Test
    void twoShardsMergeIntoTheWholeStorm() throws Exception {
        int devices = 400;
        Fixture f = freshDevices(devices);
        Path dir = fresh(OUT.resolve("shards"));
        StormSettings whole = settings("unused", devices, MqttVersion.V5);
        Storm.Result first = Storm.run(whole.withShard(new Shard(1, 2), dir.resolve("shard-1-of-2")), f);
        assertThat(first.verdict().failures()).as("a shard is judged on its own slice").isEmpty();
        Storm.Result onlyFirst = mergeAsTheCommandLineDoes(dir, OUT.resolve("first-shard-only"));
        Storm.run(whole.withShard(new Shard(2, 2), dir.resolve("shard-2-of-2")), f);

        Storm.Result merged = mergeAsTheCommandLineDoes(dir, OUT.resolve("merged"));

        // disjoint slices: a device registered twice would be refused (the platform allows one registration)
        assertThat(merged.verdict().failures()).isEmpty();
        assertThat(merged.data().counts().shards()).containsExactly("1/2", "2/2");
        assertThat(merged.data().counts().completed()).isEqualTo(devices);
        assertThat(merged.data().counts().count(Kind.DUPLICATE_SECRET)).isZero();
        assertThat(merged.data().totals().get(Step.REPLY).getTotalCount()).isEqualTo(devices);
        assertThat(merged.dir()).isEqualTo(OUT.resolve("merged"));
        assertThat(merged.dir().resolve(StormReport.CHART)).isNotEmptyFile();
        assertThat(onlyFirst.data().counts().completed()).isEqualTo(devices / 2);
        assertThat(onlyFirst.verdict().failures()).anyMatch(x -> x.contains("missing"));
        assertThat(System.getProperty("storm.merge")).as("the property is restored").isNull();
    }

    @Test
    void aSecretIssuedInTwoShardsIsCaughtAtStatic1ByTheMerge() throws Exception {
        platform.behaviour().deviate(Deviation.ONE_SECRET_FOR_EVERY_DEVICE);
        Fixture f = freshDevices(2);
        Path dir = fresh(OUT.resolve("shards-one-secret"));
        StormSettings whole = settings("unused", 2, MqttVersion.V5);
        // one device per shard: neither shard can see the duplicate on its own
        for (int i = 1; i <= 2; i++) {
            Storm.Result shard = Storm.run(whole.withShard(new Shard(i, 2), dir.resolve("shard-" + i + "-of-2")), f);
            assertThat(shard.verdict().failures()).as("shard %d alone", i).isEmpty();
        }

        Storm.Result merged = mergeAsTheCommandLineDoes(dir, OUT.resolve("merged-one-secret"));

        assertThat(merged.data().counts().count(Kind.DUPLICATE_SECRET)).isEqualTo(1);
        assertThat(merged.data().counts().count(Kind.SECRET_OF_ANOTHER_DEVICE)).isEqualTo(1);
        assertThat(merged.verdict().failures()).anyMatch(x -> x.startsWith("STATIC-1 violated under load")
                && x.contains("(shard 1/2) and ") && x.contains("(shard 2/2) were both issued the same secret"));
        for (int i = 1; i <= 2; i++) {
            String hmacs = Files.readString(dir.resolve("shard-" + i + "-of-2").resolve(StormFiles.SECRETS));
            assertThat(platform.issuedSecrets()).as("secrets in clear in shard %d", i).noneMatch(hmacs::contains);
        }
        assertNoIssuedSecretIn(merged.dir());
    }

    /** {@code mvn verify -Pstorm -Dstorm.merge=DIR -Dstorm.out=OUT}: the same entry StormIT uses, properties restored. */
    private static Storm.Result mergeAsTheCommandLineDoes(Path dir, Path out) {
        String merge = System.getProperty("storm.merge");
        String stormOut = System.getProperty("storm.out");
        System.setProperty("storm.merge", dir.toString());
        System.setProperty("storm.out", out.toString());
        try {
            return StormLauncher.fromSystemProperties();
        } finally {
            restore("storm.merge", merge);
            restore("storm.out", stormOut);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    /** An empty folder: shards of an earlier run of this test are not merged with this run's. */
    private static Path fresh(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    private static long replies(Storm.Result r) {
        return r.data().totals().get(Step.REPLY).getTotalCount();
    }

    private Storm.Result storm(String name, int devices, MqttVersion version) {
        return stormWith(name, settings(name, devices, version));
    }

    private Storm.Result stormWith(String name, StormSettings settings) {
        Storm.Result r = Storm.run(settings, freshDevices(settings.devices()));
        System.out.println(name + ":" + r.console());
        return r;
    }

    private static StormSettings settings(String name, int devices, MqttVersion version) {
        return new StormSettings(Path.of("fixtures/embedded.yaml"), Optional.empty(), devices, Optional.empty(), devices,
                Optional.of(version), StormSettings.DEFAULT_DEADLINE, Shard.WHOLE, OUT.resolve(name), false, 2, Optional.empty());
    }

    /** The fixture as a storm sees it: a range of devices never registered, and a short reply timeout. */
    private static synchronized Fixture freshDevices(int devices) {
        Fixture f = withRange(base, new DeviceRange(Long.toString(nextDevice), devices));
        nextDevice += devices;
        return new Fixture(f.file(), f.sha256(), f.broker(), f.mqttVersions(), f.product(),
                f.productWithoutDynamicRegistration(), f.observer(), f.topics(), new Fixture.Timeouts(2, 1000), f.tls());
    }

    private static Fixture withRange(Fixture f, DeviceRange range) {
        Fixture.Product p = f.product();
        return new Fixture(f.file(), f.sha256(), f.broker(), f.mqttVersions(),
                new Fixture.Product(p.productSN(), p.productSecret(), p.whitelistedDevices(), p.unlistedDevices(), Optional.of(range)),
                f.productWithoutDynamicRegistration(), f.observer(), f.topics(), f.timeouts(), f.tls());
    }
}
