package org.dynreg.tck.mqtt;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.dynreg.tck.spec.Secrets;

/**
 * What the kit and the broker said to each other during one scenario, in order, with timestamps.
 * Every line is masked: no secret ever reaches it in clear.
 */
public final class Transcript {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final long startNanos = System.nanoTime();
    private final Instant start = Instant.now();
    private final List<String> lines = new ArrayList<>();

    /** The kit sent something ({@code →}). */
    public void sent(String who, String what) {
        add(who, "→ " + what);
    }

    /** The broker sent something, or the connection changed ({@code ←}). */
    public void received(String who, String what) {
        add(who, "← " + what);
    }

    /** A remark of the kit's: what it concluded, what it waited for. */
    public void note(String what) {
        add("kit", "· " + what);
    }

    private synchronized void add(String who, String what) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        String clock = LocalTime.ofInstant(Instant.now(), ZoneId.systemDefault()).format(CLOCK);
        lines.add(String.format("%s %+6d ms  %-22s %s", clock, millis, who, Secrets.mask(what)));
    }

    public synchronized String render() {
        StringBuilder out = new StringBuilder("MQTT transcript (started " + start + ")\n");
        lines.forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    /** The last lines, for a failure message. */
    public synchronized String tail(int count) {
        int from = Math.max(0, lines.size() - count);
        return String.join("\n", lines.subList(from, lines.size()));
    }
}
