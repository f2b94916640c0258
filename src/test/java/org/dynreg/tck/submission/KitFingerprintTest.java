package org.dynreg.tck.submission;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KitFingerprintTest {

    private static final Path KIT = Path.of("");

    @Test
    void anEditedFeatureFileIsAModifiedKit(@TempDir Path copy) throws IOException {
        copyKit(copy, false);
        RecordedFingerprints.in(copy).record(org.dynreg.tck.report.Kit.number(), KitFingerprint.of(copy).sha256());
        assertThat(KitCheck.of(copy).modified()).as("an unmodified copy, recorded").isFalse();

        Path feature = copy.resolve("features/2-pre-authentication.feature");
        String text = Files.readString(feature);
        assertThat(text).contains("| the other product's secret |");
        Files.writeString(feature, text.replace("        | the other product's secret |\n", "")); // a relaxed Examples table

        KitCheck edited = KitCheck.of(copy);
        assertThat(edited.modified()).isTrue();
        assertThat(edited.describe()).contains("not the one recorded for dynreg-tck " + edited.version())
                .endsWith("modified kit: this run cannot be submitted");
    }

    @Test
    void aWindowsCheckoutHasTheSameFingerprint(@TempDir Path unix, @TempDir Path windows) throws IOException {
        copyKit(unix, false);
        copyKit(windows, true);
        assertThat(Files.readString(windows.resolve("pom.xml"))).contains("\r\n");
        assertThat(KitFingerprint.of(windows)).isEqualTo(KitFingerprint.of(unix));
    }

    @Test
    void theReferencePlatformIsOutsideTheFingerprintTheKitsSourcesAreIn(@TempDir Path copy) throws IOException {
        copyKit(copy, false);
        KitFingerprint.Value before = KitFingerprint.of(copy);
        write(copy.resolve("src/main/java/org/dynreg/tck/platform/Lenient.java"), "class Lenient {}");
        write(copy.resolve("src/test/java/org/dynreg/tck/selftest/More.java"), "class More {}");
        assertThat(KitFingerprint.of(copy)).isEqualTo(before);

        for (String decisive : new String[] {"src/main/java/org/dynreg/tck/kit/Lenient.java",
                "src/test/java/org/dynreg/tck/steps/AlwaysPass.java", "src/main/resources/spec/EXTRA.md"}) {
            write(copy.resolve(decisive), "class X {}");
            assertThat(KitFingerprint.of(copy)).as(decisive).isNotEqualTo(before);
            Files.delete(copy.resolve(decisive));
        }
        assertThat(KitFingerprint.of(copy)).isEqualTo(before);
    }

    @Test
    void whatThisRunLoadsIsTheKitsSources() {
        assertThat(KitFingerprint.notAsInSources(KIT, getClass().getClassLoader())).isEmpty();
    }

    @Test
    void anEditedRulesFileOnTheClasspathOrAnAddedStepClassIsAModifiedKit(@TempDir Path copy, @TempDir Path classes)
            throws IOException {
        copyKit(copy, false);
        RecordedFingerprints.in(copy).record(org.dynreg.tck.report.Kit.number(), KitFingerprint.of(copy).sha256());
        for (String file : KitFingerprint.files(copy)) { // what Maven copies to target/classes and target/test-classes
            for (String resources : new String[] {"src/main/resources/", "src/test/resources/"}) {
                if (file.startsWith(resources)) {
                    Path to = classes.resolve(file.substring(resources.length()));
                    Files.createDirectories(to.getParent());
                    Files.copy(copy.resolve(file), to);
                }
            }
        }
        try (URLClassLoader classpath = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null)) {
            assertThat(KitCheck.of(copy, classpath).modified()).as("the classpath as Maven builds it").isFalse();

            Path rules = classes.resolve("spec/rules.tsv");
            Files.writeString(rules, Files.readString(rules).replace(" is refused", " may be accepted")); // rules relaxed, sources untouched
            KitCheck edited = KitCheck.of(copy, classpath);
            assertThat(edited.fingerprint()).as("the sources' fingerprint").isEqualTo(KitFingerprint.of(copy));
            assertThat(edited.notAsInSources()).containsExactly(
                    "spec/rules.tsv: the classpath's copy is not src/main/resources/spec/rules.tsv");
            assertThat(edited.modified()).isTrue();
            assertThat(edited.describe()).contains("the run's classpath is not the kit's sources (spec/rules.tsv: ")
                    .endsWith("modified kit: this run cannot be submitted");

            Files.copy(copy.resolve("src/main/resources/spec/rules.tsv"), rules, StandardCopyOption.REPLACE_EXISTING);
            write(classes.resolve("org/dynreg/tck/steps/AlwaysPass.class"), "not really a class");
            write(classes.resolve("org/dynreg/tck/steps/Hooks$1.class"), "an inner class of a covered source");
            assertThat(KitCheck.of(copy, classpath).notAsInSources()).containsExactly(
                    "org/dynreg/tck/steps/AlwaysPass.class: on the classpath, but no covered source is org/dynreg/tck/steps/AlwaysPass.java");
        }
    }

    @Test
    void recordingKeepsOtherVersionsAndNeverChangesAReleasedOne(@TempDir Path dir) throws IOException {
        RecordedFingerprints file = RecordedFingerprints.in(dir);
        file.record("0.1.0", "a".repeat(64));
        file.record("0.2.0-SNAPSHOT", "b".repeat(64));
        file.record("0.2.0-SNAPSHOT", "c".repeat(64));
        RecordedFingerprints read = RecordedFingerprints.in(dir);
        assertThat(read.forVersion("0.1.0")).contains("a".repeat(64));
        assertThat(read.forVersion("0.2.0-SNAPSHOT")).contains("c".repeat(64));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> read.record("0.1.0", "d".repeat(64)))
                .hasMessageContaining("0.1.0 is a released version");
    }

    /** The files the fingerprint covers, and the recorded fingerprints, copied (optionally with CRLF line endings). */
    static void copyKit(Path target, boolean crlf) throws IOException {
        for (String file : KitFingerprint.files(KIT)) {
            String text = Files.readString(KIT.resolve(file), StandardCharsets.UTF_8);
            write(target.resolve(file), crlf ? text.replace("\n", "\r\n") : text);
        }
        Files.copy(KIT.resolve(RecordedFingerprints.FILE), target.resolve(RecordedFingerprints.FILE));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
