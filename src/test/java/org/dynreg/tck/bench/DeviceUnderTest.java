package org.dynreg.tck.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.dynreg.tck.device.DeviceParams;
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.platform.Bench;
import org.dynreg.tck.spec.DeviceId;
import org.dynreg.tck.spec.Secrets;

/**
 * The device of one scenario: its DeviceSN and state folder, how the platform treats it, its starts and stops (each
 * bounded), and what the platform saw it do. Its end stops it and attaches the transcript to the report.
 */
public final class DeviceUnderTest {

    private final DeviceBench bench = DeviceBench.current();
    private final List<Launcher.Running> starts = new ArrayList<>();
    private final List<String> endings = new ArrayList<>();
    private Bench.Script script = Bench.Script.plain();
    private DeviceParams params;
    private Bench.Log log;
    private String scenario = "";
    private String rule = "";
    private long lastStart;

    public void begin(String scenarioName, java.util.Collection<String> tags) {
        this.scenario = scenarioName;
        this.rule = org.dynreg.tck.device.DeviceRule.fromTags(tags).map(org.dynreg.tck.device.DeviceRule::id).orElse("");
    }

    /** The ID of the rule the scenario checks ({@code DEV-4}), as its tag names it. */
    public String rule() {
        return rule;
    }

    /** How the platform is to treat the device (before it starts). */
    public void treat(UnaryOperator<Bench.Script> change) {
        script = change.apply(script);
    }

    public DeviceId id() {
        return new DeviceId(params.productSN(), params.deviceSN());
    }

    public String productSecret() {
        return params.productSecret().reveal();
    }

    /** Starts the device (a fresh DeviceSN and state on its first start) and waits, bounded, for its first CONNECT. */
    public void start() {
        if (params == null) {
            params = bench.freshDevice();
            log = bench.platform().bench().watch(new DeviceId(params.productSN(), params.deviceSN()), script);
        }
        lastStart = System.nanoTime();
        starts.add(bench.launcher().start(params, scenario, starts.size() + 1));
        long started = lastStart;
        Duration wait = bench.launcher().connectWait();
        if (awaitSeen("the device's CONNECT", wait, () -> seen().firstConnect(started)).isEmpty()) {
            throw new Finding.NotRun(Finding.Why.PRECONDITION, "the device did not connect within "
                    + wait.toSeconds() + " s of its start " + starts.size() + " (" + stopLatest() + ")");
        }
    }

    /** Ends the latest start, bounded; how it ended is in the report. */
    public String stopLatest() {
        Launcher.Running running = starts.get(starts.size() - 1);
        String ending = running.stop(DeviceBench.STOP_WAIT);
        endings.add("start " + starts.size() + ": " + ending);
        return ending;
    }

    /** When the latest start began, in {@link System#nanoTime()}. */
    public long lastStart() {
        return lastStart;
    }

    /** What crossed the wire in front of the platform on the device's connections with {@code clientId}. */
    public List<Wire.Packet> wire(String clientId) {
        return bench.wire().of(clientId);
    }

    public Observations seen() {
        return log == null ? new Observations(new DeviceId("", ""), "", System.nanoTime(), List.of())
                : Observations.of(log, params.productSecret().reveal());
    }

    /** Waits, at most {@code bound}, for what {@code probe} finds in what the platform saw. */
    public <T> Optional<T> awaitSeen(String what, Duration bound, Supplier<Optional<T>> probe) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (true) {
            Optional<T> found = probe.get();
            if (found.isPresent() || System.nanoTime() >= deadline) {
                return found;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** Stops what still runs, and attaches the transcript, the device's own output and how each start ended. */
    public void end() {
        if (params == null) {
            return;
        }
        if (!starts.isEmpty() && endings.size() < starts.size()) {
            stopLatest();
        }
        Observations seen = seen();
        io.qameta.allure.Allure.addAttachment("device transcript (what the reference platform saw)", "text/plain",
                seen.transcript() + "\n" + String.join("\n", endings) + "\n", ".txt");
        for (int i = 0; i < starts.size(); i++) {
            String output = starts.get(i).output();
            if (!output.isEmpty()) {
                io.qameta.allure.Allure.addAttachment("device output, start " + (i + 1), "text/plain", Secrets.mask(output), ".txt");
            }
        }
        bench.platform().bench().forget(id());
        seen.all(Bench.Connect.class).stream().map(Bench.Connect::clientId).distinct().forEach(bench.wire()::forget);
    }
}
