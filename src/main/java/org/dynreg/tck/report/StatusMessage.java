package org.dynreg.tck.report;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dynreg.tck.spec.Rule;

/**
 * The message a report groups a scenario's failure, warning or check that did not run under. The
 * kit's messages name the rule, say what happened and end with the transcript's tail, so no two are
 * alike; a report that groups by message (Allure's categories) needs a stable first line instead:
 * {@code ADV-3 not followed (SHOULD): <the rule in short>}. The whole message stays as the details.
 */
public final class StatusMessage {

    private static final Pattern JUDGED = Pattern.compile("^(?:WARNING )?([A-Z]+-[0-9]+) (violated|not followed): ");
    private static final Pattern NOT_RUN = Pattern.compile("^NOT RUN ([A-Z]+-[0-9]+): ([^\\n]*)");

    private StatusMessage() {
    }

    /** The stable message for a kit message, or empty if it is not one of the kit's verdicts. */
    public static Optional<String> stable(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher judged = JUDGED.matcher(message);
        if (judged.find()) {
            return Rule.byId(judged.group(1)).map(rule -> rule.id() + " " + judged.group(2) + " (" + rule.level() + "): " + rule.summary());
        }
        Matcher notRun = NOT_RUN.matcher(message);
        if (notRun.find()) {
            return Optional.of("NOT RUN " + notRun.group(1) + ": " + notRun.group(2).strip());
        }
        return Optional.empty();
    }

}
