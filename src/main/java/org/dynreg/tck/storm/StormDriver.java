package org.dynreg.tck.storm;

import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import io.reactivex.schedulers.Schedulers;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;
import org.HdrHistogram.Recorder;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.Whitelist;
import org.dynreg.tck.mqtt.Endpoint;
import org.dynreg.tck.kit.Waits;
import org.dynreg.tck.spec.MqttVersion;

/**
 * Runs one storm (or one shard of it): launches the devices of its slice at the requested rate (or all
 * at once), at most {@code concurrency} in flight, each a {@link DeviceFlow} on the HiveMQ client's
 * asynchronous API. Latencies go into one HdrHistogram {@link Recorder} per {@link Step}, written every
 * {@value StormFiles#INTERVAL_MILLIS} ms to {@code histograms.hlog}; counts go to {@code counts.json}. The driver's threads are its
 * own (named {@value CpuMeter#PREFIX}...), so that their CPU time can be told apart from the broker's.
 */
final class StormDriver {

    /** How long, once every device has ended, the driver waits for the client to close their connections. */
    static final Duration CLOSE_BOUND = Duration.ofSeconds(2);
    private static final Duration CONNECT_BOUND = Duration.ofSeconds(11); // socket + MQTT connect timeouts of the Endpoint
    private static final Duration INTERVAL = Duration.ofMillis(StormFiles.INTERVAL_MILLIS);
    /** The longest latency recorded (one hour, in µs); every wait of a device is far shorter. */
    private static final long MAX_MICROS = 3_600_000_000L;

    private final StormSettings settings;
    private final Fixture fixture;
    private final Endpoint endpoint;
    private final MqttVersion version;
    private final Duration replyTimeout;
    private final String runId = String.format("%08x", new java.security.SecureRandom().nextInt());
    private final Tally tally = new Tally(this::maskIssuedSecrets);
    private final Map<Step, Recorder> recorders = new EnumMap<>(Step.class);
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final CpuMeter cpu = new CpuMeter();
    /** Links not yet {@linkplain DeviceLink#closed() closed}. */
    private final AtomicInteger openLinks = new AtomicInteger();
    private Semaphore inFlight;
    private CountDownLatch finishedAll;
    private ScheduledThreadPoolExecutor timer;
    private MqttClientExecutorConfig executors;
    private HistogramLogWriter log;
    private volatile long maxLaunchLagNanos;
    private long ticks;
    /** A progress line every 5 s. */
    private static final int PROGRESS_EVERY = 20;

    StormDriver(StormSettings settings, Fixture fixture, Endpoint endpoint, MqttVersion version) {
        this.settings = settings;
        this.fixture = fixture;
        this.endpoint = endpoint;
        this.version = version;
        long replyMillis = Math.max(settings.deadline().toMillis(), fixture.timeouts().replySeconds() * 1000L);
        this.replyTimeout = Duration.ofMillis(replyMillis);
        for (Step s : Step.values()) {
            // a fixed range, not auto-resizing histograms: those sometimes made interval logs that did not decode
            recorders.put(s, new Recorder(1, MAX_MICROS, 3));
        }
    }

