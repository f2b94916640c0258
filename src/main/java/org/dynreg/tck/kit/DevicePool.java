package org.dynreg.tck.kit;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.dynreg.tck.fixture.Fixture;

/**
 * The product's whitelisted DeviceSNs. The first two are reserved: the probe device (in the scenarios only
 * for CONNECTs that must be refused, so that the many refusal probes can run side by side; the preflight
 * pre-authenticates it before any scenario) and the "other device" whose SN appears in forged ClientIDs and
 * topics. Every other one is registered at most once per run.
 */
public final class DevicePool {

    public static final int RESERVED = 2;
    /** How many registered devices the run shares among the scenarios that need just "a registered device". */
    public static final int SHARED_REGISTERED = 4;

    private final String probe;
    private final String other;
    private final Deque<String> fresh;

    public DevicePool(Fixture.Product product) {
        List<String> all = product.whitelistedDevices();
        if (all.size() < RESERVED) {
            throw new IllegalArgumentException("at least " + RESERVED + " whitelisted devices are needed");
        }
        probe = all.get(0);
        other = all.get(1);
        fresh = new ArrayDeque<>(all.subList(RESERVED, all.size()));
    }

    public String probe() {
        return probe;
    }

    public String other() {
        return other;
    }

    /** A DeviceSN never registered in this run. */
    public synchronized String takeFresh() {
        String next = fresh.poll();
        if (next == null) {
            throw new KitSetupException("the fixture's whitelisted devices are used up (the demand count before the run was wrong)");
        }
        return next;
    }

    public synchronized int freshLeft() {
        return fresh.size();
    }
}
