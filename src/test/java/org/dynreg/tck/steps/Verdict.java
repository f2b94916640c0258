package org.dynreg.tck.steps;

import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.mqtt.Transcript;
import org.dynreg.tck.spec.Rule;
import org.dynreg.tck.spec.Secrets;

/**
 * How a scenario ends when it does not pass: a MUST rule violated (a failure), a SHOULD rule not
 * followed (a warning, shown as skipped, unless strict), or a check that could not run (skipped,
 * with the reason). Every message names the rule and ends with the last lines of the transcript.
 */
final class Verdict {

    private Verdict() {
    }

    /** Always throws: a {@link Finding.Violation} for a MUST rule (or in strict mode), else a {@link Finding.Warning}. */
    static void violated(Rule rule, boolean strict, String what, Transcript transcript) {
        String headline = Secrets.mask(what);
        String message = Secrets.mask(rule.id() + (rule.level() == Rule.Level.MUST ? " violated: " : " not followed: ")
                + what + evidence(transcript));
        if (rule.level() == Rule.Level.SHOULD && !strict) {
            throw new Finding.Warning(rule, headline, "WARNING " + message);
        }
        throw new Finding.Violation(rule, headline, message);
    }

    static Finding.NotRun notRun(Finding.Why why, Rule rule, String reason, Transcript transcript) {
        return new Finding.NotRun(why, rule, Secrets.mask(reason),
                Secrets.mask("NOT RUN " + rule.id() + ": " + reason + evidence(transcript)));
    }

    private static String evidence(Transcript transcript) {
        return "\n\nWhat the broker did (last lines of the MQTT transcript; the whole one is attached):\n"
                + transcript.tail(14);
    }
}
