package org.dynreg.tck.kit;

import java.time.Duration;
import java.util.List;

/**
 * The round trip to the broker as the preflight measured it: for each CONNECT of its rounds after the
 * first (which warms up the client) that got a CONNACK, the time from opening the connection to the
 * CONNACK. It includes the TCP, TLS or WebSocket handshake: an upper bound of the MQTT round trip,
 * never an underestimate.
 */
public record RoundTrip(List<Duration> samples) {

    public RoundTrip {
        samples = samples.stream().sorted().toList();
    }

    public static RoundTrip none() {
        return new RoundTrip(List.of());
    }

    public boolean measured() {
        return !samples.isEmpty();
    }

    /** The median sample (the upper one of the middle two); zero if nothing was measured. */
    public Duration median() {
        return samples.isEmpty() ? Duration.ZERO : samples.get(samples.size() / 2);
    }

    public Duration max() {
        return samples.isEmpty() ? Duration.ZERO : samples.get(samples.size() - 1);
    }

    @Override
    public String toString() {
        return measured() ? "CONNECT→CONNACK median " + median().toMillis() + " ms, max " + max().toMillis() + " ms ("
                + samples.size() + " CONNECTs)" : "no CONNACK measured";
    }
}
