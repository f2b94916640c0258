package org.dynreg.tck.steps;

import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.kit.Watch;
import org.dynreg.tck.report.RuleDescription;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.report.StatusMessage;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.spec.Rule;
import org.dynreg.tck.spec.Secrets;

/**
 * The end of a pass: the run's watch ends, and every forbidden message that arrived after its scenario had
 * ended fails its rule — in the results (console, summary, verdict), as an Allure result of that rule with
 * the delay in its evidence, and as a failure of the suite (so the build fails).
 */
final class LateDeliveries {

    private static final String WHY = "The scenario found nothing within its silence window; the run kept watching the "
            + "connection that must not receive it, and this message arrived after the scenario had ended.";

    private LateDeliveries() {
    }

    /**
     * Ends {@code version}'s pass: records every late delivery, and returns one line for each that fails
     * the run (a MUST rule, or any rule in strict mode).
     */
    static List<String> endPass(CertificationRun run, RunResults results, MqttVersion version) {
        List<Watch.Late> late = run.pass(version).end();
        List<String> violations = new ArrayList<>();
        for (Watch.Late l : late) {
            Rule rule = Rule.byId(l.watched().rule()).orElseThrow();
            String message = Secrets.mask(l.describe() + "\n\nWhat arrived: PUBLISH \"" + l.received().topic() + "\" payload "
                    + l.received().text() + "\nsent at " + l.watched().sentAt() + ", judged absent at " + l.watched().judgedAt()
                    + ", delivered at " + l.received().at());
            results.late(rule, version, l.watched().scenario(), message);
            writeAllureResult(rule, version, l, message);
            if (rule.level() == Rule.Level.MUST || run.strict()) {
                violations.add(Secrets.mask(l.describe()));
            }
        }
        return violations;
    }

    private static void writeAllureResult(Rule rule, MqttVersion version, Watch.Late late, String message) {
        AllureLifecycle lifecycle = Allure.getLifecycle();
        String uuid = UUID.randomUUID().toString();
        String v = version.label();
        TestResult result = new TestResult().setUuid(uuid)
                .setName(late.watched().scenario() + " [MQTT " + v + "] — delivered after the scenario ended")
                .setFullName(rule.id() + " late delivery " + uuid)
                .setHistoryId(uuid)
                .setStatus(Status.FAILED)
                .setStatusDetails(new StatusDetails().setMessage(StatusMessage.judged(rule)).setTrace(message))
                .setDescription(RuleDescription.plain(rule, WHY))
                .setDescriptionHtml(RuleDescription.html(rule, WHY))
                .setLinks(new ArrayList<>(List.of(new Link().setName(rule.id() + " in RULES.md").setType("tms")
                        .setUrl(AllureLabels.RULES_URL.replace("{id}", rule.id())))))
                .setLabels(new ArrayList<>(List.of(label("feature", rule.area().title()),
                        label("story", rule.id() + " " + rule.summary()),
                        label("severity", rule.level() == Rule.Level.MUST ? "critical" : "minor"),
                        label("tag", rule.id()), label("parentSuite", "MQTT " + v), label("tag", "MQTT " + v),
                        label(RunResults.LATE_LABEL, late.watched().scenario()),
                        label(RunResults.OUTCOME_LABEL, Finding.Kind.VIOLATION.label()), label(RunResults.RULE_LABEL, rule.id()))))
                .setParameters(new ArrayList<>(List.of(new Parameter().setName("MQTT version").setValue(v),
                        new Parameter().setName("delay").setValue(late.delay().toMillis() + " ms"))));
        lifecycle.scheduleTestCase(result);
        lifecycle.startTestCase(uuid);
        lifecycle.addAttachment("late delivery", "text/plain", "txt", message.getBytes(StandardCharsets.UTF_8));
        lifecycle.stopTestCase(uuid);
        lifecycle.writeTestCase(uuid);
    }

    private static Label label(String name, String value) {
        return new Label().setName(name).setValue(value);
    }
}
