package org.dynreg.tck.steps;

import io.qameta.allure.Allure;
import io.qameta.allure.listener.TestLifecycleListener;
import io.qameta.allure.model.Attachment;
import io.qameta.allure.model.Label;
import io.qameta.allure.model.Link;
import io.qameta.allure.model.Parameter;
import io.qameta.allure.model.StatusDetails;
import io.qameta.allure.model.TestResult;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.UUID;
import org.dynreg.tck.device.DeviceRule;
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.mqtt.Transcript;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.report.RuleDescription;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.report.StatusMessage;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.spec.Rule;

/**
 * Completes each scenario's Allure result before it is written: rule, area, severity and MQTT version
 * labels, a link to the rule, its text as the description, a status message that names the rule (the
 * report groups by it), the MQTT transcript as an attachment, and a history id per version (so
 * that the same scenario over MQTT 3.1.1 and 5 shows as two tests, not as retries of one).
 * A device bench scenario's result gets its rule and its finding as labels only ({@link #deviceScenarioStarted}).
 * Registered through {@code META-INF/services}; a scenario's result is written on the thread that ran it,
 * so the scenario that is finishing is the one the hooks last announced on that thread.
 */
public class AllureLabels implements TestLifecycleListener {

    /**
     * Where a rule ID links to: {@code rules.html} next to the report's {@code index.html} (the kit's
     * report command writes it there), unless {@code -Ddynreg.rules.url} names another page; a
     * {@code {id}} in it is replaced by the rule's ID.
     */
    static final String RULES_URL = System.getProperty("dynreg.rules.url", "rules.html#{id}");

    private record Current(Rule rule, MqttVersion version, Transcript transcript) {
    }

    /** Scenarios run concurrently, each on its own thread, which also writes its Allure result. */
    private static final ThreadLocal<Current> CURRENT = new ThreadLocal<>();
    /** The finding that ended the scenario running on this thread (the first, if several steps or hooks failed). */
    private static final ThreadLocal<Finding.Typed> FINDING = new ThreadLocal<>();
    /** The device bench's scenario running on this thread: its rule (a device scenario has no MQTT version of the kit's). */
    private static final ThreadLocal<DeviceRule> DEVICE_RULE = new ThreadLocal<>();

    static void announce(Rule rule, MqttVersion version, Transcript transcript) {
        CURRENT.set(new Current(rule, version, transcript));
    }

    /** A scenario starts on this thread: no finding yet. */
    public static void scenarioStarted() {
        FINDING.remove();
    }

    /**
     * A scenario of the device bench starts on this thread, checking {@code rule}: its result names the rule, and its
     * finding as for a broker's scenario ({@link #found}), which is what the verifier recomputes a device's verdict from.
     */
    public static void deviceScenarioStarted(DeviceRule rule) {
        scenarioStarted();
        DEVICE_RULE.set(rule);
    }

    /** A step or hook of the scenario running on this thread ended with {@code finding}: its result says so, by type. */
    public static void found(Finding.Typed finding) {
        if (FINDING.get() == null) {
            FINDING.set(finding);
        }
    }

    @Override
    public void beforeTestWrite(TestResult t) {
        Current c = CURRENT.get();
        Finding.Typed finding = FINDING.get();
        FINDING.remove();
        DeviceRule deviceRule = DEVICE_RULE.get();
        DEVICE_RULE.remove();
        if (deviceRule != null) {
            mutableLists(t);
            t.getLabels().add(label(RunResults.RULE_LABEL, deviceRule.id()));
            if (finding != null) {
                typed(t, finding);
            }
            return;
        }
        if (c == null) {
            return;
        }
        CURRENT.remove();
        String v = c.version() == null ? "?" : c.version().label();
        t.setName(t.getName() + " [MQTT " + v + "]");
        t.setHistoryId(md5(t.getHistoryId() + "/mqtt-" + v));
        t.setTestCaseId(md5(t.getTestCaseId() + "/mqtt-" + v));
        mutableLists(t);
        t.getParameters().add(new Parameter().setName("MQTT version").setValue(v));
        Rule rule = c.rule();
        if (rule != null) {
            t.getLabels().removeIf(l -> l.getName().equals("feature") || l.getName().equals("story")
                    || l.getName().equals("severity") || l.getName().equals("epic"));
            t.getLabels().add(label("feature", rule.area().title()));
            t.getLabels().add(label("story", rule.id() + " " + rule.summary()));
            t.getLabels().add(label("severity", rule.level() == Rule.Level.MUST ? "critical" : "minor"));
            t.getLabels().add(label("tag", rule.level().name()));
            t.getLinks().add(new Link().setName(rule.id() + " in RULES.md").setType("tms")
                    .setUrl(RULES_URL.replace("{id}", rule.id())));
            describe(t, rule);
        }
        if (finding != null) {
            typed(t, finding);
        }
        t.getLabels().add(label("parentSuite", "MQTT " + v));
        t.getLabels().add(label("tag", "MQTT " + v));
        String source = UUID.randomUUID() + "-attachment.txt";
        Allure.getLifecycle().writeAttachment(source,
                new ByteArrayInputStream(c.transcript().render().getBytes(StandardCharsets.UTF_8)));
        t.getAttachments().add(new Attachment().setName("MQTT transcript").setSource(source).setType("text/plain"));
    }

    /** The lists Allure hands over may be immutable. */
    private static void mutableLists(TestResult t) {
        t.setParameters(new ArrayList<>(t.getParameters()));
        t.setLabels(new ArrayList<>(t.getLabels()));
        t.setLinks(new ArrayList<>(t.getLinks()));
        t.setAttachments(new ArrayList<>(t.getAttachments()));
    }

    /** The rule's text and the feature's description, escaped and in paragraphs (Allure shows HTML). */
    private static void describe(TestResult t, Rule rule) {
        String gherkin = t.getDescription();
        t.setDescription(RuleDescription.plain(rule, gherkin));
        t.setDescriptionHtml(RuleDescription.html(rule, gherkin));
    }

    /**
     * The finding as labels — its kind, rule and why — which the verifier reads (never the message); and one
     * stable message per rule, so that the report groups its warnings (and failures) by rule; the details follow.
     */
    private static void typed(TestResult t, Finding.Typed finding) {
        t.getLabels().add(label(RunResults.OUTCOME_LABEL, finding.kind().label()));
        finding.rule().ifPresent(r -> t.getLabels().add(label(RunResults.RULE_LABEL, r.id())));
        finding.notRunBecause().ifPresent(why -> t.getLabels().add(label(RunResults.WHY_LABEL, why.name())));
        StatusDetails details = t.getStatusDetails();
        if (details == null) {
            return;
        }
        StatusMessage.stable(finding).ifPresent(stable -> {
            details.setTrace(details.getMessage());
            details.setMessage(stable);
        });
    }

    private static Label label(String name, String value) {
        return new Label().setName(name).setValue(value);
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(String.valueOf(text).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
