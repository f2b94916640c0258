package org.dynreg.tck.selftest;

import org.dynreg.tck.net.Delay;

/**
 * The verdict self-test again, with a remote broker's network between the kit and the reference platform:
 * 50 ms ± 30 ms each way (a round trip of 40 to 160 ms), drawn per chunk, so that a positive control sent on
 * one connection can overtake a forbidden message sent on another. Every deviation must still be caught at
 * its rule and every lenient profile still pass: the silence windows hold under latency and jitter.
 * Part 1 of {@value #PARTS} ({@link VerdictMatrix}).
 */
class VerdictThroughJitterSelfTest extends VerdictMatrix {

    static final int PARTS = 4;
    static final Delay JITTER = Delay.millis(50, 30);
    static final String MATRIX = "matrix-jitter.md";

    VerdictThroughJitterSelfTest() {
        super(JITTER, MATRIX, 1, PARTS);
    }
}
