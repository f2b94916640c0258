package org.dynreg.tck.kit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.dynreg.tck.fixture.BrokerAddress;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.mqtt.Endpoint;
import org.dynreg.tck.mqtt.Transcript;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.spec.Secret;

/**
 * One certification run: the fixture, the broker under test (an address), the device pool, the devices
 * registered for shared use, each MQTT version's pass (its observer and watch), the round trips measured and
 * whether the broker still answers. Whoever starts the run holds it (in its run scope); nothing static
 * refers to it.
 */
public final class CertificationRun {

    /**
     * A device whose DevSecret the run obtained, for the scenarios that need one; or, if its
     * registration failed, why (kept, so that the pool is not drained by retries).
     */
    public record Registered(String deviceSN, Secret secret, String failure) {
    }

    /**
     * What the run is told from the command line (or by the self-test): the fixture, the broker, strict mode,
     * the scenarios, where the run works, whether it is {@code quiet} (no preflight notes, no summary printed)
     * and where its summary goes ({@code conformanceDir}).
     */
    public record Settings(Path fixture, Optional<String> broker, boolean strict, Path features, String tagFilter,
                           Path workDir, boolean quiet, Path conformanceDir) {

        /** Where the summary goes unless told otherwise. */
        public static final Path CONFORMANCE_DIR = Path.of("target", "conformance");

        /** Not quiet, the summary into {@link #conformanceDirectory()}. */
        public Settings(Path fixture, Optional<String> broker, boolean strict, Path features, String tagFilter,
                        Path workDir) {
            this(fixture, broker, strict, features, tagFilter, workDir, false, conformanceDirectory());
        }

        /** {@code -Ddynreg.conformance.dir}, else {@link #CONFORMANCE_DIR} (the kit's tests give each of their JVMs one). */
        public static Path conformanceDirectory() {
            String dir = System.getProperty("dynreg.conformance.dir", "");
            return dir.isBlank() ? CONFORMANCE_DIR : Path.of(dir);
        }

        /** These settings, {@code quiet} or not, with the summary into {@code conformanceDir}. */
        public Settings withOutput(boolean quiet, Path conformanceDir) {
            return new Settings(fixture, broker, strict, features, tagFilter, workDir, quiet, conformanceDir);
        }

        public static Settings fromSystemProperties() {
            String fixture = System.getProperty("fixture", "").isBlank() ? "fixtures/embedded.yaml" : System.getProperty("fixture");
            return new Settings(Path.of(fixture), Optional.ofNullable(System.getProperty("broker")).filter(s -> !s.isBlank()),
                    Boolean.parseBoolean(System.getProperty("strict", "false")), Path.of("features"),
                    System.getProperty("cucumber.filter.tags", ""), Path.of("target"),
                    Boolean.getBoolean("dynreg.quiet"), conformanceDirectory());
        }
    }

    private final Settings settings;
    private final Fixture fixture;
    private final Endpoint endpoint;
    private final DevicePool pool;
    private final Map<String, java.util.concurrent.CompletableFuture<Registered>> registered = new ConcurrentHashMap<>();
    private final Map<MqttVersion, Pass> passes = new ConcurrentHashMap<>();
    private final RoundTrips roundTrips = new RoundTrips();
    private final IssuedSecrets issuedSecrets = new IssuedSecrets();
    private final BrokerHealth health;
    private final Transcript observerLog = new Transcript();
    private Observer observer;
    private boolean observersClosed;
    private Preflight.Result preflight;
    private final Sessions sessions = new Sessions();
    private final java.util.concurrent.atomic.LongAdder silenceSpent = new java.util.concurrent.atomic.LongAdder();
    private final Map<MqttVersion, java.util.concurrent.atomic.AtomicInteger> sharedTurns = new ConcurrentHashMap<>();
    /** The first failed registration of the run, if any: later scenarios that only need a device do not wait again. */
    private final java.util.concurrent.atomic.AtomicReference<String> registrationFailure = new java.util.concurrent.atomic.AtomicReference<>();

    private CertificationRun(Settings settings, Fixture fixture, Endpoint endpoint) {
        this.settings = settings;
        this.fixture = fixture;
        this.endpoint = endpoint;
        this.pool = new DevicePool(fixture.product());
        this.health = new BrokerHealth(fixture.broker());
    }

    /**
     * Sets the run up against the broker the fixture names — an address: whoever starts a broker (the
     * embedded reference platform) starts it first and hands its address over in the fixture. Checks that
     * the fixture lists enough devices and that the broker answers. Every problem is one line.
     */
    public static CertificationRun start(Settings settings, Fixture fixture, int devicesPerVersion) {
        if (fixture.broker().port() == 0) {
            // a placeholder (`broker: embedded`) is resolved by whoever starts that broker, before the run starts
            throw new IllegalArgumentException("fixture " + settings.fixture() + ": no broker address to certify (" + fixture.broker() + ")");
        }
        Endpoint endpoint = new Endpoint(fixture.broker(), fixture.tls());
        CertificationRun run = new CertificationRun(settings, fixture, endpoint);
        run.checkDemand(devicesPerVersion);
        run.preflight = Preflight.check(endpoint, fixture, run.pool.probe());
        run.preflight.stop().ifPresent(line -> {
            throw new KitSetupException(line);
        });
        run.preflight.roundTrip().samples().forEach(run.roundTrips::record);
        if (!settings.quiet()) {
            run.preflight.notes().forEach(note -> System.out.println("preflight: " + note));
        }
        return run;
    }

