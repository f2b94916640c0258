package org.dynreg.tck.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.dynreg.tck.fixture.BrokerAddress;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.FixtureLoader;
import org.dynreg.tck.mqtt.Endpoint;
import org.dynreg.tck.net.ClosingEndpoint;
import org.dynreg.tck.net.Delay;
import org.dynreg.tck.net.GarbageEndpoint;
import org.dynreg.tck.net.LatencyProxy;
import org.dynreg.tck.net.SilentEndpoint;
import org.dynreg.tck.net.TcpEndpoint;
import org.dynreg.tck.net.VanishingProxy;
import org.dynreg.tck.platform.Behaviour;
import org.dynreg.tck.platform.Deviation;
import org.dynreg.tck.platform.ReferencePlatform;
import org.dynreg.tck.report.OverallVerdict;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.report.RunScope;
import org.dynreg.tck.spec.Secret;
import org.dynreg.tck.steps.BrokerUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The preflight against every kind of endpoint of the network lab and against the reference platform:
 * what it classifies, the one line it stops with, and that it costs one CONNACK timeout at most.
 */
@Timeout(30)
class PreflightSelfTest {

    private static final Path WORK = Path.of("target", "preflight-test");
    /** One CONNACK timeout, plus slack for a busy machine. */
    private static final Duration ONE_TIMEOUT = org.dynreg.tck.mqtt.Connection.ACK_TIMEOUT.plusSeconds(3);

    private static ReferencePlatform platform;
    private static Fixture fixture;

