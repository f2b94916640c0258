package org.dynreg.tck.kit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.dynreg.tck.fixture.BrokerAddress;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.FixtureLoader;
import org.dynreg.tck.mqtt.Connection;
import org.dynreg.tck.mqtt.Credentials;
import org.dynreg.tck.mqtt.Endpoint;
import org.dynreg.tck.mqtt.Outcomes;
import org.dynreg.tck.mqtt.Transcript;
import org.dynreg.tck.net.DeafeningProxy;
import org.dynreg.tck.platform.Behaviour;
import org.dynreg.tck.platform.ReferencePlatform;
import org.dynreg.tck.spec.MqttVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A message that must arrive, judged through the observer, when the observer itself has stopped receiving (its
 * connection open, the broker's packets no longer reaching it; or its session taken over by another CONNECT of its
 * ClientID): the kit cannot tell — not run, never failed. An observer that still receives its own control message
 * keeps the verdict: not delivered fails.
 */
@Timeout(60)
class ObserverDeafSelfTest {

    private static final Path WORK = Path.of("target", "observer-deaf-test");
    private static final Duration REPLY = Duration.ofSeconds(1);
    private static final Duration SILENCE = Duration.ofSeconds(1);
    private static final Outcomes.Publish PUBACK_0 = new Outcomes.Publish(Outcomes.Kind.SUCCESS, 1,
            new Outcomes.Code(0, "SUCCESS"), "");
    private static final Outcomes.Subscribe SUBACK_1 = new Outcomes.Subscribe(Outcomes.Kind.SUCCESS,
            List.of(new Outcomes.Code(1, "GRANTED_QOS_1")), "");

    private static ReferencePlatform platform;
    private static Fixture fixture;
    private DeafeningProxy proxy;
    private Observer observer;
    private final Transcript transcript = new Transcript();

    @BeforeAll
    static void start() {
        fixture = FixtureLoader.withSystemEnvironment().load(Path.of("fixtures/embedded.yaml"), Optional.empty());
        platform = ReferencePlatform.start(fixture, Behaviour.exemplary(), WORK.resolve("platform"), 0);
    }

    @AfterAll
    static void stop() {
        platform.close();
    }

