package org.dynreg.tck.kit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.dynreg.tck.fixture.BrokerAddress;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.FixtureLoader;
import org.dynreg.tck.fixture.Secret;
import org.dynreg.tck.mqtt.BrokerUnreachableException;
import org.dynreg.tck.mqtt.Connection;
import org.dynreg.tck.mqtt.Credentials;
import org.dynreg.tck.mqtt.Endpoint;
import org.dynreg.tck.mqtt.MqttVersion;
import org.dynreg.tck.mqtt.Transcript;
import org.dynreg.tck.platform.Behaviour;
import org.dynreg.tck.platform.ReferencePlatform;

/**
 * One certification run: the fixture, the broker under test (the embedded reference platform when the
 * fixture says {@code embedded}), the device pool, and the devices registered for shared use.
 * The step definitions reach it through {@link #current()}.
 */
public final class CertificationRun {

    /**
     * A device whose DevSecret the run obtained, for the scenarios that need one; or, if its
     * registration failed, why (kept, so that the pool is not drained by retries).
     */
    public record Registered(String deviceSN, Secret secret, String failure) {
    }

    /** What the run is told from the command line (or by the self-test). */
    public record Settings(Path fixture, Optional<String> broker, boolean strict, Path features, String tagFilter,
                           Path workDir, String embeddedTransport) {
        public Settings(Path fixture, Optional<String> broker, boolean strict, Path features, String tagFilter, Path workDir) {
            this(fixture, broker, strict, features, tagFilter, workDir, "tcp");
        }

        public static Settings fromSystemProperties() {
            String fixture = System.getProperty("fixture", "").isBlank() ? "fixtures/embedded.yaml" : System.getProperty("fixture");
            String transport = System.getProperty("embedded.transport", "").isBlank() ? "tcp" : System.getProperty("embedded.transport");
            if (!List.of("tcp", "ssl", "ws", "wss").contains(transport)) {
                throw new KitSetupException("-Dembedded.transport=" + transport + ": use tcp, ssl, ws or wss");
            }
            return new Settings(Path.of(fixture), Optional.ofNullable(System.getProperty("broker")).filter(s -> !s.isBlank()),
                    Boolean.parseBoolean(System.getProperty("strict", "false")), Path.of("features"),
                    System.getProperty("cucumber.filter.tags", ""), Path.of("target"), transport);
        }
    }

    private static volatile CertificationRun current;

    private final Settings settings;
    private final Fixture fixture;
    private final Endpoint endpoint;
    private final DevicePool pool;
    private final Map<String, Registered> registered = new ConcurrentHashMap<>();

    private CertificationRun(Settings settings, Fixture fixture, Endpoint endpoint) {
        this.settings = settings;
        this.fixture = fixture;
        this.endpoint = endpoint;
        this.pool = new DevicePool(fixture.product());
    }

    /** The run of this JVM, set up from system properties on first use. */
    public static synchronized CertificationRun current() {
        if (current == null) {
            current = start(Settings.fromSystemProperties(), null);
        }
        return current;
    }

    /** Makes {@code run} the current run (the self-test runs the suite several times in one JVM). */
    public static synchronized void install(CertificationRun run) {
        current = run;
    }

    /**
     * Loads the fixture, starts the reference platform if the fixture asks for it (or uses
     * {@code platform}, already running), checks that the broker answers and that the fixture lists
     * enough devices. Every problem is one line.
     */
    public static CertificationRun start(Settings settings, ReferencePlatform running) {
        return start(settings, FixtureLoader.withSystemEnvironment().load(settings.fixture(), settings.broker()), running);
    }

    /** As {@link #start(Settings, ReferencePlatform)}, with a fixture already read. */
    public static CertificationRun start(Settings settings, Fixture loaded, ReferencePlatform running) {
        Fixture fixture = loaded;
        ReferencePlatform platform = running;
        if (fixture.broker().embedded() && platform == null) {
            boolean tls = settings.embeddedTransport().equals("ssl") || settings.embeddedTransport().equals("wss");
            platform = ReferencePlatform.start(fixture, Behaviour.exemplary(),
                    settings.workDir().resolve("reference-platform"), 0, tls);
        }
        if (platform != null && fixture.broker().embedded()) {
            fixture = fixture.withBroker(platform.address(settings.embeddedTransport()));
            if (platform.caPem().isPresent()) {
                fixture = fixture.withTls(new Fixture.Tls(platform.caPem(), Optional.empty(), Optional.empty()));
            }
        }
        Endpoint endpoint = new Endpoint(fixture.broker(), fixture.tls());
        CertificationRun run = new CertificationRun(settings, fixture, endpoint);
        run.checkDemand();
        run.checkReachable();
        return run;
    }

    private void checkDemand() {
        int perVersion = Demand.perVersion(settings.features(), settings.tagFilter());
        int needed = perVersion * fixture.mqttVersions().size();
        if (needed > pool.freshLeft()) {
            int listed = fixture.product().whitelist().size(); // the listed devices and the range's
            int total = needed + DevicePool.RESERVED;
            throw new KitSetupException("fixture " + settings.fixture() + ": product.whitelistedDevices lists " + listed
                    + " devices, this run needs " + total + " (" + DevicePool.RESERVED + " reserved for refusal probes + "
                    + perVersion + " registrations x " + fixture.mqttVersions().size()
                    + " MQTT versions); whitelist " + (total - listed) + " more never-activated DeviceSNs and list them");
        }
    }

    private void checkReachable() {
        Transcript t = new Transcript();
        Connection c = Connection.create(endpoint, MqttVersion.V3_1_1, "dynreg-tck-preflight", "preflight", t);
        try {
            c.connect(new Credentials("dynreg-tck-preflight", "dynreg-tck|preflight|0", "-"));
        } catch (BrokerUnreachableException e) {
            throw new KitSetupException("broker " + fixture.broker() + ": " + e.getMessage());
        } finally {
            c.close();
        }
    }

    public Settings settings() {
        return settings;
    }

    public Fixture fixture() {
        return fixture;
    }

    public Endpoint endpoint() {
        return endpoint;
    }

    public DevicePool pool() {
        return pool;
    }

    public boolean strict() {
        return settings.strict();
    }

    public List<MqttVersion> versions() {
        return fixture.mqttVersions();
    }

    /** The run's {@code index}-th shared registered device for {@code version}, registered on first use. */
    public Registered registered(MqttVersion version, int index, Supplier<Registered> register) {
        String key = version.label() + "#" + index;
        Registered known = registered.get(key);
        if (known != null) {
            return known;
        }
        Registered fresh = register.get();
        registered.put(key, fresh);
        return fresh;
    }

    public BrokerAddress broker() {
        return fixture.broker();
    }
}
