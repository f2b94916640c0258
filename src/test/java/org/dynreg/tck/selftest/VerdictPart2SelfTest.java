package org.dynreg.tck.selftest;

import org.dynreg.tck.net.Delay;

/** The verdict self-test on loopback, part 2 (see {@link VerdictSelfTest}). */
class VerdictPart2SelfTest extends VerdictMatrix {

    VerdictPart2SelfTest() {
        super(Delay.NONE, VerdictSelfTest.MATRIX, 2, VerdictSelfTest.PARTS);
    }
}
