package org.dynreg.tck.storm;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;

/**
 * {@code mvn verify -Pstorm}: the registration storm against the broker under test (only the
 * {@code storm} profile runs it; {@link StormLauncher} starts the reference platform for
 * {@code broker: embedded}), or with {@code -Dstorm.merge=DIR} the merge of the shards under DIR.
 * Fails when the storm's verdict does, with one line per failure.
 */
class StormIT {

    @Test
    void registrationStorm() {
        Storm.Result result = StormLauncher.fromSystemProperties();
        System.out.println(result.console());
        if (!result.verdict().passed()) {
            fail("registration storm FAILED:\n  " + String.join("\n  ", result.verdict().failures())
                    + "\nreport: " + result.dir().resolve("summary.md"));
        }
    }
}
