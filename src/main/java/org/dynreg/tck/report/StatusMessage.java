package org.dynreg.tck.report;

import java.util.Optional;
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.spec.Rule;

/**
 * The message a report groups a scenario's failure, warning or check that did not run under. The
 * kit's messages name the rule, say what happened and end with the transcript's tail, so no two are
 * alike; a report that groups by message (Allure's categories) needs a stable first line instead:
 * {@code ADV-3 not followed (SHOULD): <the rule in short>}. The whole message stays as the details.
 * Made from the finding's type and rule, never read back from a message.
 */
public final class StatusMessage {

    private StatusMessage() {
    }

    /** The stable message of a finding, or empty if it names no rule. */
    public static Optional<String> stable(Finding.Typed finding) {
        return finding.rule().map(rule -> finding.kind() == Finding.Kind.NOT_RUN
                ? "NOT RUN " + rule.id() + ": " + finding.headline().lines().findFirst().orElse("").strip()
                : judged(rule));
    }

    /** The stable message of a rule violated (a MUST rule) or not followed (a SHOULD rule). */
    public static String judged(Rule rule) {
        return rule.id() + (rule.level() == Rule.Level.MUST ? " violated" : " not followed") + " (" + rule.level() + "): "
                + rule.summary();
    }
}
