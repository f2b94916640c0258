package org.dynreg.tck.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.dynreg.tck.fixture.BrokerAddress;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.FixtureLoader;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.kit.Waits;
import org.dynreg.tck.net.Delay;
import org.dynreg.tck.net.VanishingProxy;
import org.dynreg.tck.platform.Behaviour;
import org.dynreg.tck.platform.ReferencePlatform;
import org.dynreg.tck.report.OverallVerdict;
import org.dynreg.tck.report.RunResults.Outcome;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.report.RunScope;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.steps.DeviceDemand;
import org.junit.jupiter.api.Test;

/**
 * A broker that goes away mid-run (every connection reset, new ones refused) certified nothing after that:
 * the run ends within seconds, INCOMPLETE, with one line saying when and during which scenario it stopped
 * answering — never NOT CONFORMANT, never a line per scenario.
 */
class BrokerGoneSelfTest {

    private static final Path OUT = Path.of("target", "self-test", "broker-gone");

    @Test
    void aBrokerThatGoesAwayMidRunIsIncompleteInOneLine() throws IOException {
        Fixture fixture = FixtureLoader.withSystemEnvironment().load(Path.of("fixtures/embedded.yaml"), Optional.empty());
        ReferencePlatform platform = ReferencePlatform.start(fixture, Behaviour.exemplary(), OUT.resolve("platform"), 0);
        try (VanishingProxy proxy = new VanishingProxy("127.0.0.1", platform.tcpAddress().port(), 0, Delay.NONE)) {
            Fixture viaProxy = fixture.withBroker(BrokerAddress.tcp("127.0.0.1", proxy.port()));
            CertificationRun.Settings settings = new CertificationRun.Settings(Path.of("fixtures/embedded.yaml"),
                    Optional.empty(), false, Path.of("features"), "", OUT);
            RunScope scope = RunScope.of(CertificationRun.start(settings, viaProxy, DeviceDemand.perVersion(Path.of("features"), "")));
            // mid-run: once 20 scenario runs have finished, every connection is reset and new ones are refused
            Thread trigger = new Thread(() -> {
                if (Waits.within("20 scenario runs finished", Duration.ofSeconds(60),
                        () -> scope.results().entries().size() >= 20)) {
                    proxy.vanish();
                }
            }, "broker-gone-trigger");
            trigger.setDaemon(true);
            trigger.start();
            long start = System.nanoTime();
            RunResults results = SuiteRunner.run(scope, List.of(MqttVersion.V3_1_1, MqttVersion.V5), "", SuiteRunner.REPORTER);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            String table = results.table();
            System.out.println(table);

            assertThat(results.overall()).as(table).isEqualTo(OverallVerdict.INCOMPLETE);
            assertThat(results.entries()).as("nothing failed: a broker that is gone violates no rule")
                    .noneMatch(e -> e.outcome() == Outcome.FAILED || e.outcome() == Outcome.ERROR);
            assertThat(results.entries()).anyMatch(e -> e.why() == Finding.Why.BROKER_GONE);
            assertThat(table).containsOnlyOnce("the broker stopped answering at")
                    .contains("scenario runs could not run; nothing after that was certified");
            assertThat(table.lines().filter(l -> l.startsWith("  NOT RUN")).count())
                    .as("no line per scenario that could not run").isLessThan(5);
            assertThat(proxy.vanishedAt()).as("the broker went away during the run").isNotNull();
            assertThat(results.entries()).as("scenarios had passed before it went").anyMatch(e -> e.outcome() == Outcome.PASSED);
            assertThat(took).as("the run ends soon after the broker went away").isLessThan(Duration.ofSeconds(30));
        } finally {
            platform.close();
        }
    }
}
