package org.dynreg.tck.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.FixtureLoader;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.platform.Behaviour;
import org.dynreg.tck.platform.ReferencePlatform;
import org.dynreg.tck.report.HtmlReport;
import org.dynreg.tck.report.Kit;
import org.dynreg.tck.report.OverallVerdict;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.steps.BrokerUnderTest;
import org.dynreg.tck.steps.DeviceDemand;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The HTML report, looked at in a real browser: a run against the reference platform with two
 * SHOULD rules not followed (forbidden subscriptions end the connection, 64-character secrets), its report
 * built as {@code mvn -Preport} builds it, served over HTTP on 127.0.0.1 and opened in headless
 * Chromium. The report must show the verdict on its first screen, the kit's executor, rule texts
 * intact, one warning group per rule, a rule link that works, and ask nothing of the internet.
 * Screenshots: {@code target/self-test/html-report-screenshots/}. Without Chromium the test is
 * skipped, saying so (and fails on CI, which installs it).
 */
class HtmlReportSelfTest {

    private static final Path OUT = Path.of("target", "self-test", "html");
    static final Path SCREENSHOTS = Path.of("target", "self-test", "html-report-screenshots");
    private static final Path ALLURE_HOME = Path.of("target", "allure-commandline", "allure-2.34.0");
    private static final Duration RENDER = Duration.ofSeconds(30);

    @Test
    void theReportSaysWhatTheRunFoundAndLoadsNothingFromOutside() throws Exception {
        Path chromium = chromiumOrSkip();
        Path results = Path.of(System.getProperty("allure.results.directory", "allure-results"));
        RunResults run = runWithWarningsOfTwoRules();
        assertThat(run.overall()).isEqualTo(OverallVerdict.CONFORMANT);
        assertThat(run.entries().stream().filter(e -> e.outcome() == RunResults.Outcome.WARNING)
                .map(e -> e.rule().id()).toList()).as("warnings of the run, several per rule")
                .containsExactlyInAnyOrder("ADV-2", "ADV-2", "ADV-2", "ADV-2", "ADV-4", "ADV-4");

        assertThat(Files.readString(OUT.resolve("conformance").resolve("summary.md"))).as("summary.md's header")
                .startsWith("# dynreg-tck certification: CONFORMANT\n")
                .contains("- kit: dynreg-tck " + Kit.version() + "\n")
                .containsPattern("(?m)^- date: 20[0-9]{2}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$")
                .containsPattern("(?m)^- duration: [0-9.]+ s$")
                .containsPattern("(?m)^- broker: tcp://127\\.0\\.0\\.1:[0-9]+ \\(embedded reference platform\\)$")
                .containsPattern("(?m)^- fixture SHA-256: [0-9a-f]{64}$")
                .contains("- MQTT versions: 3.1.1, 5\n", "- strict: no (SHOULD rules are warnings)\n", "CRED-1      MUST");

        Path report = OUT.resolve("report");
        HtmlReport.generate(results, report, ALLURE_HOME);

        try (StaticFiles server = new StaticFiles(report); HeadlessChromium browser = HeadlessChromium.start(chromium)) {
            String origin = server.origin();
            firstScreen(browser, origin);
            warningGroups(browser, origin);
            behaviors(browser, origin);
            String rulesLink = ruleText(browser, origin, testCaseUid(report, "SECRET-2's test over MQTT 5",
                    t -> t.path("name").asText().equals("The reply has the documented shape [MQTT 5]")));
            ruleLink(browser, origin, rulesLink);
            warningDetails(browser, origin, testCaseUid(report, "a warning of ADV-2",
                    t -> t.path("statusMessage").asText().startsWith("ADV-2 not followed")));

            List<String> requests = browser.requests();
            assertThat(requests).as("requests of the report's pages").anyMatch(u -> u.endsWith("/app.js"));
            assertThat(HeadlessChromium.offHost(requests, origin)).as("requests that leave " + origin).isEmpty();
        }
    }

