package org.dynreg.tck.steps;

import java.util.List;
import java.util.Optional;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.FixtureLoader;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.kit.KitSetupException;
import org.dynreg.tck.platform.Behaviour;
import org.dynreg.tck.platform.ReferencePlatform;

/**
 * The broker the certification JVM certifies: the one {@code -Dbroker} or the fixture names — or, for
 * {@code broker: embedded}, the kit's reference platform, started here and handed to the kit as a plain
 * address. The kit itself never starts a broker. The run's {@link org.dynreg.tck.report.RunScope} calls
 * {@link #start} once.
 */
public final class BrokerUnderTest {

    private BrokerUnderTest() {
    }

    /** Loads the fixture, starts the reference platform if it names {@code embedded}, and starts the run. */
    public static CertificationRun start(CertificationRun.Settings settings) {
        Fixture fixture = FixtureLoader.withSystemEnvironment().load(settings.fixture(), settings.broker());
        return CertificationRun.start(settings, embeddedResolved(settings, fixture), demand(settings));
    }

    /** The fresh devices one MQTT version's pass over the run's scenarios takes. */
    public static int demand(CertificationRun.Settings settings) {
        return DeviceDemand.perVersion(settings.features(), settings.tagFilter());
    }

    /** The fixture with the reference platform's address, started now, where it says {@code broker: embedded}. */
    public static Fixture embeddedResolved(CertificationRun.Settings settings, Fixture fixture) {
        if (!fixture.broker().embedded()) {
            return fixture;
        }
        String transport = embeddedTransport();
        boolean tls = transport.equals("ssl") || transport.equals("wss");
        ReferencePlatform platform = ReferencePlatform.start(fixture, Behaviour.exemplary(),
                settings.workDir().resolve("reference-platform"), 0, tls);
        return withPlatform(fixture, platform, transport);
    }

    /** {@code -Dembedded.transport}: how the certification reaches the reference platform, tcp (the default), ssl, ws or wss. */
    static String embeddedTransport() {
        String transport = System.getProperty("embedded.transport", "").isBlank() ? "tcp" : System.getProperty("embedded.transport");
        if (!List.of("tcp", "ssl", "ws", "wss").contains(transport)) {
            throw new KitSetupException("-Dembedded.transport=" + transport + ": use tcp, ssl, ws or wss");
        }
        return transport;
    }

    /** The fixture pointed at a running reference platform, over {@code transport}. */
    public static Fixture withPlatform(Fixture fixture, ReferencePlatform platform, String transport) {
        Fixture resolved = fixture.withBroker(platform.address(transport));
        if (platform.caPem().isPresent()) {
            resolved = resolved.withTls(new Fixture.Tls(platform.caPem(), Optional.empty(), Optional.empty()));
        }
        return resolved;
    }
}