    @BeforeAll
    static void start() {
        fixture = FixtureLoader.withSystemEnvironment().load(Path.of("fixtures/embedded.yaml"), Optional.empty());
        platform = ReferencePlatform.start(fixture, Behaviour.exemplary(), WORK.resolve("platform"), 0, true);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @AfterEach
    void exemplary() {
        platform.behaviour().reset();
    }

    private static Preflight.Result preflight(BrokerAddress address, Fixture f) {
        Fixture at = f.withBroker(address);
        return Preflight.check(new Endpoint(address, at.tls()), at, f.product().whitelistedDevices().get(0));
    }

    private static Preflight.Result preflight(TcpEndpoint endpoint) {
        return preflight(BrokerAddress.tcp("127.0.0.1", endpoint.port()), fixture);
    }

    private static Preflight.Result timed(java.util.function.Supplier<Preflight.Result> check) {
        long start = System.nanoTime();
        Preflight.Result r = check.get();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the preflight costs one CONNACK timeout at most")
                .isLessThan(ONE_TIMEOUT);
        return r;
    }

    private static Fixture withoutObserver(Fixture f) {
        return new Fixture(f.file(), f.sha256(), f.broker(), f.mqttVersions(), f.product(),
                f.productWithoutDynamicRegistration(), Optional.empty(), f.topics(), f.timeouts(), f.tls());
    }

    @Test
    void aConformantBrokerPassesWithBothConnectsAcceptedAndARoundTrip() {
        Preflight.Result r = timed(() -> preflight(platform.tcpAddress(), fixture));
        assertThat(r.stop()).isEmpty();
        assertThat(r.attempts()).extracting(Preflight.Attempt::seen)
                .containsExactly(Preflight.Seen.ACCEPTED, Preflight.Seen.ACCEPTED);
        assertThat(r.roundTrip().samples()).as("3 rounds after the first, 2 CONNECTs each").hasSize(6);
        assertThat(r.notes()).singleElement().asString().contains("answers MQTT").contains("CONNECT→CONNACK median");
        assertThat(r.transcript()).doesNotContain(fixture.product().productSecret().reveal())
                .doesNotContain(fixture.observer().orElseThrow().password().reveal());
    }

    /** Far from the broker one measuring round already takes half a second: the run's first scenario waits no longer. */
    @Test
    void farAwayOneRoundMeasuresTheRoundTrip() {
        Preflight.Result r = throughAProxyDelaying(150);
        assertThat(r.roundTrip().samples()).as("one round after the first, 2 CONNECTs").hasSize(2);
        assertThat(r.roundTrip().median()).as("300 ms round trip").isBetween(Duration.ofMillis(300), Duration.ofMillis(900));
    }

    @Test
    void theRoundTripIsMeasuredThroughALatencyProxy() {
        Preflight.Result r = throughAProxyDelaying(50);
        assertThat(r.roundTrip().median()).as("100 ms round trip").isBetween(Duration.ofMillis(100), Duration.ofMillis(600));
    }

    /** The preflight of the platform behind a proxy that delays each way by {@code millis}; it found nothing to stop for. */
    private Preflight.Result throughAProxyDelaying(int millis) {
        try (LatencyProxy proxy = new LatencyProxy("127.0.0.1", platform.tcpAddress().port(), 0,
                Delay.millis(millis, 0), Delay.millis(millis, 0))) {
            Preflight.Result r = timed(() -> preflight(proxy));
            assertThat(r.stop()).isEmpty();
            return r;
        }
    }

    @Test
    void anEndpointThatNeverAnswersStopsTheRunWithinOneTimeout() {
        try (SilentEndpoint silent = new SilentEndpoint()) {
            Preflight.Result r = timed(() -> preflight(silent));
            assertThat(r.attempts()).extracting(Preflight.Attempt::seen)
                    .containsOnly(Preflight.Seen.NO_ANSWER);
            assertThat(r.stop()).contains(silent.uri() + " accepted the TCP connection but sent no CONNACK within 5 s "
                    + "to the observer's or the probe device's CONNECT: nothing was certified");
        }
    }

    @Test
    void withoutAnObserverTheLineNamesOnlyTheProbeDevice() {
        try (SilentEndpoint silent = new SilentEndpoint()) {
            Preflight.Result r = timed(() -> preflight(BrokerAddress.tcp("127.0.0.1", silent.port()), withoutObserver(fixture)));
            assertThat(r.stop()).contains(silent.uri() + " accepted the TCP connection but sent no CONNACK within 5 s "
                    + "to the probe device's CONNECT: nothing was certified");
        }
    }

    @Test
    void anEndpointThatAnswersWithBytesThatAreNotMqttStopsTheRun() {
        try (GarbageEndpoint garbage = new GarbageEndpoint()) {
            Preflight.Result r = timed(() -> preflight(garbage));
            assertThat(r.attempts()).extracting(Preflight.Attempt::seen).containsOnly(Preflight.Seen.NOT_MQTT);
            assertThat(r.stop()).hasValueSatisfying(line -> assertThat(line)
                    .startsWith(garbage.uri() + " answered the observer's and the probe device's CONNECT with bytes that "
                            + "are not MQTT (")
                    .endsWith("): nothing was certified")
                    .doesNotContain("\n"));
        }
    }

    @Test
    void anEndpointThatClosesEveryConnectionStopsTheRun() {
        try (ClosingEndpoint closing = new ClosingEndpoint()) {
            Preflight.Result r = timed(() -> preflight(closing));
            assertThat(r.attempts()).extracting(Preflight.Attempt::seen).containsOnly(Preflight.Seen.CLOSED);
            assertThat(r.stop()).hasValueSatisfying(line -> assertThat(line)
                    .startsWith(closing.uri() + " closed every connection before any CONNACK (the observer's and the "
                            + "probe device's CONNECT: ")
                    .endsWith("): nothing was certified"));
        }
    }

    /** Closes the first connection it accepts and keeps every other one silent. */
    private static final class ClosesOneSilentOther extends TcpEndpoint {
        private final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();

        ClosesOneSilentOther() {
            super("mixed-endpoint", 0);
        }

        @Override
        protected void serve(java.net.Socket client) throws java.io.IOException {
            if (accepted.getAndIncrement() > 0) {
                client.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            }
        }
    }

    @Test
    void anEndpointThatSendsNoConnackToAnyoneStopsTheRunSayingWhatEachSaw() {
        try (ClosesOneSilentOther mixed = new ClosesOneSilentOther()) {
            Preflight.Result r = timed(() -> preflight(mixed));
            assertThat(r.attempts()).extracting(Preflight.Attempt::seen)
                    .containsExactlyInAnyOrder(Preflight.Seen.CLOSED, Preflight.Seen.NO_ANSWER);
            assertThat(r.stop()).hasValueSatisfying(line -> assertThat(line)
                    .startsWith(mixed.uri() + " sent no CONNACK to any CONNECT (the observer's: ")
                    .contains("; the probe device's: ").contains("no CONNACK within 5 s")
                    .contains("connection closed before any CONNACK").endsWith("): nothing was certified"));
        }
    }

    @Test
    void aBrokerThatHasGoneAwayIsUnreachable() {
        try (VanishingProxy proxy = new VanishingProxy("127.0.0.1", platform.tcpAddress().port(), 0, Delay.NONE)) {
            assertThat(preflight(proxy).stop()).isEmpty();
            proxy.vanish();
            Preflight.Result r = timed(() -> preflight(proxy));
            assertThat(r.attempts()).extracting(Preflight.Attempt::seen).containsOnly(Preflight.Seen.UNREACHABLE);
            assertThat(r.stop()).contains(proxy.uri() + ": cannot reach the broker: ConnectException: Connection refused"
                    + ": nothing was certified");
        }
    }

    @Test
    void tlsToAPlainListenerIsATlsFailure() {
        BrokerAddress plainPortAsTls = new BrokerAddress(false, "ssl", "127.0.0.1", platform.tcpAddress().port(), "");
        Fixture trusting = fixture.withTls(new Fixture.Tls(platform.caPem(), Optional.empty(), Optional.empty()));
        Preflight.Result r = timed(() -> preflight(plainPortAsTls, trusting));
        assertThat(r.attempts()).extracting(Preflight.Attempt::seen).containsOnly(Preflight.Seen.TLS_FAILURE);
        assertThat(r.stop()).hasValueSatisfying(line -> assertThat(line)
                .startsWith(plainPortAsTls + ": the TLS connection could not be set up (is this a TLS port?): ")
                .endsWith(": nothing was certified"));
    }

    @Test
    void aRefusedObserverStopsTheRunWithItsConnackCode() {
        Fixture.Account o = fixture.observer().orElseThrow();
        Fixture wrongPassword = new Fixture(fixture.file(), fixture.sha256(), fixture.broker(), fixture.mqttVersions(),
                fixture.product(), fixture.productWithoutDynamicRegistration(),
                Optional.of(new Fixture.Account(o.clientId(), o.username(), Secret.of("not-the-password"))),
                fixture.topics(), fixture.timeouts(), fixture.tls());
        Preflight.Result r = timed(() -> preflight(platform.tcpAddress(), wrongPassword));
        assertThat(r.stop()).contains(platform.tcpAddress() + " did not accept the fixture's observer (ClientID "
                + "\"conformance-observer\", UserName \"observer\"): CONNACK 0x05 NOT_AUTHORIZED; fix the observer account "
                + "or remove it from the fixture: nothing was certified");
    }

    @Test
    void aRefusedProbeDeviceIsEvidenceForPre1NotAStop() {
        platform.behaviour().deviate(Deviation.WHITELISTED_REFUSED);
        Preflight.Result r = timed(() -> preflight(platform.tcpAddress(), fixture));
        assertThat(r.stop()).isEmpty();
        assertThat(r.attempts()).extracting(Preflight.Attempt::seen)
                .containsExactly(Preflight.Seen.ACCEPTED, Preflight.Seen.REFUSED);
        assertThat(r.notes()).anySatisfy(n -> assertThat(n)
                .contains("the probe device's pre-authentication (authmode 2, ClientID \"70ly1tvowt696r15.112233445566\"")
                .contains("was refused: CONNACK 0x05 NOT_AUTHORIZED — rule PRE-1 will fail; the run goes on"));
    }

    @Test
    void aStoppedRunIsOneLineWithoutStackTraceAndIsNotTriedAgain() {
        try (SilentEndpoint silent = new SilentEndpoint()) {
            RunScope scope = RunScope.starting(new CertificationRun.Settings(Path.of("fixtures/embedded.yaml"),
                    Optional.of(silent.uri()), false, Path.of("features"), "", Path.of("target"))
                    .withOutput(true, CertificationRun.Settings.conformanceDirectory()), BrokerUnderTest::start);
            assertThatThrownBy(scope::run).isInstanceOf(KitSetupException.class)
                    .hasMessageEndingWith(": nothing was certified")
                    .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
            long start = System.nanoTime();
            assertThatThrownBy(scope::run).as("asked again (by the hooks), the run does not run the preflight again")
                    .hasMessageEndingWith(": nothing was certified");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));
            assertThat(scope.setupFailure()).hasValueSatisfying(l -> assertThat(l).startsWith(silent.uri()));
        }
    }

    @Test
    void aRunThatCouldNotStartIsIncompleteInTheTableAndTheSummary() throws Exception {
        RunResults results = new RunResults();
        results.couldNotStart("tcp://127.0.0.1:9 closed every connection before any CONNACK: nothing was certified");
        assertThat(results.isEmpty()).isFalse();
        assertThat(results.overall()).isEqualTo(OverallVerdict.INCOMPLETE);
        assertThat(results.table()).contains("verdict: INCOMPLETE\n  the run could not start: tcp://127.0.0.1:9 closed");
        Path dir = WORK.resolve("summary");
        results.write(dir);
        String json = Files.readString(dir.resolve("summary.json"));
        assertThat(json).contains("\"verdict\" : \"INCOMPLETE\"")
                .contains("\"setupFailure\" : \"tcp://127.0.0.1:9 closed every connection before any CONNACK");
    }
}
