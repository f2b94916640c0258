package org.dynreg.tck.selftest;

/** The verdict self-test through 50 ms ± 30 ms, part 3 (see {@link VerdictThroughJitterSelfTest}). */
class VerdictThroughJitterPart3SelfTest extends VerdictMatrix {

    VerdictThroughJitterPart3SelfTest() {
        super(VerdictThroughJitterSelfTest.JITTER, VerdictThroughJitterSelfTest.MATRIX, 3, VerdictThroughJitterSelfTest.PARTS);
    }
}
