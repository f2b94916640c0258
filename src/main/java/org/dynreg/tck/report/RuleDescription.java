package org.dynreg.tck.report;

import org.dynreg.tck.spec.Rule;

/**
 * A scenario's description in the report: its rule (ID, level, the full text of RULES.md), then the
 * Gherkin description of its feature, as HTML (escaped, wrapped lines joined into paragraphs) and
 * as plain text.
 */
public final class RuleDescription {

    private RuleDescription() {
    }

    public static String html(Rule rule, String gherkin) {
        return "<p><strong>" + Html.escape(rule.id() + " (" + rule.level() + ")") + "</strong>: "
                + Html.inline(rule.text()) + "</p>\n" + Html.paragraphsHtml(gherkin);
    }

    public static String plain(Rule rule, String gherkin) {
        String context = String.join("\n\n", Html.paragraphs(gherkin));
        return rule.id() + " (" + rule.level() + "): " + rule.text() + (context.isEmpty() ? "" : "\n\n" + context);
    }
}
