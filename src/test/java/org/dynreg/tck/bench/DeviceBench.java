package org.dynreg.tck.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.dynreg.tck.device.Conduct;
import org.dynreg.tck.device.DeviceParams;
import org.dynreg.tck.device.DeviceResults;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.FixtureLoader;
import org.dynreg.tck.fixture.Whitelist;
import org.dynreg.tck.platform.Behaviour;
import org.dynreg.tck.report.AllureEnvironment;
import org.dynreg.tck.platform.ReferencePlatform;

/**
 * The device bench of one run: the reference platform the device connects to (configured from
 * {@code fixtures/embedded.yaml}), how the device is started ({@link Launcher}), a fresh whitelisted DeviceSN and state
 * folder per scenario, the bounds of every wait, and the run's {@link DeviceResults}. One per JVM ({@link #current()}),
 * or one per self-test variant ({@link #open}).
 */
public final class DeviceBench {

    /** How long the bench waits for the device's first CONNECT after starting it. */
    public static final Duration CONNECT_WAIT = Duration.ofSeconds(10);
    /** How long the bench waits for each step of the device's flow (its request, its static login) to show. */
    public static final Duration FLOW_WAIT = Duration.ofSeconds(12);
    /** How long a device gets to end once stopped. */
    public static final Duration STOP_WAIT = Duration.ofSeconds(3);
    /** How long a device that should not take a reply is watched after that reply for a login with it. */
    public static final Duration TAKE_WATCH = Duration.ofSeconds(6);
    /** The fixture the run's platform is configured from (its submission bundle holds it, redacted). */
    public static final Path FIXTURE = Path.of("fixtures/embedded.yaml");

    private static volatile DeviceBench current;
    /** The bench of a run side by side with others in this JVM (the self-test's devices): see {@link #runAsCurrent}. */
    private static final InheritableThreadLocal<DeviceBench> SCOPED = new InheritableThreadLocal<>();

    private final ReferencePlatform platform;
    private final Fixture fixture;
    private final Launcher launcher;
    private final Wire wire;
    /** Between the device and the relay: the lab's delaying proxy (a device far from its broker), or none. */
    private final org.dynreg.tck.net.LatencyProxy far;
    private final DeviceResults results;
    private final Path work;
    private final AtomicInteger nextDevice = new AtomicInteger();
    private final int firstDevice;
    private final boolean certification;

    private DeviceBench(ReferencePlatform platform, Fixture fixture, Launcher launcher, Path work, int firstDevice, boolean strict,
                        boolean certification) {
        this(platform, fixture, launcher, work, firstDevice, strict, certification, org.dynreg.tck.net.Delay.NONE);
    }

    private DeviceBench(ReferencePlatform platform, Fixture fixture, Launcher launcher, Path work, int firstDevice, boolean strict,
                        boolean certification, org.dynreg.tck.net.Delay network) {
        this.platform = platform;
        this.certification = certification;
        this.fixture = fixture;
        this.launcher = launcher;
        this.wire = new Wire(platform.tcpAddress().host(), platform.tcpAddress().port());
        this.far = network.equals(org.dynreg.tck.net.Delay.NONE) ? null
                : new org.dynreg.tck.net.LatencyProxy("127.0.0.1", wire.port(), 0, network, network);
        this.work = work;
        this.firstDevice = firstDevice;
        this.results = new DeviceResults(launcher.describe(), "the kit's reference platform, " + platform.tcpAddress(), strict);
    }

    /**
     * The run's bench: the one {@link #runAsCurrent} runs this thread under, else the JVM's, started on first use from the
     * system properties (device.cmd, device.mode, strict).
     */
    public static synchronized DeviceBench current() {
        DeviceBench scoped = SCOPED.get();
        if (scoped != null) {
            return scoped;
        }
        if (current == null) {
            Fixture fixture = FixtureLoader.withSystemEnvironment().load(FIXTURE, Optional.empty());
            Path work = Path.of("target", "device-bench");
            ReferencePlatform platform = ReferencePlatform.start(fixture, Behaviour.exemplary(), work.resolve("platform"), 0);
            current = new DeviceBench(platform, fixture, launcherFromSystemProperties(), work, 0,
                    Boolean.getBoolean("strict"), true);
            DeviceResults results = current.results;
            AllureEnvironment.startDeviceRun(results.device(), results.platform(), results.start());
        }
        return current;
    }

    /** A bench of its own on {@code platform} (the self-test: one per device variant, each its own DeviceSNs). */
    public static DeviceBench open(ReferencePlatform platform, Fixture fixture, Launcher launcher, Path work, int firstDevice) {
        return open(platform, fixture, launcher, work, firstDevice, org.dynreg.tck.net.Delay.NONE);
    }

