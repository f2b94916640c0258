package org.dynreg.tck.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier's command line: what it cannot check is one line and exit code 2; a zip that is no bundle is rejected. */
class VerifyBundleTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int verify(String bundle, String publicKey) {
        return VerifyBundle.run(bundle, publicKey, "", Path.of(""), Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void withoutABundleItSaysHowToRunIt() {
        assertThat(verify("", "")).isEqualTo(2);
        assertThat(output()).isEqualTo("no bundle to check: mvn -q compile exec:java@verify -Dbundle=PATH [-Dpublic.key=FILE] [-Dfixture=FILE]\n");
    }

    @Test
    void aMissingOrBrokenBundleOrKeyIsOneLine() throws IOException {
        assertThat(verify(dir.resolve("none.zip").toString(), "")).isEqualTo(2);
        assertThat(output()).isEqualTo("cannot check the bundle: " + dir.resolve("none.zip") + ": file not found\n");

        out.reset();
        Path text = Files.writeString(dir.resolve("bundle.zip"), "not a zip");
        assertThat(verify(text.toString(), "")).isEqualTo(2);
        assertThat(output()).isEqualTo("cannot check the bundle: " + text + ": not a zip, or an empty one\n");

        out.reset();
        assertThat(verify(text.toString(), text.toString())).isEqualTo(2);
        assertThat(output()).isEqualTo("cannot check the bundle: -Dpublic.key=" + text
                + ": holds neither a PEM 'PUBLIC KEY' nor a 'CERTIFICATE'\n");
    }

    @Test
    void aZipThatIsNoBundleIsRejected() throws IOException {
        Path zip = dir.resolve("other.zip");
        try (OutputStream o = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(o)) {
            z.putNextEntry(new ZipEntry("summary.json"));
            z.write("{\"verdict\":\"CONFORMANT\"}".getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        assertThat(verify(zip.toString(), "")).isEqualTo(1);
        assertThat(output()).contains("  FAIL  files      MANIFEST.sha256 is missing: not a dynreg-tck submission bundle")
                .contains("  FAIL  kit        environment.json does not name the kit's version and fingerprint")
                .endsWith("REJECTED: files, summary, verdict, kit, secrets checks failed\n");
        assertThat(output().lines().count()).as("one screen").isLessThan(25);
    }

    @Test
    void aManifestLineThatIsNotShaAndPathIsNamed() {
        assertThatThrownBy(() -> Manifest.parse(("# manifest\n" + "a".repeat(64) + "  summary.md\nsummary.json\n")
                .getBytes(StandardCharsets.UTF_8))).hasMessage("MANIFEST.sha256 line 3 is not 'sha256  path'");
    }
}
