package org.dynreg.tck.selftest;

import org.dynreg.tck.net.Delay;

/**
 * The verdict self-test again, with a remote broker's network between the kit and the reference platform:
 * 50 ms ± 30 ms each way (a round trip of 40 to 160 ms), drawn per chunk, so that a positive control sent on
 * one connection can overtake a forbidden message sent on another. Every deviation must still be caught at
 * its rule and every lenient profile still pass: the silence windows hold under latency and jitter.
 */
class VerdictThroughJitterSelfTest extends VerdictSelfTest {

    @Override
    protected Delay network() {
        return Delay.millis(50, 30);
    }

    @Override
    protected String matrixName() {
        return "matrix-jitter.md";
    }
}