    @AfterEach
    void closeObserver() {
        if (observer != null) {
            observer.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    /** The fixture's observer, connected through a proxy that can make it deaf, subscribed to #. */
    private Observer observer() {
        proxy = new DeafeningProxy("127.0.0.1", platform.tcpAddress().port());
        observer = Observer.connect(new Endpoint(BrokerAddress.tcp("127.0.0.1", proxy.port()), Optional.empty()),
                MqttVersion.V5, fixture.observer().orElseThrow(), new Transcript());
        assertThat(observer.watching()).as(observer.problem()).isTrue();
        return observer;
    }

    private Delivery delivery() {
        Pass pass = new Pass(MqttVersion.V5, () -> Optional.of(observer), SILENCE);
        Absence absence = new Absence(pass, new RoundTrips(), new LongAdder(), SILENCE, transcript, "ACTIVE-1", "test");
        return new Delivery(pass, absence, REPLY, SILENCE, transcript);
    }

    /** A device of the fixture, not connected (the checks here only name it, or find it received nothing). */
    private Device device() {
        Fixture.Product p = fixture.product();
        return new Device(new Endpoint(platform.tcpAddress(), Optional.empty()), MqttVersion.V5, transcript, fixture.topics(),
                p.productSN(), p.whitelistedDevices().get(0), p.productSecret(), "the device", new RoundTrips(), new Sessions(),
                new BrokerHealth(platform.tcpAddress()), "test");
    }

    /** What the device published (acknowledged with PUBACK 0x00), carrying a token nobody will see. */
    private Sent uplinkNobodySaw(Device d) {
        return Sent.byDevice(d.uplink(), UUID.randomUUID().toString(), Instant.now(), PUBACK_0);
    }

    @Test
    void aMessageMissedByAnObserverThatHearsNothingAnyMoreIsNotRun() {
        observer();
        proxy.deafen();
        Delivery.Answer answer = delivery().reachedObserver(device(), uplinkNobodySaw(device()));
        assertThat(answer.kind()).as(answer.why()).isEqualTo(Delivery.Kind.CANNOT_TELL);
        assertThat(answer.reason()).isEqualTo(Finding.Why.PRECONDITION);
        assertThat(answer.why()).contains("did not reach the observer")
                .contains("the observer stopped receiving even its own control message")
                .contains("its connection still open").endsWith(": cannot tell");
        assertThat(transcript.render()).contains("the observer has stopped receiving");
    }

    @Test
    void aMessageMissedByAnObserverWhoseSessionWasTakenOverIsNotRun() {
        observer();
        Fixture.Account account = fixture.observer().orElseThrow();
        Connection intruder = Connection.create(new Endpoint(platform.tcpAddress(), Optional.empty()), MqttVersion.V5,
                account.clientId(), "another observer", new Transcript());
        try {
            assertThat(intruder.connect(new Credentials(account.clientId(), account.username(), account.password().reveal()))
                    .accepted()).isTrue();
            assertThat(Waits.within("the observer's session is taken over", REPLY, () -> !observer.connection().connected()))
                    .isTrue();
            Delivery.Answer answer = delivery().reachedObserver(device(), uplinkNobodySaw(device()));
            assertThat(answer.kind()).as(answer.why()).isEqualTo(Delivery.Kind.CANNOT_TELL);
            assertThat(answer.why()).contains("the observer stopped receiving even its own control message")
                    .contains("its connection closed");
        } finally {
            intruder.close();
        }
    }

    @Test
    void aMessageMissedByAnObserverThatStillHearsFails() {
        observer();
        Delivery.Answer answer = delivery().reachedObserver(device(), uplinkNobodySaw(device()));
        assertThat(answer.kind()).as(answer.why()).isEqualTo(Delivery.Kind.NOT_DELIVERED);
        assertThat(answer.why()).contains("did not reach the observer within 1 s")
                .contains("the observer's own control message, sent after it, did");
    }

    @Test
    void aMessageTheObserverReceivedIsDelivered() {
        Observer o = observer();
        Device d = device();
        Sent sent = uplinkNobodySaw(d);
        o.connection().publish(d.uplink(), "{\"dynreg-tck\":\"" + sent.token() + "\"}", 1);
        assertThat(delivery().reachedObserver(d, sent).kind()).isEqualTo(Delivery.Kind.DELIVERED);
    }

    @Test
    void aProbeADeviceMissedWhileTheObserverHearsNothingAnyMoreIsNotRun() {
        observer();
        Device d = device();
        Sent probe = Sent.probe(d.downlink(), UUID.randomUUID().toString(), Instant.now(), true); // the observer saw it
        proxy.deafen();
        Delivery.Answer answer = delivery().reachedDevice(d, new Subscribed(d.downlink(), Instant.now(), SUBACK_1), probe);
        assertThat(answer.kind()).as(answer.why()).isEqualTo(Delivery.Kind.CANNOT_TELL);
        assertThat(answer.reason()).isEqualTo(Finding.Why.PRECONDITION);
        assertThat(answer.why()).contains("did not receive").contains("the observer stopped receiving even its own control message");
    }

    /** Must not arrive: a forbidden publish the observer did not see proves nothing once the observer hears nothing. */
    @Test
    void aForbiddenMessageAnObserverThatHearsNothingAnyMoreDidNotSeeIsNotRun() {
        observer();
        proxy.deafen();
        Delivery.Answer answer = delivery().leakedToAnyone(device(), uplinkNobodySaw(device()));
        assertThat(answer.kind()).as(answer.why()).isEqualTo(Delivery.Kind.CANNOT_TELL);
        assertThat(answer.reason()).isEqualTo(Finding.Why.PRECONDITION);
        assertThat(answer.why()).contains("did not arrive within the silence window")
                .contains("the observer's own control message, sent after it, did not come back").endsWith("cannot tell");
    }

    @Test
    void aForbiddenMessageAnObserverThatStillHearsDidNotSeeIsNotDelivered() {
        observer();
        Delivery.Answer answer = delivery().leakedToAnyone(device(), uplinkNobodySaw(device()));
        assertThat(answer.kind()).as(answer.why()).isEqualTo(Delivery.Kind.NOT_DELIVERED);
    }

    @Test
    void aProbeADeviceMissedWhileTheObserverHearsFails() {
        observer();
        Device d = device();
        Sent probe = Sent.probe(d.downlink(), UUID.randomUUID().toString(), Instant.now(), true);
        Delivery.Answer answer = delivery().reachedDevice(d, new Subscribed(d.downlink(), Instant.now(), SUBACK_1), probe);
        assertThat(answer.kind()).as(answer.why()).isEqualTo(Delivery.Kind.NOT_DELIVERED);
    }
}
