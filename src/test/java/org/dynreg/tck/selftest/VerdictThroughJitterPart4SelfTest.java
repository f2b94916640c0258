package org.dynreg.tck.selftest;

/** The verdict self-test through 50 ms ± 30 ms, part 4 (see {@link VerdictThroughJitterSelfTest}). */
class VerdictThroughJitterPart4SelfTest extends VerdictMatrix {

    VerdictThroughJitterPart4SelfTest() {
        super(VerdictThroughJitterSelfTest.JITTER, VerdictThroughJitterSelfTest.MATRIX, 4, VerdictThroughJitterSelfTest.PARTS);
    }
}