    /** The overview: the verdict in the title and the environment's first entries, the kit's executor. */
    private static void firstScreen(HeadlessChromium browser, String origin) throws IOException {
        browser.navigate(origin + "/index.html");
        browser.waitUntil("document.body.innerText.includes('Executors'.toUpperCase()) && document.body.innerText.includes('dynreg-tck')",
                RENDER, "the overview with its executor");
        browser.waitUntil("document.querySelector('.summary-widget svg, .chart svg, svg') !== null", RENDER, "the overview's chart");
        browser.pause(Duration.ofMillis(1500), "the chart's animation, for the screenshot");
        browser.screenshot(SCREENSHOTS.resolve("1-overview.png"));
        assertThat(browser.evaluate("document.title").asText()).isEqualTo("dynreg-tck certification: CONFORMANT");
        String text = browser.text();
        assertThat(text).as("the summary's title").containsIgnoringCase("dynreg-tck certification: CONFORMANT");
        String environment = text.substring(text.toUpperCase().indexOf("ENVIRONMENT"));
        assertThat(environment).as("the environment's first entries, shown without 'Show all'")
                .containsSubsequence("Verdict", "CONFORMANT", "Kit", "dynreg-tck " + Kit.version(), "Strict", "no (SHOULD rules are warnings)");
        String executors = text.substring(text.toUpperCase().indexOf("EXECUTORS"));
        assertThat(executors).contains("dynreg-tck").containsPattern("commit [0-9a-f]{12}|unknown commit").doesNotContain("Maven");
    }

    /** Categories: "Advice not followed" holds one group per rule, not one per warning. */
    private static void warningGroups(HeadlessChromium browser, String origin) throws IOException {
        browser.navigate(origin + "/index.html#categories");
        browser.waitUntil("[...document.querySelectorAll('.node__title')].some(e => e.textContent.includes('Advice not followed'))",
                RENDER, "the category 'Advice not followed'");
        browser.evaluate("[...document.querySelectorAll('.node__title')].find(e => e.textContent.includes('Advice not followed')).click()");
        browser.waitUntil("document.body.innerText.includes('ADV-2 not followed')", RENDER, "the warning groups");
        browser.screenshot(SCREENSHOTS.resolve("2-categories.png"));
        List<String> groups = groupTitles(browser);
        assertThat(groups).as("groups under 'Advice not followed'").hasSize(2);
        assertThat(groups.get(0)).contains("ADV-2 not followed (SHOULD): A forbidden SUBSCRIBE gets a failure return code");
        assertThat(groups.get(1)).contains("ADV-4 not followed (SHOULD): The secret is at most 16 characters");
    }

    private static List<String> groupTitles(HeadlessChromium browser) throws IOException {
        List<String> texts = new java.util.ArrayList<>();
        browser.evaluate("[...document.querySelectorAll('.node__title')].map(e => e.textContent.replace(/\\s+/g, ' ').trim())"
                + ".filter(t => /ADV-[0-9]+ not followed/.test(t))").forEach(n -> texts.add(n.asText()));
        return texts;
    }

    /** Behaviors: the five areas at the top, each with its rules (no epic to click through first). */
    private static void behaviors(HeadlessChromium browser, String origin) throws IOException {
        browser.navigate(origin + "/index.html#behaviors");
        browser.waitUntil("[...document.querySelectorAll('.node__title')].some(e => e.textContent.includes('Credentials'))",
                RENDER, "the behaviors tree");
        browser.screenshot(SCREENSHOTS.resolve("6-behaviors.png"));
        List<String> top = new java.util.ArrayList<>();
        browser.evaluate("[...document.querySelectorAll('.tree__content > .node > .node__title .node__name')].map(e => e.textContent.trim())")
                .forEach(n -> top.add(n.asText()));
        assertThat(top).as("the behaviors tree's first level").containsExactlyInAnyOrder(
                "Credentials", "Pre-authentication", "Restricted session", "Secret", "Static login");
    }

    /** A test's page: the rule's text with its placeholders, the feature's description in paragraphs. Returns the rule link. */
    private static String ruleText(HeadlessChromium browser, String origin, String uid) throws IOException {
        browser.navigate(origin + "/index.html#testresult/" + uid);
        browser.waitUntil("document.body.innerText.includes('SECRET-2 (MUST)')", RENDER, "SECRET-2's test page");
        browser.screenshot(SCREENSHOTS.resolve("3-secret-2.png"));
        String description = browser.evaluate("document.querySelector('.description__text').innerText").asText();
        assertThat(description).contains("whose RetCode is the string \"0\"")
                .contains("publishes {\"RequestID\": \"<id>\"} to")
                .contains("{\"RetCode\": \"0\", \"RequestID\": \"<id>\", \"Password\": \"<DevSecret>\"}")
                .as("a wrapped line of the feature's description joined, not broken")
                .contains("/password_reply and publishes");
        return browser.evaluate("[...document.querySelectorAll('a')].find(a => a.textContent.includes('SECRET-2 in RULES.md')).href").asText();
    }

