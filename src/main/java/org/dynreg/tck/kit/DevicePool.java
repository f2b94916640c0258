package org.dynreg.tck.kit;

import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.Whitelist;

/**
 * The product's whitelisted DeviceSNs: the listed ones first, then those of the fixture's range. The first
 * two are reserved: the probe device (in the scenarios only for CONNECTs that must be refused, so that the
 * many refusal probes can run side by side; the preflight pre-authenticates it before any scenario) and the
 * "other device" whose SN appears in forged ClientIDs and topics. Every other one is registered at most once
 * per run.
 */
public final class DevicePool {

    public static final int RESERVED = 2;
    /** How many registered devices the run shares among the scenarios that need just "a registered device". */
    public static final int SHARED_REGISTERED = 4;

    private final Whitelist whitelist;
    private int next = RESERVED;

    public DevicePool(Fixture.Product product) {
        whitelist = product.whitelist();
        if (whitelist.size() < RESERVED) {
            throw new IllegalArgumentException("at least " + RESERVED + " whitelisted devices are needed");
        }
    }

    public String probe() {
        return whitelist.get(0);
    }

    public String other() {
        return whitelist.get(1);
    }

    /** A DeviceSN never registered in this run. */
    public synchronized String takeFresh() {
        if (next >= whitelist.size()) {
            throw new KitSetupException("the fixture's whitelisted devices are used up (the demand count before the run was wrong)");
        }
        return whitelist.get(next++);
    }

    public synchronized int freshLeft() {
        return whitelist.size() - next;
    }
}
