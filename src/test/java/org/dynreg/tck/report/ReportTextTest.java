package org.dynreg.tck.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.spec.Rule;
import org.junit.jupiter.api.Test;

/** Rule texts and messages as the HTML report shows them. */
class ReportTextTest {

    @Test
    void placeholdersSurviveAsTextNotAsTags() {
        String html = RuleDescription.html(Rule.SECRET_1, "publishes {\"RequestID\": \"<id>\"} and gets\n  \"Password\": \"<DevSecret>\"");
        assertThat(html).contains("&lt;id&gt;").contains("&lt;DevSecret&gt;").doesNotContain("<id>").doesNotContain("<DevSecret>")
                .contains("<code>{&quot;RequestID&quot;: &quot;&lt;id&gt;&quot;}</code>");
    }

    @Test
    void wrappedLinesBecomeOneParagraphAndBlankLinesSeparateParagraphs() {
        assertThat(Html.paragraphs("  The device subscribes to its topic and\n  publishes a request.\n\n  Second one.\n"))
                .containsExactly("The device subscribes to its topic and publishes a request.", "Second one.");
        assertThat(Html.paragraphsHtml("a\nb")).isEqualTo("<p>a b</p>\n").doesNotContain("<br");
    }

    @Test
    void plainDescriptionHasTheRuleAndTheJoinedContext() {
        assertThat(RuleDescription.plain(Rule.SECRET_2, "line one\n  line two"))
                .startsWith("SECRET-2 (MUST): The reply is a JSON object").endsWith("\n\nline one line two");
    }

    @Test
    void everyWarningOfARuleHasTheSameMessageWhateverItsDetails() {
        Finding.Typed one = new Finding.Warning(Rule.ADV_3, "a second registration after 12 ms",
                "WARNING ADV-3 not followed: a second registration after 12 ms\n\nWhat the broker did:\n20:01:02.345 ...");
        Finding.Typed two = new Finding.Warning(Rule.ADV_3, "a second registration after 40 ms",
                "WARNING ADV-3 not followed: a second registration after 40 ms\n\nWhat the broker did:\n20:01:09.001 ...");
        assertThat(StatusMessage.stable(one)).contains("ADV-3 not followed (SHOULD): No second registration after static login");
        assertThat(StatusMessage.stable(two)).isEqualTo(StatusMessage.stable(one));
        assertThat(StatusMessage.stable(new Finding.Violation(Rule.SECRET_2, "no Password", "SECRET-2 violated: no Password\n\ntranscript")))
                .contains("SECRET-2 violated (MUST): The reply has RetCode \"0\", a string RequestID, a non-empty Password");
        assertThat(StatusMessage.stable(new Finding.Warning(Rule.ADV_1, "slow", "WARNING ADV-1 not followed: slow")))
                .contains("ADV-1 not followed (SHOULD): The reply arrives within 5 s");
        assertThat(StatusMessage.stable(new Finding.NotRun(Finding.Why.NO_OBSERVER, Rule.RESTRICT_2, "no observer",
                "NOT RUN RESTRICT-2: no observer\n\nWhat the broker did:\n..."))).contains("NOT RUN RESTRICT-2: no observer");
        assertThat(StatusMessage.stable(new Finding.NotRun(Finding.Why.BROKER_GONE, "NOT RUN: gone"))).as("no rule").isEmpty();
        assertThat(StatusMessage.stable(new Finding.Violation(Rule.ADV_3, "x", "ADV-3 not followed: x")))
                .as("a SHOULD rule failed in strict mode").hasValueSatisfying(m -> assertThat(m).startsWith("ADV-3 not followed (SHOULD): "));
    }

    @Test
    void theCategoriesMatchTheStableMessagesAndNothingElse() throws IOException {
        JsonNode categories;
        try (InputStream in = ReportTextTest.class.getResourceAsStream(AllureEnvironment.CATEGORIES)) {
            categories = new ObjectMapper().readTree(in);
        }
        Pattern violated = regex(categories, "Rule violated");
        Pattern advice = regex(categories, "Advice not followed");
        Pattern notRun = regex(categories, "Check could not run");
        String warning = StatusMessage.stable(new Finding.Warning(Rule.ADV_3, "x", "WARNING ADV-3 not followed: x\n\ny")).orElseThrow();
        String failure = StatusMessage.stable(new Finding.Violation(Rule.CRED_1, "x", "CRED-1 violated: x\n\ny")).orElseThrow();
        String strictWarning = StatusMessage.stable(new Finding.Violation(Rule.ADV_3, "x", "ADV-3 not followed: x\n\ny")).orElseThrow();
        assertThat(advice.matcher(warning).matches()).isTrue();
        assertThat(violated.matcher(failure).matches()).isTrue();
        assertThat(violated.matcher(strictWarning).matches()).isTrue();
        assertThat(notRun.matcher(StatusMessage.stable(new Finding.NotRun(Finding.Why.PRECONDITION, Rule.PRE_1, "why",
                "NOT RUN PRE-1: why\n\nz")).orElseThrow()).matches()).isTrue();
        assertThat(advice.matcher(failure).matches()).isFalse();
        assertThat(advice.matcher("WARNING ADV-3 not followed: x\n\ny").matches()).as("an unconverted message").isFalse();
    }

    private static Pattern regex(JsonNode categories, String name) {
        for (JsonNode c : categories) {
            if (c.path("name").asText().startsWith(name)) {
                return Pattern.compile(c.path("messageRegex").asText());
            }
        }
        throw new AssertionError("no category " + name);
    }

    @Test
    void theRulesPageHasAnAnchorPerRuleAndEscapedTexts() {
        String page = RulesPage.html();
        for (Rule rule : Rule.values()) {
            assertThat(page).as(rule.id()).contains("<tr id=\"" + rule.id() + "\">");
        }
        assertThat(page).contains("&lt;id&gt;").doesNotContain("<id>").doesNotContain("<script").doesNotContain("http://")
                .doesNotContain("https://").contains("<code>${ProductSN}|${DeviceSN}|${authmode}</code>");
    }
}