    /** {@code perVersion}: the fresh devices one MQTT version's pass takes, as its step definitions declare. */
    private void checkDemand(int perVersion) {
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

    /** What the preflight saw before the first scenario. */
    public Preflight.Result preflight() {
        return preflight;
    }

    /** The round trip to the broker the preflight measured (CONNECT→CONNACK, handshakes included). */
    public RoundTrip roundTrip() {
        return preflight.roundTrip();
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

    /**
     * The run's {@code index}-th shared registered device for {@code version}, registered on first use —
     * once, even when concurrent scenarios ask for it at the same time (they wait for the first).
     */
    public Registered registered(MqttVersion version, int index, Supplier<Registered> register) {
        String key = version.label() + "#" + index;
        java.util.concurrent.CompletableFuture<Registered> mine = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.CompletableFuture<Registered> known = registered.putIfAbsent(key, mine);
        if (known != null) {
            return known.join();
        }
        try {
            mine.complete(register.get());
        } catch (RuntimeException e) {
            mine.complete(new Registered(null, null, String.valueOf(e.getMessage())));
        }
        return mine.join();
    }

    /**
     * The fixture's observer, one connection for the whole run (its account has one ClientID, and the passes
     * over both MQTT versions run at once): connected on first use, over the newest version the fixture
     * lists, subscribed to {@code #}, connected again if the broker dropped it; or one whose
     * {@link Observer#problem()} says why it cannot watch. Empty if the fixture has no observer.
     */
    public synchronized Optional<Observer> observer() {
        if (fixture.observer().isEmpty()) {
            return Optional.empty();
        }
        if (observer == null || !observersClosed && observer.watching() && !observer.connection().connected()) {
            if (observer != null) {
                observerLog.note("the observer's connection was lost: it connects again");
            }
            MqttVersion newest = fixture.mqttVersions().get(fixture.mqttVersions().size() - 1);
            observer = Observer.connect(endpoint, newest, fixture.observer().get(), observerLog);
        }
        return Optional.of(observer);
    }

    /**
     * The observer's own transcript for the whole run: its CONNECTs, SUBSCRIBEs, every message it received and every
     * control it sent, and any loss of its connection (the evidence behind every "delivered" and "not delivered", and
     * behind a check reported not run because the observer stopped hearing its own controls). Empty without an observer.
     */
    public Optional<String> observerTranscript() {
        return fixture.observer().isPresent() ? Optional.of(observerLog.render()) : Optional.empty();
    }

    /** Closes the run's observer, once every pass has ended. */
    public synchronized void closeObserver() {
        observersClosed = true;
        if (observer != null) {
            observer.close();
        }
    }

    /** The pass over {@code version}: its watch (and the run's observer). */
    public Pass pass(MqttVersion version) {
        return passes.computeIfAbsent(version, v -> new Pass(v, this::observer,
                java.time.Duration.ofMillis(fixture.timeouts().silenceMillis())));
    }

    /** Turns for the sessions of each ClientID across concurrent scenarios. */
    public Sessions sessions() {
        return sessions;
    }

    /**
     * The next of the run's {@link DevicePool#SHARED_REGISTERED} shared registered devices for {@code version}, in
     * turn: the scenarios that only need "a registered device" spread over them.
     */
    public int nextShared(MqttVersion version) {
        return Math.floorMod(sharedTurns.computeIfAbsent(version, v -> new java.util.concurrent.atomic.AtomicInteger())
                .getAndIncrement(), DevicePool.SHARED_REGISTERED);
    }

    /** The time the run's silence windows took, summed over concurrent scenarios (nanoseconds). */
    public java.util.concurrent.atomic.LongAdder silenceSpent() {
        return silenceSpent;
    }

    /** Whether the broker still answers. */
    public BrokerHealth health() {
        return health;
    }

    /** Records the first failed registration of the run (later ones keep the first). */
    public void registrationFailed(String why) {
        registrationFailure.compareAndSet(null, why);
    }

    /** The first failed registration of the run, if any. */
    public Optional<String> registrationFailure() {
        return Optional.ofNullable(registrationFailure.get());
    }

    /** The round trips (CONNECT to CONNACK) measured in this run. */
    /** Every DevSecret the run was issued, and to which device first. */
    public IssuedSecrets issuedSecrets() {
        return issuedSecrets;
    }

    public RoundTrips roundTrips() {
        return roundTrips;
    }

    public BrokerAddress broker() {
        return fixture.broker();
    }
}
