package org.dynreg.tck.spec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RuleTest {

    @Test
    void everyRuleOfRulesMdIsKnownWithItsLevelAndText() throws IOException {
        String rules = Files.readString(Path.of("src/main/resources/spec/RULES.md"));
        Matcher m = Pattern.compile("(?m)^\\| ([A-Z]+-[0-9]+) \\| (MUST|SHOULD) \\| (.*) \\|$").matcher(rules);
        int count = 0;
        while (m.find()) {
            Rule rule = Rule.byId(m.group(1)).orElseThrow(() -> new AssertionError("unknown rule " + m.group(1)));
            assertThat(rule.level().name()).as(rule.id()).isEqualTo(m.group(2));
            assertThat(rule.text()).as(rule.id() + ": spec/rules.tsv carries the text of the kit's RULES.md")
                    .isEqualTo(m.group(3).replace("\\|", "|"));
            count++;
        }
        assertThat(count).isEqualTo(Rule.values().length);
    }

    @Test
    void everyRuleHasAScenarioTaggedWithItsId() throws IOException {
        StringBuilder features = new StringBuilder();
        try (var files = Files.list(Path.of("features"))) {
            for (Path f : files.filter(f -> f.toString().endsWith(".feature")).toList()) {
                features.append(Files.readString(f));
            }
        }
        for (Rule rule : Rule.values()) {
            assertThat(features.toString()).as(rule.id()).containsPattern("@" + rule.id() + "(\\s|$)");
        }
    }
}
