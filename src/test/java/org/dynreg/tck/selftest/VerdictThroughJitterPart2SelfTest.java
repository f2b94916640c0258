package org.dynreg.tck.selftest;

/** The verdict self-test through 50 ms ± 30 ms, part 2 (see {@link VerdictThroughJitterSelfTest}). */
class VerdictThroughJitterPart2SelfTest extends VerdictMatrix {

    VerdictThroughJitterPart2SelfTest() {
        super(VerdictThroughJitterSelfTest.JITTER, VerdictThroughJitterSelfTest.MATRIX, 2, VerdictThroughJitterSelfTest.PARTS);
    }
}
