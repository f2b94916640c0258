package org.dynreg.tck.kit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.dynreg.tck.fixture.BrokerAddress;

/**
 * Whether the broker under test still answers. A broker that went away mid-run has certified nothing more:
 * what failed after that is not a rule violation, and the scenarios still to come are not run. Asked only
 * when something went wrong (a connection refused, an answer that would fail a rule), so it costs nothing
 * on a healthy run.
 */
public final class BrokerHealth {

    /** When and where the broker was found gone, and how. */
    public record Lost(Instant at, String scenario, String how) {
        public String describe() {
            return "the broker stopped answering at " + LocalTime.ofInstant(at, ZoneId.systemDefault())
                    .format(DateTimeFormatter.ofPattern("HH:mm:ss")) + ", during \"" + scenario + "\" (" + how + ")";
        }
    }

    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final BrokerAddress address;
    private volatile Lost lost;

    public BrokerHealth(BrokerAddress address) {
        this.address = address;
    }

    public Optional<Lost> lost() {
        return Optional.ofNullable(lost);
    }

    /** Records that the broker is gone (the first report wins). */
    public synchronized void gone(String scenario, String how) {
        if (lost == null) {
            lost = new Lost(Instant.now(), scenario, how);
        }
    }

    /**
     * Whether a TCP connection to the broker can still be opened, within {@link #PROBE_TIMEOUT}; if not, the
     * broker is recorded as gone, during {@code scenario}.
     */
    public boolean answering(String scenario) {
        if (lost != null) {
            return false;
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address.host(), address.port()), (int) PROBE_TIMEOUT.toMillis());
            return true;
        } catch (IOException e) {
            gone(scenario, "a new TCP connection to " + address.host() + ":" + address.port() + " failed: " + e.getMessage());
            return false;
        }
    }
}
