package org.dynreg.tck.selftest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.dynreg.tck.bench.BenchReporter;
import org.dynreg.tck.bench.CommandLauncher;
import org.dynreg.tck.bench.DeviceBench;
import org.dynreg.tck.bench.HandLauncher;
import org.dynreg.tck.bench.InProcessLauncher;
import org.dynreg.tck.bench.Launcher;
import org.dynreg.tck.net.Delay;
import org.dynreg.tck.device.Conduct;
import org.dynreg.tck.device.Conduct.Flaw;
import org.dynreg.tck.device.DeviceResults;
import org.dynreg.tck.device.DeviceRule;
import org.dynreg.tck.device.ReferenceDeviceMain;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.FixtureLoader;
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.platform.Behaviour;
import org.dynreg.tck.platform.ReferencePlatform;
import org.dynreg.tck.report.OverallVerdict;
import org.dynreg.tck.report.RunResults.Outcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Proves the device bench's verdicts: the device features run, in this JVM, against one reference platform, once per
 * device — the reference device (conformant), each of its {@link Flaw}s alone (caught at its rule), lenient devices
 * (conformant), commands that never become a device (every scenario not run, in bounded time: INCOMPLETE), and the
 * reference device as a real command (the {@code DYNREG_*} environment contract). The runs of a group go side by side,
 * each with a bench of its own ({@link DeviceBench#runAsCurrent}) and DeviceSNs of its own. The matrix:
 * {@code target/self-test/device-matrix.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeviceBenchSelfTest {

    private static final Path OUT = Path.of("target", "self-test");
    private static final Path WORK = OUT.resolve("device-bench");
    /** DeviceSNs each run may use: a run of every scenario uses 13 (DEV-7's device starts twice as one DeviceSN). */
    private static final int DEVICES_PER_RUN = 20;
    private static final String PLUGINS = "io.qameta.allure.cucumber7jvm.AllureCucumber7Jvm, " + BenchReporter.NAME;
    /** The whole run of the commands that never become a device: each scenario waits CONNECT_WAIT, side by side. */
    private static final Duration NON_DEVICE_BOUND = Duration.ofSeconds(60);
    /**
     * How long one scenario of a device that never connects may take: its wait for the CONNECT, its stop, a margin. The
     * margin: the kit's tests run in 5 JVMs on 2 cores, and 39 processes started and killed at once took up to 18.2 s
     * there (5 s of margin was too little); a scenario that also waited for a step of the flow (12 s) still exceeds it.
     */
    private static final Duration NON_DEVICE_SCENARIO_BOUND = DeviceBench.CONNECT_WAIT.plus(DeviceBench.STOP_WAIT).plusSeconds(9);
    /** A shell word: the commands below are run by {@code /bin/sh -c}. */
    private static final Function<String, String> QUOTED = s -> "'" + s.replace("'", "'\\''") + "'";

    private ReferencePlatform platform;
    private Fixture fixture;
    private int nextDevice;
    private final List<Run> matrix = Collections.synchronizedList(new ArrayList<>());
    private final long startNanos = System.nanoTime();

    /**
     * A device the bench certifies, which scenarios run ({@code tags}, all if empty), what the bench must conclude, and the
     * network between the device and the bench, each way.
     */
    private record Case(String name, Launcher launcher, String tags, Expectation expected, Delay network) {
        Case(String name, Launcher launcher, String tags, Expectation expected) {
            this(name, launcher, tags, expected, Delay.NONE);
        }
    }

    /** What the bench must conclude of a device: {@code problems} lists how a run's results differ (none: met). */
    private record Expectation(String text, Function<DeviceResults, List<String>> problems) {
    }

    /** A finished run: its results, how many scenarios JUnit saw finish, what failed outside a scenario, its wall time. */
    private record Run(Case c, DeviceResults results, int scenarios, List<String> engineProblems, Duration took) {
        List<String> problems() {
            List<String> problems = new ArrayList<>(c.expected().problems().apply(results));
            if (scenarios == 0) {
                problems.add("no scenario ran");
            }
            if (results.entries().size() != scenarios) {
                problems.add(scenarios + " scenarios finished, but " + results.entries().size()
                        + " were recorded in this run's results (another run's, or none)");
            }
            return problems;
        }
    }

    @BeforeAll
    void startPlatform() {
        // Allure's lifecycle is created on first use, unsynchronized: runs started side by side could each create one,
        // and a device's transcript (Allure.addAttachment) would go to another run's lifecycle ("no test is running")
        io.qameta.allure.Allure.getLifecycle();
        fixture = FixtureLoader.withSystemEnvironment().load(Path.of("fixtures/embedded.yaml"), Optional.empty());
        // one embedded HiveMQ per JVM: a second one would take over the extension SDK's static Services; never closed
        // here (HiveMQ's close is slow, and the JVM's end ends it)
        platform = ReferencePlatform.start(fixture, Behaviour.exemplary(), WORK.resolve("platform"), 0);
    }

    /** Every device variant, side by side: the reference device, each flaw alone, the lenient devices. */
    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyDeviceVariant() {
        // -Dselftest.only=REGEX: only the variants whose name matches (for working on one of them)
        Pattern only = Pattern.compile(System.getProperty("selftest.only", ""));
        List<Case> cases = deviceVariants().stream().filter(c -> only.matcher(c.name()).find()).toList();
        List<Run> runs = certifyAll(cases);
        return runs.stream().map(run -> dynamicTest(run.c().name(), () -> assertThat(run.problems())
                .as("%s: expected %s%n%s", run.c().name(), run.c().expected().text(), run.results().table()).isEmpty()));
    }

    /**
     * Commands that never become a device end every scenario in bounded time as not run, with one line, and the verdict
     * is INCOMPLETE (never NOT CONFORMANT); each is ended, the one that ignores SIGTERM killed.
     */
    @Test
    @Order(2)
    void commandsThatNeverConnectAreNotRunInBoundedTime() throws Exception {
        Instant since = Instant.now().minusSeconds(1);
        Set<String> sleeps = Set.of("600", "607", "608");
        List<Case> cases = List.of(
                new Case("command that never connects: sleep 600", new CommandLauncher("sleep 600"), "", allNotRun()),
                new Case("command that connects nowhere (a port nothing listens on), then hangs, deaf to SIGTERM",
                        new CommandLauncher("exec bash -c 'trap \"\" TERM; (: <>/dev/tcp/$DYNREG_BROKER_HOST/1) 2>/dev/null;"
                                + " exec sleep 607'"), "", allNotRun()),
                new Case("command that opens a TCP connection to the platform, sends no CONNECT, then hangs",
                        new CommandLauncher("exec bash -c 'exec 3<>/dev/tcp/$DYNREG_BROKER_HOST/$DYNREG_BROKER_PORT; exec sleep 608'"),
                        "", allNotRun()));
        Map<String, AtomicInteger> mostAlive = new ConcurrentHashMap<>();
        sleeps.forEach(s -> mostAlive.put(s, new AtomicInteger()));
        var sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleAtFixedRate(() -> {
            Map<String, Long> alive = sleepers(since, sleeps).stream()
                    .collect(Collectors.groupingBy(p -> p.info().arguments().orElseThrow()[0], Collectors.counting()));
            alive.forEach((arg, n) -> mostAlive.get(arg).accumulateAndGet(n.intValue(), Math::max));
        }, 0, 500, TimeUnit.MILLISECONDS);
        long start = System.nanoTime();
        List<Run> runs;
        try {
            runs = certifyAll(cases);
        } finally {
            sampler.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        List<ProcessHandle> left = awaitNone(since, sleeps, Duration.ofSeconds(3));
        System.out.println("the commands' processes alive at once, at most: " + mostAlive + "; left after the run: " + left.size());
        for (Run run : runs) {
            assertThat(run.problems()).as("%s: expected %s%n%s", run.c().name(), run.c().expected().text(), run.results().table())
                    .isEmpty();
            assertThat(run.results().entries()).as("%s: every scenario ends within %s", run.c().name(), NON_DEVICE_SCENARIO_BOUND)
                    .allMatch(e -> e.took().compareTo(NON_DEVICE_SCENARIO_BOUND) <= 0);
        }
        assertThat(took).as("the three commands' runs, side by side").isLessThan(NON_DEVICE_BOUND);
        // the processes were there (else the check below proves nothing), and none is left
        assertThat(mostAlive.values()).as("the commands' processes seen alive during the run").allMatch(n -> n.get() > 0);
        assertThat(left).as("processes of the commands left after the run: %s", left.stream()
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList()).isEmpty();
    }

    /**
     * The reference device as a real command, {@code java … ReferenceDeviceMain}, as a vendor's command runs (its
     * parameters in DYNREG_* environment variables): conformant on the rules run. Only some rules (each start is a JVM
     * start): the verdict is PARTIAL.
     */
    @Test
    @Order(3)
    void theReferenceDeviceAsACommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "exec " + QUOTED.apply(java) + " -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "
                + QUOTED.apply(System.getProperty("java.class.path")) + " " + ReferenceDeviceMain.class.getName();
        Set<DeviceRule> rules = EnumSet.of(DeviceRule.DEV_1, DeviceRule.DEV_6, DeviceRule.DEV_7);
        Case c = new Case("the reference device as a command (java " + ReferenceDeviceMain.class.getSimpleName() + ")",
                new CommandLauncher(command), rules.stream().map(r -> "@" + r.id()).collect(Collectors.joining(" or ")), partial(rules));
        Run run = certifyAll(List.of(c)).get(0);
        assertThat(run.problems()).as("%s: expected %s%n%s", c.name(), c.expected().text(), run.results().table()).isEmpty();
    }

    /**
     * By hand ({@code -Ddevice.mode=hand}): the bench prints, one scenario at a time, what to give the device and waits
     * (bounded) for it. A person who does as told certifies the reference device on the rules run (PARTIAL: some rules,
     * DEV-7's second start among them); a person who does nothing gets every scenario not run within its wait.
     */
    @Test
    @Order(4)
    void byHand() {
        Set<DeviceRule> rules = EnumSet.of(DeviceRule.DEV_1, DeviceRule.DEV_6, DeviceRule.DEV_7);
        String tags = rules.stream().map(r -> "@" + r.id()).collect(Collectors.joining(" or "));
        var secret = org.dynreg.tck.spec.Secret.of(fixture.product().productSecret().reveal());
        ScriptedPerson person = new ScriptedPerson(secret, WORK.resolve("by-hand-states"), true);
        Run run = certifyAll(List.of(new Case("by hand: a person starts and stops the reference device as told",
                new HandLauncher(new java.io.PrintStream(person, true, java.nio.charset.StandardCharsets.UTF_8), Duration.ofSeconds(20)),
                tags, partial(rules)))).get(0);
        assertThat(run.problems()).as("by hand%n%s%n%s", run.results().table(), person.heard()).isEmpty();
        assertThat(person.starts()).as("starts: one per scenario, two for DEV-7").isEqualTo(4);
        assertThat(person.heard()).contains("ProdSecret the productSecret of fixtures/embedded.yaml")
                .doesNotContain(fixture.product().productSecret().reveal());

        ScriptedPerson absent = new ScriptedPerson(secret, WORK.resolve("by-hand-absent"), false);
        long start = System.nanoTime();
        Run nobody = certifyAll(List.of(new Case("by hand: nobody starts the device", new HandLauncher(
                new java.io.PrintStream(absent, true, java.nio.charset.StandardCharsets.UTF_8), Duration.ofSeconds(3)),
                "@DEV-1 or @DEV-6", allNotRun(EnumSet.of(DeviceRule.DEV_1, DeviceRule.DEV_6))))).get(0);
        assertThat(nobody.problems()).as("nobody%n%s", nobody.results().table()).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("two scenarios, one after the other, 3 s each and a stop")
                .isLessThan(Duration.ofSeconds(30));
    }

    private List<Case> deviceVariants() {
        List<Case> cases = new ArrayList<>();
        cases.add(inProcess("the reference device", Conduct.reference(), conformant()));
        for (Flaw flaw : Flaw.values()) {
            DeviceRule rule = ruleOf(flaw);
            if (flaw == Flaw.SHORT_WAIT) {
                // it asks again after 3 s; with RequestID "1" every time the late reply echoes its new request too, and it
                // logs in with that reply's secret (DEV-5 as worded, and asking again is left open): only with a new
                // RequestID per request does the late reply go untaken
                cases.add(inProcess("flaw SHORT_WAIT, RequestIDs 1, 2, 3, …", Conduct.reference()
                        .withRequestIds(Conduct.RequestIds.COUNTER).with(flaw), caught(rule)));
                cases.add(inProcess("flaw SHORT_WAIT alone: RequestID \"1\" each time, the late reply still echoes it",
                        Conduct.reference().with(flaw), conformant()));
                continue;
            }
            if (flaw == Flaw.PUBLISHES_UPLINK_WHILE_RESTRICTED) {
                // its request itself is as it should be: DEV-8 alone fails (one fault, one finding), DEV-3 passes
                cases.add(inProcess("flaw " + flaw.name(), Conduct.reference().with(flaw), caughtAlone(rule)));
                continue;
            }
            cases.add(inProcess("flaw " + flaw.name(), Conduct.reference().with(flaw),
                    rule.level() == DeviceRule.Level.MUST ? caught(rule) : warned(rule)));
        }
        // far from its broker (a 100 ms round trip): the bench's bounds still hold for a conformant device, and a request
        // sent before its SUBACK still reaches the relay before the SUBACK leaves it
        cases.add(farAway("the reference device, 50 ms each way", Conduct.reference(), conformant()));
        cases.add(farAway("flaw REQUEST_BEFORE_SUBACK, 50 ms each way", Conduct.reference().with(Flaw.REQUEST_BEFORE_SUBACK),
                caught(DeviceRule.DEV_2)));
        cases.add(inProcess("lenient: QoS 0", Conduct.reference().withQos(0), conformant()));
        cases.add(inProcess("lenient: RequestIDs 1, 2, 3, …", Conduct.reference().withRequestIds(Conduct.RequestIds.COUNTER), conformant()));
        cases.add(inProcess("lenient: a UUID per request", Conduct.reference().withRequestIds(Conduct.RequestIds.UUID), conformant()));
        cases.add(inProcess("lenient: waits 10 s for the reply", Conduct.reference().withReplyWait(Duration.ofSeconds(10)), conformant()));
        cases.add(inProcess("lenient: MQTT 5", Conduct.reference().overMqtt5(), conformant()));
        // the wire reads MQTT 5's properties too: a request before its SUBACK is caught over MQTT 5 as over 3.1.1
        cases.add(inProcess("flaw REQUEST_BEFORE_SUBACK over MQTT 5", Conduct.reference().overMqtt5().with(Flaw.REQUEST_BEFORE_SUBACK),
                caught(DeviceRule.DEV_2)));
        return cases;
    }

    /** The rule each flaw breaks (Conduct.Flaw's documentation). */
    private static DeviceRule ruleOf(Flaw flaw) {
        return switch (flaw) {
            case CLIENT_ID_WITHOUT_PRODUCT -> DeviceRule.DEV_1;
            case REQUEST_BEFORE_SUBACK -> DeviceRule.DEV_2;
            case REQUEST_ID_AS_NUMBER -> DeviceRule.DEV_3;
            case ANY_REQUEST_ID, RET_CODE_IGNORED, PASSWORD_PICKED_FROM_ANY_TEXT -> DeviceRule.DEV_4;
            case SHORT_WAIT -> DeviceRule.DEV_5;
            case LOGIN_WITH_AUTHMODE_2 -> DeviceRule.DEV_6;
            case REGISTERS_EVERY_START -> DeviceRule.DEV_7;
            case SUBSCRIBES_DOWNLINK_WHILE_RESTRICTED, PUBLISHES_UPLINK_WHILE_RESTRICTED -> DeviceRule.DEV_8;
            case KEEP_ALIVE_10 -> DeviceRule.DEV_9;
            case NO_BACKOFF -> DeviceRule.DEV_10;
        };
    }

    private static Case inProcess(String name, Conduct conduct, Expectation expected) {
        return new Case(name, new InProcessLauncher(conduct, "the kit's reference device, " + name), "", expected);
    }

    /** As {@link #inProcess}, the device behind the lab's proxy, 50 ms each way. */
    private static Case farAway(String name, Conduct conduct, Expectation expected) {
        return new Case(name, new InProcessLauncher(conduct, "the kit's reference device, " + name), "", expected,
                Delay.millis(50, 0));
    }

    // ---- expectations

    /** Every rule passed: CONFORMANT. */
    private static Expectation conformant() {
        return new Expectation("every rule PASSED, CONFORMANT", r -> {
            List<String> problems = new ArrayList<>();
            for (DeviceRule rule : DeviceRule.values()) {
                if (r.verdict(rule).orElse(null) != Outcome.PASSED) {
                    problems.add(rule.id() + " " + r.verdict(rule).map(Enum::name).orElse("not run at all") + ", not PASSED");
                }
            }
            verdict(r, OverallVerdict.CONFORMANT, problems);
            return problems;
        });
    }

    /** A MUST rule failed: NOT CONFORMANT (what else failed or did not run is in the matrix). */
    private static Expectation caught(DeviceRule rule) {
        return new Expectation(rule.id() + " FAILED, NOT CONFORMANT", r -> {
            List<String> problems = new ArrayList<>();
            if (r.verdict(rule).orElse(null) != Outcome.FAILED) {
                problems.add(rule.id() + " " + r.verdict(rule).map(Enum::name).orElse("not run at all") + ", not FAILED");
            }
            verdict(r, OverallVerdict.NOT_CONFORMANT, problems);
            return problems;
        });
    }

    /** {@code rule} FAILED and every other rule PASSED: NOT CONFORMANT, with one finding. */
    private static Expectation caughtAlone(DeviceRule rule) {
        return onlyThisRuleNotPassed(rule, Outcome.FAILED, OverallVerdict.NOT_CONFORMANT);
    }

    /** A SHOULD rule broken: a warning; every MUST rule passed, so the verdict stays CONFORMANT (not strict). */
    private static Expectation warned(DeviceRule rule) {
        return onlyThisRuleNotPassed(rule, Outcome.WARNING, OverallVerdict.CONFORMANT);
    }

    /** {@code rule} {@code want}, every other rule PASSED, and {@code overall}. */
    private static Expectation onlyThisRuleNotPassed(DeviceRule rule, Outcome want, OverallVerdict overall) {
        return new Expectation(rule.id() + " " + want + ", every other rule PASSED, " + overall.text(), r -> {
            List<String> problems = new ArrayList<>();
            for (DeviceRule other : DeviceRule.values()) {
                Outcome wanted = other == rule ? want : Outcome.PASSED;
                if (r.verdict(other).orElse(null) != wanted) {
                    problems.add(other.id() + " " + r.verdict(other).map(Enum::name).orElse("not run at all") + ", not " + wanted);
                }
            }
            verdict(r, overall, problems);
            return problems;
        });
    }

    /** Only {@code rules} selected, each PASSED: PARTIAL. */
    private static Expectation partial(Set<DeviceRule> rules) {
        return new Expectation(rules.stream().map(DeviceRule::id).collect(Collectors.joining(", ")) + " PASSED, no other rule run, PARTIAL",
                r -> {
                    List<String> problems = new ArrayList<>();
                    for (DeviceRule rule : DeviceRule.values()) {
                        Optional<Outcome> got = r.verdict(rule);
                        if (rules.contains(rule) ? got.orElse(null) != Outcome.PASSED : got.isPresent()) {
                            problems.add(rule.id() + " " + got.map(Enum::name).orElse("not run at all") + ", not "
                                    + (rules.contains(rule) ? "PASSED" : "left out"));
                        }
                    }
                    verdict(r, OverallVerdict.PARTIAL, problems);
                    return problems;
                });
    }

    /** Every scenario not run (a precondition: the device never connected), its reason one line: INCOMPLETE. */
    private static Expectation allNotRun() {
        return allNotRun(EnumSet.allOf(DeviceRule.class));
    }

    /** Every scenario of {@code rules} (the run's selection) NOT RUN with one line, no other rule, INCOMPLETE. */
    private static Expectation allNotRun(Set<DeviceRule> rules) {
        String of = rules.size() == DeviceRule.values().length ? "" : " of " + rules.stream().map(DeviceRule::id).collect(Collectors.joining(", "));
        return new Expectation("every scenario" + of + " NOT RUN with one line, INCOMPLETE", r -> {
            List<String> problems = new ArrayList<>();
            for (DeviceResults.Entry e : r.entries()) {
                if (e.outcome() != Outcome.NOT_RUN || e.why() != Finding.Why.PRECONDITION) {
                    problems.add(e.rule().id() + " \"" + e.scenario() + "\" " + e.outcome() + " (" + e.why() + "), not NOT_RUN (PRECONDITION)");
                } else if (e.message().isBlank() || e.message().strip().contains("\n")) {
                    problems.add(e.rule().id() + " \"" + e.scenario() + "\": its reason is not one line: " + e.message());
                }
            }
            if (Arrays.stream(DeviceRule.values()).anyMatch(rule -> r.verdict(rule).isPresent() != rules.contains(rule))) {
                problems.add("the rules recorded are not " + rules);
            }
            verdict(r, OverallVerdict.INCOMPLETE, problems);
            return problems;
        });
    }

    private static void verdict(DeviceResults r, OverallVerdict want, List<String> problems) {
        if (r.overall() != want) {
            problems.add("verdict " + r.overall().text() + ", not " + want.text());
        }
    }

    // ---- running the device features

    /** Each case on a bench of its own (its own DeviceSNs and state folders), all side by side; in the matrix. */
    private List<Run> certifyAll(List<Case> cases) {
        if (cases.isEmpty()) {
            return List.of(); // -Dselftest.only matched none of them
        }
        // the benches are opened one after another (each takes its DeviceSNs; its results start the Allure results)
        Map<Case, DeviceBench> benches = new LinkedHashMap<>();
        for (Case c : cases) {
            benches.put(c, DeviceBench.open(platform, fixture, c.launcher(), WORK.resolve(slug(c.name())), nextDevice, c.network()));
            nextDevice += DEVICES_PER_RUN;
        }
        ExecutorService runners = Executors.newFixedThreadPool(cases.size(), r -> {
            Thread t = new Thread(r, "device-bench self-test run");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Run>> futures = new ArrayList<>();
            benches.forEach((c, bench) -> futures.add(runners.submit(() -> certify(c, bench))));
            List<Run> runs = new ArrayList<>();
            for (Future<Run> f : futures) {
                runs.add(f.get(5, TimeUnit.MINUTES));
            }
            matrix.addAll(runs);
            return runs;
        } catch (Exception e) {
            throw new IllegalStateException("a run of the device features did not finish: " + e, e);
        } finally {
            runners.shutdownNow();
        }
    }

    /** The device features, run in this JVM as failsafe runs DeviceBenchIT, with {@code bench} as the run's bench. */
    private static Run certify(Case c, DeviceBench bench) {
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectDirectory(Path.of("features", "device").toFile()))
                .filters(EngineFilter.includeEngines("cucumber"))
                .configurationParameter("cucumber.glue", "org.dynreg.tck.bench.steps")
                .configurationParameter("cucumber.plugin", PLUGINS);
        if (!c.tags().isEmpty()) {
            request.configurationParameter("cucumber.filter.tags", c.tags());
        }
        AtomicInteger scenarios = new AtomicInteger();
        List<String> engineProblems = Collections.synchronizedList(new ArrayList<>());
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    scenarios.incrementAndGet();
                } else if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                    engineProblems.add(id.getDisplayName() + ": " + result.getThrowable().map(String::valueOf).orElse("failed"));
                }
            }
        };
        long start = System.nanoTime();
        bench.runAsCurrent(() -> LauncherFactory.create().execute(request.build(), listener));
        return new Run(c, bench.results(), scenarios.get(), List.copyOf(engineProblems), Duration.ofNanos(System.nanoTime() - start));
    }

    private static String slug(String name) {
        String slug = name.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.length() > 60 ? slug.substring(0, 60) : slug;
    }

    // ---- the commands' processes

    /** The {@code sleep} processes of the commands above ({@code sleep 600} …), started since {@code since}, still alive. */
    private static List<ProcessHandle> sleepers(Instant since, Set<String> args) {
        return ProcessHandle.allProcesses().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/sleep")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> a.length == 1 && args.contains(a[0])).orElse(false))
                .filter(p -> p.info().startInstant().map(s -> !s.isBefore(since)).orElse(true))
                .toList();
    }

    private static List<ProcessHandle> awaitNone(Instant since, Set<String> args, Duration bound) throws InterruptedException {
        long deadline = System.nanoTime() + bound.toNanos();
        List<ProcessHandle> left = sleepers(since, args);
        while (!left.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            left = sleepers(since, args);
        }
        return left;
    }

    // ---- the matrix

    @AfterAll
    void writeMatrix() throws IOException {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        StringBuilder md = new StringBuilder("# Self-test: the device bench's verdict for each device\n\n")
                .append("Each device ran the device features (features/device/) on a bench of its own, against one reference ")
                .append("platform; the devices of a group side by side. Cells: the rule's result (`pass`, `FAIL n/m`, `warn`, ")
                .append("`not run n/m`, `ERROR`; `-`: not selected).\n\n| device |");
        for (DeviceRule r : DeviceRule.values()) {
            md.append(' ').append(r.id()).append(" |");
        }
        md.append(" verdict | expected | got | run |\n|---|").append("---|".repeat(DeviceRule.values().length)).append("---|---|---|---|\n");
        int met = 0;
        List<String> details = new ArrayList<>();
        synchronized (matrix) {
            for (Run run : matrix) {
                List<String> problems = run.problems();
                met += problems.isEmpty() ? 1 : 0;
                md.append("| ").append(run.c().name().replace("|", "\\|")).append(" |");
                for (DeviceRule r : DeviceRule.values()) {
                    md.append(' ').append(cell(run.results(), r)).append(" |");
                }
                md.append(' ').append(run.results().overall().text()).append(" | ").append(run.c().expected().text())
                        .append(" | ").append(problems.isEmpty() ? "as expected" : "**" + String.join("; ", problems) + "**")
                        .append(" | ").append(String.format("%.1f s", run.took().toMillis() / 1000.0)).append(" |\n");
                for (DeviceResults.Entry e : run.results().entries()) {
                    if (e.outcome() != Outcome.PASSED) {
                        details.add("- " + run.c().name() + " — " + e.rule().id() + " " + e.outcome() + " \"" + e.scenario() + "\": "
                                + e.message().lines().findFirst().orElse(""));
                    }
                }
                run.engineProblems().forEach(p -> details.add("- " + run.c().name() + " — outside a scenario: " + p));
            }
        }
        String summary = String.format("devices judged as expected: %d/%d (self-test took %d s)", met, matrix.size(), took.toSeconds());
        md.append('\n').append(summary).append("\n\n## What was not passed, first line\n\n").append(String.join("\n", details)).append('\n');
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve("device-matrix.md"), md);
        System.out.println(md);
    }

    /** A rule's cell: its worst outcome, with how many of its scenarios had it. */
    private static String cell(DeviceResults results, DeviceRule rule) {
        List<DeviceResults.Entry> mine = results.entries().stream().filter(e -> e.rule() == rule).toList();
        Optional<Outcome> worst = results.verdict(rule);
        if (worst.isEmpty()) {
            return "-";
        }
        long n = mine.stream().filter(e -> e.outcome() == worst.get()).count();
        String count = mine.size() > 1 ? " " + n + "/" + mine.size() : "";
        return switch (worst.get()) {
            case PASSED -> "pass" + (mine.size() > 1 ? " " + mine.size() : "");
            case FAILED -> "**FAIL" + count + "**";
            case ERROR -> "**ERROR" + count + "**";
            case WARNING -> "warn" + count;
            case NOT_RUN -> "not run" + count;
        };
    }
}
