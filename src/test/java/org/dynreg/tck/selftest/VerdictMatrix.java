package org.dynreg.tck.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.dynreg.tck.fixture.BrokerAddress;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.FixtureLoader;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.kit.DevicePool;
import org.dynreg.tck.net.Delay;
import org.dynreg.tck.net.LatencyProxy;
import org.dynreg.tck.platform.Behaviour;
import org.dynreg.tck.platform.ReferencePlatform;
import org.dynreg.tck.report.RunResults.Outcome;
import org.dynreg.tck.report.OverallVerdict;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.spec.Rule;
import org.dynreg.tck.steps.DeviceDemand;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Proves the kit's verdicts: the certification suite runs against the reference platform once per
 * {@link Variant}. Every deviation must make the verdict NOT CONFORMANT with its own rule failed, over
 * each MQTT version; every lenient profile must leave the verdict CONFORMANT. One broker serves a part's
 * variants (its behaviour switches at runtime); each variant registers devices of its own.
 *
 * <p>The variants are dealt round-robin to the {@code parts} parts of a matrix, one test class each, which
 * surefire runs side by side in JVMs of their own (forkCount), each part on a reference platform of its own: a
 * variant spends most of its time waiting (silence windows, a delayed network), so parts overlap well. Each
 * variant's row is kept in a file of the run; each part, when it ends, writes the matrix from every row kept so far,
 * so the last part to end writes it whole.
 */
@org.junit.jupiter.api.TestInstance(org.junit.jupiter.api.TestInstance.Lifecycle.PER_CLASS)
abstract class VerdictMatrix {

    static final Path OUT = Path.of("target", "self-test");
    private static final int WHITELIST = 6000;
    /** A shorter reply timeout than the embedded fixture's: waits for a reply that never comes end sooner. */
    private static final Fixture.Timeouts SELF_TEST_TIMEOUTS = new Fixture.Timeouts(6, 1000);

    private ReferencePlatform platform;
    /** The platform configured without MQTT's optional features, started for the variant that needs it. */
    private ReferencePlatform minimal;
    private int toMinimal;
    private ClosingRefusalProxy closingProxy;
    /** The ports the kit connects to: the platform's own, or through {@code network} where it delays. */
    private int direct;
    private int closing;
    private org.dynreg.tck.net.AliasResolvingProxy aliasResolving;
    private int resolvingAliases;
    /** The delaying proxies this part opened, closed at its end. */
    private final List<LatencyProxy> delaying = new ArrayList<>();
    private Fixture base;
    private int nextDevice;
    private MatrixRows rows;
    private long startNanos;
    /** The results of the last run. */
    private RunResults results;

    private final Delay network;
    private final String matrixName;
    private final int part;
    private final int parts;

    /**
     * @param network    between the kit and the broker, each way
     * @param matrixName the file the matrix goes to, in {@code target/self-test/}
     * @param part       this part's number, from 1 to {@code parts}
     * @param parts      how many parts the matrix is dealt to (a class each)
     */
    protected VerdictMatrix(Delay network, String matrixName, int part, int parts) {
        this.network = network;
        this.matrixName = matrixName;
        this.part = part;
        this.parts = parts;
    }

    /** This part's own folder: its platforms and the summaries of its runs. */
    private Path work() {
        return OUT.resolve(matrixName.replace(".md", "") + "-part-" + part);
    }

