package org.dynreg.tck.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.FixtureLoader;
import org.dynreg.tck.kit.Waits;
import org.dynreg.tck.mqtt.ConnectOptions;
import org.dynreg.tck.mqtt.Connection;
import org.dynreg.tck.mqtt.Credentials;
import org.dynreg.tck.mqtt.Endpoint;
import org.dynreg.tck.mqtt.Transcript;
import org.dynreg.tck.spec.DeviceId;
import org.dynreg.tck.spec.MqttVersion;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The routes other than a live PUBLISH by which a restricted session could send (its Will, a retained message)
 * or receive (a retained message): what the reference platform does with each, exemplary and deviating, seen
 * through the kit's own MQTT connections (which must be able to drop a connection without DISCONNECT, and to
 * set a Will and the retain flag).
 */
class RestrictedRoutesSelfTest {

    private static final Duration LOOK = Duration.ofMillis(1500);
    private static ReferencePlatform platform;
    private static Fixture fixture;
    private static int next;
    private final Transcript transcript = new Transcript();

    @BeforeAll
    static void start() {
        fixture = FixtureLoader.withSystemEnvironment().load(Path.of("fixtures/embedded.yaml"), Optional.empty());
        platform = ReferencePlatform.start(fixture, Behaviour.exemplary(), Path.of("target", "routes-test", "platform"), 0);
    }

    @AfterEach
    void exemplaryAgain() {
        platform.behaviour().reset();
    }

    private Connection observer(MqttVersion v) {
        Fixture.Account a = fixture.observer().orElseThrow();
        Connection c = Connection.create(endpoint(), v, a.clientId(), "observer", transcript);
        assertThat(c.connect(new Credentials(a.clientId(), a.username(), a.password().reveal())).accepted()).isTrue();
        assertThat(c.subscribe("#", 1).granted()).isTrue();
        return c;
    }

    private Connection restricted(MqttVersion v, ConnectOptions options, boolean accepted) {
        DeviceId d = new DeviceId(fixture.product().productSN(), fixture.product().whitelistedDevices().get(next++));
        Connection c = Connection.create(endpoint(), v, d.clientId(), "device", transcript);
        var connect = c.connect(new Credentials(d.clientId(), d.username(DeviceId.DYNAMIC),
                fixture.product().productSecret().reveal()), options);
        assertThat(connect.accepted()).as(transcript.render()).isEqualTo(accepted);
        return c;
    }

    private static Endpoint endpoint() {
        return new Endpoint(platform.tcpAddress(), Optional.empty());
    }

    private boolean sees(Connection c, String token) {
        return Waits.within("a message carrying " + token, LOOK, () -> c.received().stream().anyMatch(r -> r.contains(token)));
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aRestrictedSessionsWillIsNeverPublished(MqttVersion v) {
        Connection observer = observer(v);
        String token = UUID.randomUUID().toString();
        Connection device = restricted(v, ConnectOptions.NONE.withWill(ConnectOptions.Will.of("/x/will/" + token, token, 1)), true);
        device.drop();
        assertThat(sees(observer, token)).as(transcript.render()).isFalse();

        platform.behaviour().deviate(Deviation.WILL_UNCHECKED);
        String leaked = UUID.randomUUID().toString();
        restricted(v, ConnectOptions.NONE.withWill(ConnectOptions.Will.of("/x/will/" + leaked, leaked, 1)), true).drop();
        assertThat(sees(observer, leaked)).as("the kit's drop() ends the connection without DISCONNECT: the deviation's "
                + "Will arrives%n%s", transcript.render()).isTrue();
        observer.close();
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aCONNECTWithAWillCanBeRefused(MqttVersion v) {
        platform.behaviour().willRefused(true);
        restricted(v, ConnectOptions.NONE.withWill(ConnectOptions.Will.of("/x/will", "w", 0)), false);
        restricted(v, ConnectOptions.NONE, true).close();
    }

    @ParameterizedTest
    @EnumSource(MqttVersion.class)
    void aForbiddenRetainedPublishIsNeitherDeliveredNorRetained(MqttVersion v) {
        Connection observer = observer(v);
        String topic = "/x/retained/" + UUID.randomUUID();
        String token = UUID.randomUUID().toString();
        Connection device = restricted(v, ConnectOptions.NONE, true);
        device.publish(topic, token.getBytes(), 1, true);
        assertThat(sees(observer, token)).as(transcript.render()).isFalse();
        observer.subscribe(topic, 1);
        assertThat(sees(observer, token)).as("retained for a later subscriber%n%s", transcript.render()).isFalse();

        platform.behaviour().deviate(Deviation.RETAINED_COPY_KEPT);
        device.publish(topic, token.getBytes(), 1, true);
        assertThat(sees(observer, token)).as(transcript.render()).isFalse();
        observer.subscribe(topic, 1);
        assertThat(sees(observer, token)).as("the deviation keeps it for a later subscriber%n%s", transcript.render()).isTrue();
        observer.publish(topic, new byte[0], 1, true);
        observer.close();
        device.close();
    }

    /**
     * The kit's topic-alias PUBLISHes (written as bytes) are ones the broker understands: where the platform lets a
     * restricted device publish anywhere, what it publishes with the alias alone reaches the observer; where it does
     * not, neither the re-pointed nor the alias-only PUBLISH does, and the connection stays open.
     */
    @org.junit.jupiter.api.Test
    void aTopicAliasRepointedAndUsedAloneIsResolvedAndChecked() {
        Connection observer = observer(MqttVersion.V5);
        Connection device = restricted(MqttVersion.V5, ConnectOptions.NONE, true);
        assertThat(device.offered().orElseThrow().topicAliasMaximum()).isPositive();
        String forbidden = "/x/alias/" + UUID.randomUUID();
        String token = UUID.randomUUID().toString();
        device.publishWithTopicAlias("/$system/x/y/password", 1, "{}".getBytes());
        device.publishWithTopicAlias(forbidden, 1, token.getBytes());
        device.publishWithTopicAlias("", 1, token.getBytes());
        assertThat(sees(observer, token)).as(transcript.render()).isFalse();
        assertThat(device.connected()).as("a well-formed alias PUBLISH keeps the connection open%n%s", transcript.render()).isTrue();

        platform.behaviour().deviate(Deviation.RESTRICTED_PUBLISH_ANYWHERE);
        String aliasOnly = UUID.randomUUID().toString();
        device.publishWithTopicAlias("", 1, aliasOnly.getBytes());
        assertThat(sees(observer, aliasOnly)).as("the broker resolved the alias alone to %s%n%s", forbidden, transcript.render())
                .isTrue();
        assertThat(observer.received().stream().filter(r -> r.contains(aliasOnly)).map(r -> r.topic())).containsOnly(forbidden);
        device.close();
        observer.close();
    }
}
