package org.dynreg.tck.storm;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttClientExecutorConfig;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import io.reactivex.schedulers.Schedulers;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.FixtureLoader;
import org.dynreg.tck.platform.Behaviour;
import org.dynreg.tck.platform.ReferencePlatform;
import org.dynreg.tck.spec.DeviceId;

/**
 * Benchmark, not a test (run by {@code src/test/bench/connection-floor.sh}): the CPU the HiveMQ client alone spends
 * on one connection of a storm device — build the client, CONNECT with the device's pre-authentication, CONNACK,
 * DISCONNECT — with nothing else of a registration (no SUBSCRIBE, no request, no reply, no static login), on the
 * storm's executors (its network threads and a 2-thread callback pool), 100 in flight, against the embedded
 * reference platform. A registration makes two such connections and exchanges six packets more, so twice this
 * figure is a floor under the storm's "driver CPU per registration" that no change of the storm's own code can go below.
 * <p>
 * Counted, by the storm's own {@link CpuMeter}: the CPU of the client's network threads and its callback pool, named as
 * the storm names its own; and that of the thread that builds and launches the clients. The broker's threads are not.
 */
public final class ConnectionFloorBench {

    private static final int IN_FLIGHT = 100;

    private ConnectionFloorBench() {
    }

    public static void main(String[] args) throws Exception {
        int connections = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Fixture fixture = FixtureLoader.withSystemEnvironment().load(Path.of("fixtures/embedded.yaml"), Optional.empty());
        Fixture.Product product = fixture.product();
        String first = product.whitelistedDeviceRange().orElseThrow().first();
        ExecutorService io = Executors.newCachedThreadPool(named("io"));
        ThreadPoolExecutor app = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), named("app"));
        MqttClientExecutorConfig executors = MqttClientExecutorConfig.builder().nettyExecutor(io).nettyThreads(2)
                .applicationScheduler(Schedulers.from(app)).build();
        // a third argument: the port of a reference platform serving fixtures/embedded.yaml that is already listening
        // on 127.0.0.1 (e.g. behind the lab's delaying proxy); without it, the embedded platform, started here
        ReferencePlatform platform = args.length > 2 ? null : ReferencePlatform.start(fixture, Behaviour.exemplary(),
                Path.of("target", "bench", "connection-floor-platform"), 0);
        try {
            int port = platform == null ? Integer.parseInt(args[2]) : platform.tcpAddress().port();
            List<Double> perConnection = new ArrayList<>();
            for (int round = 0; round <= rounds; round++) { // round 0 warms the JVM up and is not counted
                double[] result = round(product.productSN(), first, product.productSecret().reveal(), port, connections, executors);
                if (round > 0) {
                    perConnection.add(result[0]);
                }
                System.out.printf("%s %d: %d connections, %.0f/s, %.3f ms of CPU per connection (%d refused or failed)%n",
                        round == 0 ? "warm-up" : "round", round, connections, result[1], result[0], (long) result[2]);
            }
            Collections.sort(perConnection);
            System.out.printf("| HiveMQ client, one connection (build, CONNECT, CONNACK, DISCONNECT) | %d × %d | "
                            + "%.3f–%.3f ms (median %.3f) |%n", rounds, connections, perConnection.get(0),
                    perConnection.get(perConnection.size() - 1), perConnection.get(perConnection.size() / 2));
        } finally {
            io.shutdownNow();
            app.shutdownNow();
        }
        System.exit(0); // the platform's threads, like the storm's, are not waited for
    }

    /** One round; returns {ms of CPU per connection, connections per second, refused or failed}. */
    private static double[] round(String productSN, String firstDevice, String productSecret, int port, int connections,
            MqttClientExecutorConfig executors) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CpuMeter cpu = new CpuMeter(); // the storm's own meter: the threads named as the storm names its own
        cpu.sample();
        long driverAtStart = cpu.driverNanos();
        long launching = threads.getCurrentThreadCpuTime();
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        CountDownLatch ended = new CountDownLatch(connections);
        AtomicInteger notAccepted = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < connections; i++) {
            inFlight.acquireUninterruptibly();
            DeviceId device = new DeviceId(productSN, String.valueOf(Long.parseLong(firstDevice) + i));
            Mqtt5AsyncClient client = MqttClient.builder().identifier(device.clientId()).serverHost("127.0.0.1")
                    .serverPort(port).executorConfig(executors).useMqttVersion5().buildAsync();
            client.connectWith().cleanStart(true).simpleAuth().username(device.username(DeviceId.DYNAMIC))
                    .password(productSecret.getBytes(StandardCharsets.UTF_8)).applySimpleAuth().send()
                    .handle((ack, e) -> e == null)
                    .thenCompose(accepted -> {
                        if (!accepted) {
                            notAccepted.incrementAndGet();
                            return CompletableFuture.<Void>completedFuture(null);
                        }
                        return client.disconnect().handle((v, e) -> null);
                    })
                    .whenComplete((v, e) -> {
                        inFlight.release();
                        ended.countDown();
                    });
        }
        try {
            if (!ended.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException(ended.getCount() + " connections did not end within 120 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long launched = threads.getCurrentThreadCpuTime() - launching;
        cpu.sample();
        long nanos = cpu.driverNanos() - driverAtStart + launched;
        return new double[] {nanos / 1e6 / connections, connections / seconds, notAccepted.get()};
    }

    private static ThreadFactory named(String role) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, CpuMeter.PREFIX + "floor-" + role + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
