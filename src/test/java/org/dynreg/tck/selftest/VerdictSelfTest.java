package org.dynreg.tck.selftest;

import org.dynreg.tck.net.Delay;
import org.junit.jupiter.api.Test;

/**
 * The verdict self-test on loopback ({@link VerdictMatrix}), part 1 of {@value #PARTS}; also proves the refusal by
 * closing really refuses that way, and that a run without an observer reports what needs one as not run.
 * All parts: {@code mvn -Pkit-tests test -Dtest='Verdict*SelfTest'}; a few variants: {@code -Dtest=VerdictSelfTest
 * -Dselftest.only=REGEX} (this part then runs every variant the expression matches).
 */
class VerdictSelfTest extends VerdictMatrix {

    static final int PARTS = 2;
    static final String MATRIX = "matrix.md";

    VerdictSelfTest() {
        super(Delay.NONE, MATRIX, 1, PARTS);
    }

    @Test
    void theClosingProxyRefusesWithoutConnack() {
        closingProxyRefusesWithoutConnack();
    }

    @Test
    void withoutAnObserverChecksThatNeedOneAreNotRunNeverPassed() {
        checksThatNeedAnObserverAreNotRunWithoutOne();
    }
}