    /** The rule link leads, over HTTP, to the rule in the kit's RULES.md. */
    private static void ruleLink(HeadlessChromium browser, String origin, String link) throws IOException {
        assertThat(link).isEqualTo(origin + "/rules.html#SECRET-2");
        browser.navigate(link);
        browser.waitUntil("document.getElementById('SECRET-2') !== null", RENDER, "the rules page with SECRET-2");
        browser.screenshot(SCREENSHOTS.resolve("4-rules.png"));
        assertThat(browser.evaluate("document.getElementById('SECRET-2').innerText").asText())
                .contains("non-empty string");
        assertThat(browser.evaluate("document.getElementById('SECRET-1').innerText").asText())
                .contains("{\"RequestID\": \"<id>\"}");
    }

    /** A warning's page: the stable message (what the category groups by), and the details behind it. */
    private static void warningDetails(HeadlessChromium browser, String origin, String uid) throws IOException {
        browser.navigate(origin + "/index.html#testresult/" + uid);
        browser.waitUntil("document.querySelector('.status-details__message') !== null", RENDER, "the warning's message");
        assertThat(browser.evaluate("document.querySelector('.status-details__message').innerText").asText())
                .startsWith("ADV-2 not followed (SHOULD): A forbidden SUBSCRIBE gets a failure return code");
        browser.evaluate("document.querySelector('.status-details__trace-toggle')?.click()");
        browser.waitUntil("document.body.innerText.includes('What the broker did')", RENDER, "the warning's details");
        browser.screenshot(SCREENSHOTS.resolve("5-warning.png"));
        assertThat(browser.text()).contains("WARNING ADV-2 not followed: ").contains("SUBSCRIBE");
    }

    /** The uid of the report's test case that {@code wanted} picks, from the report's data. */
    private static String testCaseUid(Path report, String what, Predicate<JsonNode> wanted) throws IOException {
        try (Stream<Path> files = Files.list(report.resolve("data").resolve("test-cases"))) {
            for (Path f : files.sorted().toList()) {
                JsonNode testCase = new ObjectMapper().readTree(f.toFile());
                if (wanted.test(testCase)) {
                    return testCase.path("uid").asText();
                }
            }
        }
        throw new AssertionError("no test case in " + report + " is " + what);
    }

    private static RunResults runWithWarningsOfTwoRules() throws IOException {
        Fixture fixture = FixtureLoader.withSystemEnvironment().load(Path.of("fixtures/embedded.yaml"), Optional.empty());
        Behaviour behaviour = Behaviour.exemplary()
                .forbiddenSubscribe(Behaviour.ForbiddenSubscribe.CLOSE_CONNECTION).secretLength(64);
        ReferencePlatform platform = ReferencePlatform.start(fixture, behaviour, OUT.resolve("platform"), 0);
        try {
            CertificationRun run = CertificationRun.start(new CertificationRun.Settings(Path.of("fixtures/embedded.yaml"),
                    Optional.empty(), false, Path.of("features"), "", OUT), BrokerUnderTest.withPlatform(fixture, platform, "tcp"), DeviceDemand.perVersion(Path.of("features"), ""));
            RunResults results = SuiteRunner.run(run, List.of(MqttVersion.V3_1_1, MqttVersion.V5), "",
                    SuiteRunner.ALLURE + ", " + SuiteRunner.REPORTER);
            results.write(OUT.resolve("conformance"));
            return results;
        } finally {
            platform.close();
        }
    }

    private static Path chromiumOrSkip() {
        Optional<Path> chromium = HeadlessChromium.find();
        if (chromium.isEmpty()) {
            String why = "the HTML report was not checked in a browser: chromium is not installed"
                    + " (apt-get install chromium, or -Ddynreg.chromium=PATH)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(why + "; on CI it must be (.ci/run installs it)");
            }
            System.out.println("SKIPPED: " + why);
            Assumptions.abort(why);
        }
        return chromium.get();
    }
}