    @BeforeAll
    void startPlatform() {
        startNanos = System.nanoTime();
        rows = new MatrixRows(OUT, matrixName.replace(".md", ""));
        Fixture embedded = FixtureLoader.withSystemEnvironment().load(Path.of("fixtures/embedded.yaml"), Optional.empty());
        List<String> whitelist = IntStream.range(0, WHITELIST).mapToObj(i -> String.format("55%010d", i)).toList();
        base = withWhitelist(embedded, whitelist);
        platform = ReferencePlatform.start(base, Behaviour.exemplary(), work().resolve("reference-platform"), 0);
        try {
            closingProxy = new ClosingRefusalProxy(platform.tcpAddress().port());
            direct = throughNetwork(platform.tcpAddress().port());
            closing = throughNetwork(closingProxy.port());
            aliasResolving = new org.dynreg.tck.net.AliasResolvingProxy("127.0.0.1", platform.tcpAddress().port());
            resolvingAliases = throughNetwork(aliasResolving.port());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code port} itself on loopback; else the port of a proxy to it that delays as {@code network} says. */
    private int throughNetwork(int port) throws IOException {
        if (network.equals(Delay.NONE)) {
            return port;
        }
        LatencyProxy proxy = new LatencyProxy("127.0.0.1", port, 0, network, network);
        delaying.add(proxy);
        return proxy.port();
    }

    /** The "refusal by closing" profile really refuses that way (else it would prove nothing). */
    protected void closingProxyRefusesWithoutConnack() {
        for (MqttVersion version : MqttVersion.values()) {
            var connection = org.dynreg.tck.mqtt.Connection.create(
                    new org.dynreg.tck.mqtt.Endpoint(BrokerAddress.tcp("127.0.0.1", closingProxy.port()), Optional.empty()),
                    version, "nobody", "nobody", new org.dynreg.tck.mqtt.Transcript());
            var refused = connection.connect(new org.dynreg.tck.mqtt.Credentials("nobody", "nobody|x|2", "x"));
            assertThat(refused.kind()).isEqualTo(org.dynreg.tck.mqtt.Outcomes.Kind.CLOSED);
        }
    }

    /**
     * Without an observer, non-delivery of a forbidden publish can only be shown by an explicit refusal:
     * where the broker gives none, the check is reported not run — for a conformant broker and for one
     * that leaks alike — and the verdict is INCOMPLETE, never CONFORMANT.
     */
    protected void checksThatNeedAnObserverAreNotRunWithoutOne() {
        run(new Variant("exemplary, no observer", false, null, "@RESTRICT-2", Variant.BOTH, b -> { }), false);
        var noObserver = org.dynreg.tck.kit.Finding.Why.NO_OBSERVER;
        assertThat(results.entries()).filteredOn(e -> e.version().equals("3.1.1") && e.why() != org.dynreg.tck.kit.Finding.Why.NOT_APPLICABLE)
                .isNotEmpty().allMatch(e -> e.outcome() == Outcome.NOT_RUN && e.why() == noObserver);
        // PUBACK / PUBREC 0x87: an explicit refusal; a Will, and a QoS 0 PUBLISH through a topic alias, are never
        // acknowledged, so only an observer can show they were not delivered
        assertThat(results.entries()).filteredOn(e -> e.version().equals("5"))
                .anyMatch(e -> e.outcome() == Outcome.PASSED)
                .allMatch(e -> e.outcome() == Outcome.PASSED || e.outcome() == Outcome.NOT_RUN && e.why() == noObserver
                        && (e.scenario().contains("Will Message") || e.scenario().contains("topic alias")));
        assertThat(results.overall()).isEqualTo(OverallVerdict.INCOMPLETE);

        run(new Variant("leaking, no observer", true, "RESTRICT-2", "@RESTRICT-2", Variant.BOTH,
                b -> b.deviate(org.dynreg.tck.platform.Deviation.RESTRICTED_PUBLISH_ANYWHERE)), false);
        assertThat(results.entries()).isNotEmpty().allMatch(e -> e.outcome() == Outcome.NOT_RUN);
        assertThat(results.overall()).isEqualTo(OverallVerdict.INCOMPLETE);
    }

    @TestFactory
    Stream<DynamicTest> everyVariant() {
        // the latest a late leak may come and still fall in the window: the bound, less the network both ways and a margin
        // (300 ms: what the reference platform and a loaded 2-core machine add on top of the network, measured up to ~300)
        int latestLeak = SELF_TEST_TIMEOUTS.silenceMillis() - 300
                - 2 * (int) network.mean().plus(network.jitter()).toMillis();
        // -Dselftest.only=REGEX: only the variants whose name matches (for working on one of them)
        java.util.regex.Pattern only = java.util.regex.Pattern.compile(System.getProperty("selftest.only", ""));
        // a part takes every parts-th variant; with -Dselftest.only, the first part takes every one that matches
        boolean narrowed = !only.pattern().isEmpty();
        List<Variant> all = Variant.all(latestLeak);
        return IntStream.range(0, all.size())
                .filter(i -> narrowed ? part == 1 : i % parts == part - 1)
                .filter(i -> only.matcher(all.get(i).name()).find())
                .mapToObj(i -> DynamicTest.dynamicTest(
                        (all.get(i).deviation() ? "deviation " : "lenient profile ") + all.get(i).name(), () -> check(i, all.get(i))));
    }

    private void check(int index, Variant v) {
        Map<Rule, Outcome> row = run(v);
        // the kit leaves nothing behind: every retained message it set, or had a device set, is cleared
        assertThat(RetainedLeftovers.on((v.broker() == Variant.Broker.WITHOUT_OPTIONAL_FEATURES ? minimal : platform).tcpAddress(),
                base.observer().orElseThrow()))
                .as("retained messages left on the platform by the run of %s", v.name()).isEmpty();
        String name = (v.deviation() ? "deviation " : "lenient ") + v.name();
        if (v.deviation()) {
            Rule rule = Rule.byId(v.rule()).orElseThrow();
            List<String> failedIn = results.entries().stream()
                    .filter(e -> e.rule() == rule && e.outcome() == Outcome.FAILED).map(RunResults.Entry::version)
                    .distinct().toList();
            boolean isCaught = results.overall() == OverallVerdict.NOT_CONFORMANT
                    && failedIn.containsAll(v.mustFailOver().stream().map(MqttVersion::label).toList());
            rows.keep(new MatrixRows.Row(index, name, isCaught ? MatrixRows.Result.CAUGHT : MatrixRows.Result.MISSED, row));
            assertThat(isCaught).as("deviation %s must fail %s over MQTT %s; it failed over %s; verdict %s%n%s",
                    v.name(), v.rule(), v.mustFailOver(), failedIn, results.overall(), results.table()).isTrue();
        } else {
            OverallVerdict overall = results.overall();
            boolean conformant = overall == OverallVerdict.CONFORMANT || !v.tags().isEmpty() && overall == OverallVerdict.PARTIAL;
            rows.keep(new MatrixRows.Row(index, name, conformant ? MatrixRows.Result.PASSED : MatrixRows.Result.FALSELY_FAILED, row));
            assertThat(conformant).as("lenient profile %s must be conformant%n%s", v.name(), results.table()).isTrue();
        }
    }

    private Map<Rule, Outcome> run(Variant v) {
        return run(v, true);
    }

    /** The platform that offers none of MQTT's optional features (started once), with {@code behaviour}'s settings. */
    private int withoutOptionalFeatures(Behaviour behaviour) {
        if (minimal == null) {
            minimal = ReferencePlatform.startWithoutOptionalFeatures(base, behaviour, work().resolve("reference-platform-minimal"));
            try {
                toMinimal = throughNetwork(minimal.tcpAddress().port());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return toMinimal;
    }

    private Map<Rule, Outcome> run(Variant v, boolean withObserver) {
        Behaviour behaviour = platform.behaviour().reset();
        v.setup().accept(behaviour);
        int perVersion = DeviceDemand.perVersion(Path.of("features"), v.tags());
        int needed = perVersion * v.versions().size() + DevicePool.RESERVED;
        List<String> slice = base.product().whitelistedDevices().subList(nextDevice, nextDevice + needed);
        nextDevice += needed;
        BrokerAddress broker = BrokerAddress.tcp("127.0.0.1", switch (v.broker()) {
            case PLATFORM -> direct;
            case REFUSING_BY_CLOSING -> closing;
            case WITHOUT_OPTIONAL_FEATURES -> withoutOptionalFeatures(behaviour);
            case RESOLVING_TOPIC_ALIASES -> resolvingAliases;
        });
        Fixture fixture = new Fixture(base.file(), base.sha256(), broker, v.versions(),
                new Fixture.Product(base.product().productSN(), base.product().productSecret(), slice,
                        base.product().unlistedDevices()),
                base.productWithoutDynamicRegistration(), withObserver ? base.observer() : Optional.empty(), base.topics(),
                base.timeouts(), base.tls());
        CertificationRun.Settings settings = new CertificationRun.Settings(base.file(), Optional.empty(), false,
                Path.of("features"), v.tags(), work()).withOutput(true, work().resolve("conformance"));
        results = SuiteRunner.run(CertificationRun.start(settings, fixture, perVersion), v.versions(),
                v.tags(), SuiteRunner.REPORTER);
        Map<Rule, Outcome> row = new LinkedHashMap<>();
        for (Rule rule : Rule.values()) {
            results.verdict(rule).ifPresent(o -> row.put(rule, o));
        }
        return row;
    }

    @AfterAll
    void writeMatrix() throws IOException {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        List<MatrixRows.Row> all = rows.all();
        StringBuilder md = new StringBuilder("# Self-test: the kit's verdict for each variant of the reference platform\n\n")
                .append("Between the kit and the broker: ").append(network).append(" each way.\n\n");
        md.append("Deviations break one MUST rule each and must be caught at that rule; lenient profiles take options ")
                .append("the spec leaves open and must pass every MUST rule. Cells: the rule's verdict over the MQTT ")
                .append("versions run (blank: not selected for that variant).\n\n| variant |");
        for (Rule r : Rule.values()) {
            md.append(' ').append(r.id()).append(" |");
        }
        md.append("\n|---|").append("---|".repeat(Rule.values().length)).append('\n');
        for (MatrixRows.Row row : all) {
            md.append("| ").append(row.name().replace("|", "\\|")).append(" |");
            for (Rule r : Rule.values()) {
                Outcome o = row.outcomes().get(r);
                md.append(' ').append(o == null ? "" : switch (o) {
                    case PASSED -> "passed";
                    case FAILED -> "**failed**";
                    case ERROR -> "**error**";
                    case WARNING -> "warning";
                    case NOT_RUN -> "skipped";
                }).append(" |");
            }
            md.append('\n');
        }
        String summary = String.format("deviations caught %d/%d, lenient profiles passed %d/%d",
                count(all, MatrixRows.Result.CAUGHT), count(all, MatrixRows.Result.CAUGHT) + count(all, MatrixRows.Result.MISSED),
                count(all, MatrixRows.Result.PASSED),
                count(all, MatrixRows.Result.PASSED) + count(all, MatrixRows.Result.FALSELY_FAILED));
        md.append('\n').append(summary).append(" (the parts that have ended; each part runs on a platform of its own)\n");
        names(all, MatrixRows.Result.MISSED).ifPresent(n -> md.append("\nmissed deviations: ").append(n).append('\n'));
        names(all, MatrixRows.Result.FALSELY_FAILED).ifPresent(n -> md.append("\nlenient profiles failed: ").append(n).append('\n'));
        Files.createDirectories(OUT);
        Path tmp = OUT.resolve(matrixName + ".part-" + part + ".tmp");
        Files.writeString(tmp, md);
        Files.move(tmp, OUT.resolve(matrixName), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("%s, part %d of %d took %d s; %s so far: %s — %s each way%n", matrixName, part, parts,
                took.toSeconds(), OUT.resolve(matrixName), summary, network);
        delaying.forEach(LatencyProxy::close);
        aliasResolving.close();
    }

    private static long count(List<MatrixRows.Row> rows, MatrixRows.Result result) {
        return rows.stream().filter(r -> r.result() == result).count();
    }

    private static Optional<String> names(List<MatrixRows.Row> rows, MatrixRows.Result result) {
        List<String> names = rows.stream().filter(r -> r.result() == result).map(MatrixRows.Row::name).toList();
        return names.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", names));
    }

    private static Fixture withWhitelist(Fixture f, List<String> whitelist) {
        return new Fixture(f.file(), f.sha256(), f.broker(), f.mqttVersions(),
                new Fixture.Product(f.product().productSN(), f.product().productSecret(), whitelist, f.product().unlistedDevices()),
                f.productWithoutDynamicRegistration(), f.observer(), f.topics(), SELF_TEST_TIMEOUTS, f.tls());
    }
}
