package org.dynreg.tck.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.dynreg.tck.fixture.BrokerAddress;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.FixtureException;
import org.dynreg.tck.fixture.FixtureLoader;
import org.dynreg.tck.mqtt.BrokerUnreachableException;
import org.dynreg.tck.mqtt.Connection;
import org.dynreg.tck.mqtt.Credentials;
import org.dynreg.tck.mqtt.Endpoint;
import org.dynreg.tck.mqtt.Outcomes;
import org.dynreg.tck.mqtt.Transcript;
import org.dynreg.tck.platform.Behaviour;
import org.dynreg.tck.platform.ReferencePlatform;
import org.dynreg.tck.platform.TlsMaterial;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.steps.BrokerUnderTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every transport of the kit against the reference platform, and each way of not reaching a broker:
 * each must end as one line that says what went wrong and where.
 */
class TransportSelfTest {

    private static ReferencePlatform platform;
    private static Fixture fixture;
    private static final Path WORK = Path.of("target", "transport-test");

    @BeforeAll
    static void start() {
        fixture = FixtureLoader.withSystemEnvironment().load(Path.of("fixtures/embedded.yaml"), Optional.empty());
        platform = ReferencePlatform.start(fixture, Behaviour.exemplary(), WORK.resolve("platform"), 0, true);
    }

    private static Outcomes.Connect preAuthenticate(BrokerAddress address, Optional<Fixture.Tls> tls, MqttVersion version) {
        Fixture.Product p = fixture.product();
        org.dynreg.tck.spec.DeviceId device = new org.dynreg.tck.spec.DeviceId(p.productSN(), p.whitelistedDevices().get(0));
        Connection c = Connection.create(new Endpoint(address, tls), version, device.clientId(), "device", new Transcript());
        try {
            return c.connect(new Credentials(device.clientId(), device.username(org.dynreg.tck.spec.DeviceId.DYNAMIC),
                    p.productSecret().reveal()));
        } finally {
            c.close();
        }
    }

    private static Optional<Fixture.Tls> trusting(Path ca) {
        return Optional.of(new Fixture.Tls(Optional.of(ca), Optional.empty(), Optional.empty()));
    }

    @Test
    void everyTransportReachesTheReferencePlatform() {
        Optional<Fixture.Tls> tls = trusting(platform.caPem().orElseThrow());
        for (MqttVersion v : MqttVersion.values()) {
            assertThat(preAuthenticate(platform.address("tcp"), Optional.empty(), v).accepted()).isTrue();
            assertThat(preAuthenticate(platform.address("ws"), Optional.empty(), v).accepted()).isTrue();
            assertThat(preAuthenticate(platform.address("ssl"), tls, v).accepted()).as("ssl %s", v).isTrue();
            assertThat(preAuthenticate(platform.address("wss"), tls, v).accepted()).as("wss %s", v).isTrue();
        }
    }

    @Test
    void aWrongCaIsATlsError() {
        Path otherCa = TlsMaterial.create(WORK.resolve("other-ca"), "other").caPem();
        assertThatThrownBy(() -> preAuthenticate(platform.address("ssl"), trusting(otherCa), MqttVersion.V3_1_1))
                .isInstanceOf(BrokerUnreachableException.class)
                .hasMessageStartingWith("the TLS handshake failed: ")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void tlsToAPlainListenerIsATlsError() {
        BrokerAddress plainPortAsTls = new BrokerAddress(false, "ssl", "127.0.0.1", platform.address("tcp").port(), "");
        assertThatThrownBy(() -> preAuthenticate(plainPortAsTls, trusting(platform.caPem().orElseThrow()), MqttVersion.V5))
                .isInstanceOf(BrokerUnreachableException.class)
                .hasMessageStartingWith("the TLS connection could not be set up (is this a TLS port?): ");
    }

    @Test
    void anUnreachableBrokerStopsTheRunWithOneLine() {
        CertificationRun.Settings settings = new CertificationRun.Settings(Path.of("fixtures/embedded.yaml"),
                Optional.of("tcp://127.0.0.1:1"), false, Path.of("features"), "", WORK);
        assertThatThrownBy(() -> BrokerUnderTest.start(settings))
                .isInstanceOf(KitSetupException.class)
                .hasMessage("tcp://127.0.0.1:1: cannot reach the broker: ConnectException: Connection refused: nothing was certified")
                .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
    }

    @Test
    void aMalformedBrokerUriStopsTheRunWithOneLine() {
        CertificationRun.Settings settings = new CertificationRun.Settings(Path.of("fixtures/embedded.yaml"),
                Optional.of("mqtt.example.com:1883"), false, Path.of("features"), "", WORK);
        assertThatThrownBy(() -> BrokerUnderTest.start(settings))
                .isInstanceOf(FixtureException.class)
                .hasMessageStartingWith("-Dbroker=mqtt.example.com:1883 ");
    }

    @Test
    void tooFewWhitelistedDevicesStopTheRunBeforeAnyScenario() {
        CertificationRun.Settings settings = new CertificationRun.Settings(Path.of("fixtures/vendor-example.yaml"),
                Optional.of(platform.address("tcp").scheme() + "://127.0.0.1:" + platform.address("tcp").port()), false,
                Path.of("features"), "", WORK);
        Fixture vendor = new FixtureLoader(java.util.Map.of("PRODUCT_SECRET", "a", "OTHER_PRODUCT_SECRET", "b",
                "OBSERVER_PASSWORD", "c")).load(settings.fixture(), settings.broker());
        assertThatThrownBy(() -> CertificationRun.start(settings, vendor, BrokerUnderTest.demand(settings)))
                .isInstanceOf(KitSetupException.class)
                .hasMessageContaining("product.whitelistedDevices lists 2 devices, this run needs")
                .hasMessageContaining("whitelist")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
}
