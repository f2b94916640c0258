package org.dynreg.tck.steps;

import org.dynreg.tck.fixture.Secrets;
import org.dynreg.tck.mqtt.Transcript;
import org.dynreg.tck.report.Rule;
import org.opentest4j.TestAbortedException;

/**
 * How a scenario ends when it does not pass: a MUST rule violated (a failure), a SHOULD rule not
 * followed (a warning, shown as skipped, unless strict), or a check that could not run (skipped,
 * with the reason). Every message names the rule and ends with the last lines of the transcript.
 */
final class Verdict {

    static final String WARNING = "WARNING";
    static final String NOT_RUN = "NOT RUN";

    private Verdict() {
    }

    /** Always throws: an {@link AssertionError} for a MUST rule (or in strict mode), else a warning. */
    static void violated(Rule rule, boolean strict, String what, Transcript transcript) {
        String message = Secrets.mask(rule.id() + (rule.level() == Rule.Level.MUST ? " violated: " : " not followed: ")
                + what + evidence(transcript));
        if (rule.level() == Rule.Level.SHOULD && !strict) {
            throw new TestAbortedException(WARNING + " " + message);
        }
        throw new AssertionErrorWithoutTrace(message);
    }

    static TestAbortedException notRun(Rule rule, String why, Transcript transcript) {
        return new TestAbortedException(Secrets.mask(NOT_RUN + " " + rule.id() + ": " + why + evidence(transcript)));
    }

    private static String evidence(Transcript transcript) {
        return "\n\nWhat the broker did (last lines of the MQTT transcript; the whole one is attached):\n"
                + transcript.tail(14);
    }

    /** An assertion failure whose stack trace would only show the kit's frames. */
    static final class AssertionErrorWithoutTrace extends AssertionError {
        AssertionErrorWithoutTrace(String message) {
            super(message);
            setStackTrace(new StackTraceElement[0]);
        }
    }
}