    /** Runs the slice; writes {@code counts.json} and {@code histograms.hlog} into the settings' folder. */
    ShardCounts run() {
        Whitelist devices = fixture.product().whitelist();
        int firstDevice = stormDevicesStart(fixture);
        int from = settings.shard().from(settings.devices());
        int to = settings.shard().to(settings.devices());
        int slice = to - from;
        inFlight = new Semaphore(settings.concurrency());
        finishedAll = new CountDownLatch(slice);
        ExecutorService io = Executors.newCachedThreadPool(named("io"));
        // a late callback after the pool is shut down is dropped, not an RxJava "undeliverable" error (the
        // wait for the connections to close below leaves none, as a rule)
        ThreadPoolExecutor app = new ThreadPoolExecutor(settings.ioThreads(), settings.ioThreads(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), named("app"), new ThreadPoolExecutor.DiscardPolicy());
        executors = MqttClientExecutorConfig.builder().nettyExecutor(io).nettyThreads(settings.ioThreads())
                .applicationScheduler(Schedulers.from(app)).build();
        timer = new ScheduledThreadPoolExecutor(1, named("timer"));
        timer.setRemoveOnCancelPolicy(true);
        long startMillis = System.currentTimeMillis();
        try (PrintStream hlog = openLog(startMillis)) {
            timer.scheduleAtFixedRate(this::tick, INTERVAL.toMillis(), INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            Thread launcher = named("launcher").newThread(() -> launch(devices, firstDevice, from, to));
            launcher.start();
            Duration perDevice = CONNECT_BOUND.multipliedBy(2).plus(DeviceFlow.SUBACK_TIMEOUT).plus(replyTimeout);
            Duration launching = settings.rate().map(r -> Duration.ofMillis((long) (slice / r * 1000))).orElse(Duration.ZERO);
            Duration bound = launching.plus(perDevice.multipliedBy(1 + slice / settings.concurrency())).plusSeconds(10);
            boolean allEnded = awaitAllDevicesEnded(bound);
            launcher.interrupt();
            synchronized (this) {
                tick();
                log = null;
            }
            long endMillis = System.currentTimeMillis();
            cpu.sample();
            long unfinished = allEnded ? 0 : finishedAll.getCount();
            ShardCounts counts = new ShardCounts(endpoint.address().toString(), version.label(), settings.devices(),
                    java.util.List.of(settings.shard().toString()), slice, settings.arrivals(), settings.deadline().toMillis(),
                    replyTimeout.toMillis(), startMillis, endMillis, completed.get(), refused.get(), failed.get(), unfinished,
                    tally.counts(), tally.examples(), cpu.driverNanos() / 1_000_000, cpu.processNanos() / 1_000_000,
                    Runtime.getRuntime().availableProcessors(), maxLaunchLagNanos / 1_000_000, cpu.machineLoad(),
                    fixture.broker().embedded(), settings.strict());
            StormFiles.writeCounts(settings.outDir(), counts);
            StormFiles.writeIssuedSecrets(settings.outDir(), productSecret(), secrets);
            return counts;
        } finally {
            // after the storm's end time (closing is not registering): the client answers every DISCONNECT and ends
            // every session, so that nothing more comes to the callback pool once it is shut down; a link still open
            // after the bound (a broker that does not close) is left to the client
            Waits.within("the client closes every device's connection", CLOSE_BOUND, () -> openLinks.get() == 0);
            timer.shutdownNow();
            app.shutdown();
            io.shutdownNow();
        }
    }

    /** The storm's devices: the fixture's range if it has one, else the listed devices after the two reserved. */
    static int stormDevicesStart(Fixture fixture) {
        return fixture.product().whitelistedDeviceRange().isPresent()
                ? fixture.product().whitelistedDevices().size()
                : org.dynreg.tck.kit.DevicePool.RESERVED;
    }

    /** How many devices the fixture offers a storm. */
    static int stormDevicesAvailable(Fixture fixture) {
        return fixture.product().whitelist().size() - stormDevicesStart(fixture);
    }

    private void launch(Whitelist devices, int firstDevice, int from, int to) {
        long start = System.nanoTime();
        Optional<Double> rate = settings.rate();
        for (int i = from; i < to; i++) {
            if (rate.isPresent()) {
                long due = start + (long) ((i - from) / rate.get() * 1e9);
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                maxLaunchLagNanos = Math.max(maxLaunchLagNanos, System.nanoTime() - due);
            }
            try {
                inFlight.acquire();
            } catch (InterruptedException e) {
                return; // the storm's bound ran out: the devices not launched are reported unfinished
            }
            new DeviceFlow(this, i, devices.get(firstDevice + i)).start();
        }
    }

    /** The named, bounded wait for every device of the slice to end. */
    private boolean awaitAllDevicesEnded(Duration bound) {
        try {
            return finishedAll.await(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private PrintStream openLog(long startMillis) {
        try {
            Files.createDirectories(settings.outDir());
            PrintStream out = new PrintStream(Files.newOutputStream(StormFiles.histogramLog(settings.outDir())), false,
                    java.nio.charset.StandardCharsets.US_ASCII);
            log = new HistogramLogWriter(out);
            log.outputComment("dynreg-tck registration storm, shard " + settings.shard() + ", latencies in microseconds");
            log.outputLogFormatVersion();
            log.outputStartTime(startMillis);
            log.outputBaseTime(startMillis);
            log.outputLegend();
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the storm's histogram log in " + settings.outDir(), e);
        }
    }

    /** Every interval: every step's interval histogram into the log; the CPU meter; a progress line. */
    private synchronized void tick() {
        if (log != null) {
            for (Map.Entry<Step, Recorder> r : recorders.entrySet()) {
                Histogram interval = r.getValue().getIntervalHistogram();
                interval.setTag(r.getKey().tag());
                log.outputIntervalHistogram(interval);
            }
        }
        cpu.sample();
        if (++ticks % PROGRESS_EVERY == 0 && !Boolean.getBoolean("dynreg.quiet")) {
            long ended = completed.get() + refused.get() + failed.get();
            System.out.printf(Locale.ROOT, "storm %s: %d s, %d of %d devices ended (%d registered, %d refused, %d failed)%n",
                    settings.shard(), ticks * INTERVAL.toMillis() / 1000, ended, finishedAll.getCount() + ended,
                    completed.get(), refused.get(), failed.get());
        }
    }

    // ---- for the DeviceFlows ----

    String runId() {
        return runId;
    }

    String productSN() {
        return fixture.product().productSN();
    }

    String productSecret() {
        return fixture.product().productSecret().reveal();
    }

    MqttVersion version() {
        return version;
    }

    Duration deadline() {
        return settings.deadline();
    }

    Duration replyTimeout() {
        return replyTimeout;
    }

    DeviceLink link(String clientId, BiConsumer<String, byte[]> onMessage, java.util.function.Consumer<String> onLost) {
        DeviceLink link = DeviceLink.create(version, endpoint, executors, clientId, onMessage, onLost);
        openLinks.incrementAndGet();
        link.closed().whenComplete((ok, e) -> openLinks.decrementAndGet());
        return link;
    }

    void record(Step step, long nanos) {
        recorders.get(step).recordValue(Math.min(MAX_MICROS, Math.max(1, nanos / 1000)));
    }

    void count(Kind kind, String example) {
        tally.count(kind, example);
    }

    /** Records that {@code deviceSN} was issued {@code secret}; the device it was issued to before, or null. */
    String issued(String secret, String deviceSN) {
        String before = secrets.putIfAbsent(secret, deviceSN);
        return before == null || before.equals(deviceSN) ? null : before;
    }

    /**
     * The text with every secret issued in this storm shown as its fingerprint. The issued secrets are
     * not registered with {@link org.dynreg.tck.spec.Secrets}: thousands of them would slow every
     * masking of the JVM; only the few examples kept are searched for them.
     */
    private String maskIssuedSecrets(String text) {
        String masked = text;
        for (String secret : secrets.keySet()) {
            if (secret.length() >= 4 && masked.contains(secret)) { // shorter ones occur by chance (as in Secrets)
                masked = masked.replace(secret, org.dynreg.tck.spec.Secret.masked(secret));
            }
        }
        return masked;
    }

    ScheduledFuture<?> schedule(Duration after, Runnable action) {
        return timer.schedule(action, after.toNanos(), TimeUnit.NANOSECONDS);
    }

    void finished(DeviceFlow.Outcome outcome) {
        switch (outcome) {
            case COMPLETED -> completed.incrementAndGet();
            case REFUSED -> refused.incrementAndGet();
            case FAILED -> failed.incrementAndGet();
        }
        inFlight.release();
        finishedAll.countDown();
    }

    private static ThreadFactory named(String role) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, CpuMeter.PREFIX + role + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
