package org.dynreg.tck.storm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.dynreg.tck.spec.MqttVersion;
import org.junit.jupiter.api.Test;

/** The storm's pure parts: shards, overload codes, the verdict. */
class StormUnitTest {

    @Test
    void shardsAreDisjointAndCoverEveryDevice() {
        for (int n : new int[] {1, 2, 3, 7}) {
            BitSet seen = new BitSet();
            for (int i = 1; i <= n; i++) {
                Shard s = new Shard(i, n);
                for (int d = s.from(1001); d < s.to(1001); d++) {
                    assertThat(seen.get(d)).as("device %d in two shards of %d", d, n).isFalse();
                    seen.set(d);
                }
            }
            assertThat(seen.cardinality()).isEqualTo(1001);
        }
    }

    @Test
    void aBadShardSaysWhatIsExpected() {
        assertThat(Shard.parse(" 2/4 ")).isEqualTo(new Shard(2, 4));
        assertThatThrownBy(() -> Shard.parse("3/2")).hasMessageContaining("1 <= i <= n");
        assertThatThrownBy(() -> Shard.parse("0/2")).hasMessageContaining("1 <= i <= n");
        assertThatThrownBy(() -> Shard.parse("a/b")).hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> Shard.parse("2")).hasMessageContaining("i/n");
    }

    @Test
    void overloadCodesAreRecognisedAndOtherRefusalsAreNot() {
        assertThat(DeviceFlow.overloadSignal(DeviceLink.Connack.refused(0x97, "QUOTA_EXCEEDED"), MqttVersion.V5))
                .isEqualTo(Kind.REFUSED_QUOTA_EXCEEDED);
        assertThat(DeviceFlow.overloadSignal(DeviceLink.Connack.refused(0x9F, "CONNECTION_RATE_EXCEEDED"), MqttVersion.V5))
                .isEqualTo(Kind.REFUSED_RATE_EXCEEDED);
        assertThat(DeviceFlow.overloadSignal(DeviceLink.Connack.refused(0x89, "SERVER_BUSY"), MqttVersion.V5))
                .isEqualTo(Kind.REFUSED_SERVER_BUSY);
        assertThat(DeviceFlow.overloadSignal(DeviceLink.Connack.refused(3, "SERVER_UNAVAILABLE"), MqttVersion.V3_1_1))
                .isEqualTo(Kind.REFUSED_SERVER_BUSY);
        assertThat(DeviceFlow.overloadSignal(DeviceLink.Connack.closed(new java.io.IOException("Connection reset")), MqttVersion.V5))
                .isEqualTo(Kind.CONNECTION_CLOSED);
        assertThat(DeviceFlow.overloadSignal(DeviceLink.Connack.refused(0x87, "NOT_AUTHORIZED"), MqttVersion.V5)).isNull();
        assertThat(DeviceFlow.overloadSignal(DeviceLink.Connack.refused(5, "NOT_AUTHORIZED"), MqttVersion.V3_1_1)).isNull();
    }

    @Test
    void theDriversCpuIsReportedPerRegistration() {
        // 100 ms of driver CPU (see counts) over 800 completed registrations
        assertThat(StormReport.driverCpuMillisPerRegistration(counts(800, Map.of(), false))).isEqualTo(0.125);
        assertThat(StormReport.driverCpuMillisPerRegistration(counts(0, Map.of(), false))).isZero();
    }

    @Test
    void overloadIsReportedNotFailedButALossFails() {
        ShardCounts refusedOnly = counts(900, Map.of(Kind.REFUSED_QUOTA_EXCEEDED, 100L), false);
        assertThat(StormVerdict.of(refusedOnly).passed()).isTrue();
        assertThat(StormVerdict.of(refusedOnly).overload()).hasSize(1);

        ShardCounts lost = counts(999, Map.of(Kind.REPLY_LOST, 1L), false);
        assertThat(StormVerdict.of(lost).failures()).singleElement().asString().startsWith("SECRET-1 violated under load");
    }

    @Test
    void lateRepliesWarnAndFailOnlyWhenStrict() {
        assertThat(StormVerdict.of(counts(1000, Map.of(Kind.REPLY_LATE, 3L), false)).passed()).isTrue();
        assertThat(StormVerdict.of(counts(1000, Map.of(Kind.REPLY_LATE, 3L), true)).failures())
                .singleElement().asString().startsWith("ADV-1 not followed under load");
    }

    @Test
    void noRegistrationAtAllFails() {
        assertThat(StormVerdict.of(counts(0, Map.of(Kind.CONNECTION_CLOSED, 1000L), false)).failures())
                .contains("not a single registration completed");
    }

    @Test
    void aBadOptionIsOneLineNamingIt() {
        System.setProperty("storm.devices", "many");
        try {
            assertThatThrownBy(StormSettings::fromSystemProperties).isInstanceOf(org.dynreg.tck.kit.KitSetupException.class)
                    .hasMessage("-Dstorm.devices=many: expected a whole number of devices, e.g. 2000");
        } finally {
            System.clearProperty("storm.devices");
        }
        System.setProperty("storm.shard", "3/2");
        try {
            assertThatThrownBy(StormSettings::fromSystemProperties).hasMessage("-Dstorm.shard is 3/2: it must be i/n with 1 <= i <= n");
        } finally {
            System.clearProperty("storm.shard");
        }
    }

    @Test
    void aStormLargerThanTheFixtureSaysSoBeforeItStarts() {
        var fixture = new org.dynreg.tck.fixture.FixtureLoader(Map.of()).load(java.nio.file.Path.of("fixtures/embedded.yaml"),
                java.util.Optional.of("tcp://127.0.0.1:1"));
        StormSettings tooMany = StormSettings.defaults().withDevices(20_001);

        assertThatThrownBy(() -> Storm.run(tooMany, fixture)).isInstanceOf(org.dynreg.tck.kit.KitSetupException.class)
                .hasMessageContaining("the storm needs 20001 never-activated devices, the fixture offers 20000");
        assertThatThrownBy(() -> Storm.fixture(tooMany)).isInstanceOf(org.dynreg.tck.kit.KitSetupException.class)
                .hasMessageContaining("the storm needs 20001 never-activated devices");
    }

    @Test
    void anEndpointThatIsNoBrokerStopsTheStormAtOnceInOneLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        try (var silent = new org.dynreg.tck.net.SilentEndpoint()) {
            var fixture = new org.dynreg.tck.fixture.FixtureLoader(Map.of()).load(java.nio.file.Path.of("fixtures/embedded.yaml"),
                    java.util.Optional.of("tcp://127.0.0.1:" + silent.port()));
            long start = System.nanoTime();
            assertThatThrownBy(() -> Storm.run(StormSettings.defaults().withOutDir(dir), fixture))
                    .isInstanceOf(org.dynreg.tck.kit.KitSetupException.class)
                    .hasMessageStartingWith("registration storm not run: tcp://127.0.0.1:" + silent.port())
                    .hasMessageContaining("sent no CONNACK");
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).as("the preflight's bound, not 2,000 devices' timeouts")
                    .isLessThan(java.time.Duration.ofSeconds(15));
        }
    }

    @Test
    void theStormIsGivenAnAddressAndStartsNoBroker() {
        var embedded = new org.dynreg.tck.fixture.FixtureLoader(Map.of()).load(java.nio.file.Path.of("fixtures/embedded.yaml"),
                java.util.Optional.empty());

        assertThatThrownBy(() -> Storm.run(StormSettings.defaults(), embedded)).isInstanceOf(org.dynreg.tck.kit.KitSetupException.class)
                .hasMessageContaining("`broker: embedded` names the kit's reference platform, which mvn verify -Pstorm starts");
    }

    @Test
    void shardsOfDifferentStormsDoNotMerge(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        ShardCounts one = new ShardCounts("b", "5", 1000, List.of("1/2"), 500, "burst", 5000, 10000, 0, 1000,
                500, 0, 0, 0, Map.of(), Map.of(), 1, 1, 2, 0, 0.5, false, false);
        ShardCounts other = new ShardCounts("b", "5", 2000, List.of("2/2"), 1000, "burst", 5000, 10000, 0, 1000,
                1000, 0, 0, 0, Map.of(), Map.of(), 1, 1, 2, 0, 0.5, false, false);
        StormFiles.writeCounts(dir.resolve("a"), one);
        StormFiles.writeCounts(dir.resolve("b"), other);
        StormFiles.writeCounts(dir.resolve("c"), one);
        for (String d : List.of("a", "b", "c")) {
            java.nio.file.Files.writeString(StormFiles.histogramLog(dir.resolve(d)), "");
        }

        assertThatThrownBy(() -> StormFiles.read(List.of(dir.resolve("a"), dir.resolve("b"))))
                .hasMessageContaining("does not belong with shard 1/2");
        assertThatThrownBy(() -> StormFiles.read(List.of(dir.resolve("a"), dir.resolve("c"))))
                .hasMessageContaining("shard 1/2 is there twice");
    }

    @Test
    void aSecretIssuedInTwoShardsIsFoundByTheMergeWithoutAnySecretInClear(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String productSecret = "the-product-secret";
        shard(dir.resolve("a"), "1/2", productSecret, Map.of("aaaaaaaa1111", "112233440000", "sharedsecret99", "112233440001"));
        shard(dir.resolve("b"), "2/2", productSecret, Map.of("bbbbbbbb2222", "112233440002", "sharedsecret99", "112233440003"));
        shard(dir.resolve("c"), "2/2", productSecret, Map.of("cccccccc3333", "112233440002", "dddddddd4444", "112233440003"));

        ShardCounts twice = StormFiles.read(List.of(dir.resolve("a"), dir.resolve("b"))).counts();
        ShardCounts normal = StormFiles.read(List.of(dir.resolve("a"), dir.resolve("c"))).counts();

        assertThat(twice.count(Kind.DUPLICATE_SECRET)).isEqualTo(1);
        assertThat(twice.examples().get(Kind.DUPLICATE_SECRET)).singleElement().asString()
                .startsWith("112233440001 (shard 1/2) and 112233440003 (shard 2/2) were both issued the same secret (HMAC #");
        assertThat(StormVerdict.of(twice).failures()).anyMatch(f -> f.startsWith("STATIC-1 violated under load"));
        assertThat(normal.count(Kind.DUPLICATE_SECRET)).isZero();
        assertThat(StormVerdict.of(normal).failures()).isEmpty();
        String written = java.nio.file.Files.readString(dir.resolve("a").resolve(StormFiles.SECRETS));
        assertThat(written).doesNotContain("aaaaaaaa1111", "sharedsecret99", productSecret).contains("112233440000");
    }

    private static void shard(java.nio.file.Path dir, String shard, String productSecret, Map<String, String> issued)
            throws java.io.IOException {
        StormFiles.writeCounts(dir, new ShardCounts("b", "5", 4, List.of(shard), 2, "burst", 5000, 10000, 0, 1000,
                2, 0, 0, 0, Map.of(), Map.of(), 1, 1, 2, 0, 0.5, false, false));
        java.nio.file.Files.writeString(StormFiles.histogramLog(dir), "");
        StormFiles.writeIssuedSecrets(dir, productSecret, issued);
    }

    private static ShardCounts counts(long completed, Map<Kind, Long> kinds, boolean strict) {
        return new ShardCounts("tcp://x:1883", "5", 1000, List.of("1/1"), 1000, "burst", 5000, 10000, 0, 1000,
                completed, 1000 - completed, 0, 0, kinds, Map.of(), 100, 200, 2, 0, 0.5, false, strict);
    }
}