    /**
     * As {@link #open(ReferencePlatform, Fixture, Launcher, Path, int)}, the device {@code network} away from the bench's
     * relay, each way (the lab's delaying proxy): the relay, like a remote broker, sees the device's packets that much later.
     */
    public static DeviceBench open(ReferencePlatform platform, Fixture fixture, Launcher launcher, Path work, int firstDevice,
                                   org.dynreg.tck.net.Delay network) {
        DeviceBench bench = new DeviceBench(platform, fixture, launcher, work, firstDevice, false, false, network);
        current = bench;
        return bench;
    }

    /**
     * Runs {@code run} with this bench as {@link #current()} of this thread and of every thread started from it while it
     * runs (a Cucumber run's workers are): benches side by side in one JVM, each run reading its own.
     */
    public void runAsCurrent(Runnable run) {
        DeviceBench before = SCOPED.get();
        SCOPED.set(this);
        try {
            run.run();
        } finally {
            if (before == null) {
                SCOPED.remove();
            } else {
                SCOPED.set(before);
            }
        }
    }

    static Launcher launcherFromSystemProperties() {
        String cmd = System.getProperty("device.cmd", "").strip();
        String mode = System.getProperty("device.mode", "").strip();
        if (mode.equals("hand")) {
            return new HandLauncher();
        }
        if (!mode.isEmpty()) {
            throw new IllegalArgumentException("-Ddevice.mode=" + mode + " is not a mode: leave it out, or give -Ddevice.mode=hand");
        }
        String flaws = System.getProperty("device.flaw", "").strip();
        if (!flaws.isEmpty()) {
            if (!cmd.isEmpty()) {
                throw new IllegalArgumentException("-Ddevice.flaw is for the kit's reference device: leave out -Ddevice.cmd, or -Ddevice.flaw");
            }
            Conduct conduct = Conduct.reference();
            for (String name : flaws.split(",")) {
                conduct = conduct.with(flaw(name.strip()));
            }
            return new InProcessLauncher(conduct, "the kit's reference device with the flaw " + flaws + " (a demonstration of a failing device)");
        }
        return cmd.isEmpty() ? new InProcessLauncher(Conduct.reference(), "the kit's reference device (no -Ddevice.cmd given)")
                : new CommandLauncher(cmd);
    }

    private static Conduct.Flaw flaw(String name) {
        try {
            return Conduct.Flaw.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-Ddevice.flaw=" + name + " is not a flaw of the reference device; one of: "
                    + java.util.Arrays.toString(Conduct.Flaw.values()));
        }
    }

    public DeviceResults results() {
        return results;
    }

    /** Whether this is the run's bench ({@link #current()}: a certification, which ends with a submission bundle), not a self-test's. */
    public boolean certification() {
        return certification;
    }

    public Fixture fixture() {
        return fixture;
    }

    public Launcher launcher() {
        return launcher;
    }

    public ReferencePlatform platform() {
        return platform;
    }

    /** The relay in front of the platform that the devices connect through: what crossed it, and when ({@link Wire}). */
    public Wire wire() {
        return wire;
    }

    /** A whitelisted DeviceSN no scenario of this bench has used, and its parameters (a fresh, empty state folder). */
    public DeviceParams freshDevice() {
        Whitelist whitelist = fixture.product().whitelist();
        int index = firstDevice + nextDevice.getAndIncrement();
        if (index >= whitelist.size()) {
            throw new IllegalStateException("the bench ran out of whitelisted DeviceSNs in fixtures/embedded.yaml (" + whitelist.size() + ")");
        }
        String deviceSN = whitelist.get(whitelist.size() - 1 - index); // from the range's end: the storm starts at its beginning
        Path state = work.resolve("devices").resolve(deviceSN);
        deleteEarlier(state.getParent(), deviceSN); // a secret stored by an earlier run is not this device's
        return new DeviceParams(URI.create(far == null ? wire.uri() : far.uri()), fixture.product().productSN(),
                fixture.product().productSecret(), deviceSN, state);
    }

    /** Removes what an earlier run left of this device: its state folder and its output files (scenarios run side by side). */
    private static void deleteEarlier(Path dir, String deviceSN) {
        Path state = dir.resolve(deviceSN);
        try {
            if (java.nio.file.Files.isDirectory(state)) {
                try (var files = java.nio.file.Files.walk(state)) {
                    for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        java.nio.file.Files.deleteIfExists(p);
                    }
                }
            }
            for (int start = 1; start <= 3; start++) {
                java.nio.file.Files.deleteIfExists(dir.resolve(deviceSN + "-start-" + start + ".log"));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot clear what an earlier run left in " + state, e);
        }
    }
}
