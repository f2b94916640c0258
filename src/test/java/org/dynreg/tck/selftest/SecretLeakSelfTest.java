package org.dynreg.tck.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.FixtureLoader;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.platform.Behaviour;
import org.dynreg.tck.platform.ReferencePlatform;
import org.dynreg.tck.report.OverallVerdict;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.spec.MqttVersion;
import org.dynreg.tck.steps.BrokerUnderTest;
import org.dynreg.tck.steps.DeviceDemand;
import org.junit.jupiter.api.Test;

/**
 * A real certification run, with the Allure plugin and the summary, over both MQTT versions: no
 * product secret, observer password or issued DevSecret may appear in clear in the Allure results,
 * the summary files or the console.
 */
class SecretLeakSelfTest {

    private static final Path OUT = Path.of("target", "self-test", "leak");

    @Test
    void noSecretAppearsInClearAnywhere() throws IOException {
        Fixture fixture = FixtureLoader.withSystemEnvironment().load(Path.of("fixtures/embedded.yaml"), Optional.empty());
        ReferencePlatform platform = ReferencePlatform.start(fixture, Behaviour.exemplary(), OUT.resolve("platform"), 0);
        CertificationRun run = CertificationRun.start(new CertificationRun.Settings(Path.of("fixtures/embedded.yaml"),
                Optional.empty(), false, Path.of("features"), "", OUT), BrokerUnderTest.withPlatform(fixture, platform, "tcp"), DeviceDemand.perVersion(Path.of("features"), ""));
        Path allure = Path.of(System.getProperty("allure.results.directory", "allure-results"));
        Path summary = run.settings().conformanceDir();

        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(new PrintStream(new Tee(out, console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, console), true, StandardCharsets.UTF_8));
        try {
            RunResults results = SuiteRunner.run(run, List.of(MqttVersion.V3_1_1, MqttVersion.V5), "",
                    SuiteRunner.ALLURE + ", " + SuiteRunner.REPORTER);
            System.out.println(results.table());
            results.write(summary);
            assertThat(results.overall()).isEqualTo(OverallVerdict.CONFORMANT);
        } finally {
            System.setOut(out);
            System.setErr(err);
        }

        List<String> secrets = Bundles.secretsOf(fixture, platform);
        assertThat(platform.issuedSecrets()).as("the run registered devices").hasSizeGreaterThan(20);

        List<String> texts = new ArrayList<>();
        texts.add(console.toString(StandardCharsets.UTF_8));
        for (Path dir : List.of(allure, summary)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    texts.add(f + "\n" + Files.readString(f, StandardCharsets.ISO_8859_1));
                }
            }
        }
        assertThat(texts).as("Allure results, summaries and console output").hasSizeGreaterThan(100);
        assertThat(String.join("\n", texts)).contains("«secret #");
        for (String secret : secrets) {
            for (String text : texts) {
                assertThat(text).as("a secret of %d characters appears in clear", secret.length()).doesNotContain(secret);
            }
        }
    }

    /** Writes to two streams. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] bytes, int off, int len) throws IOException {
            a.write(bytes, off, len);
            b.write(bytes, off, len);
        }
    }
}
