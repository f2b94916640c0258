package org.dynreg.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The direction of the arrows between the kit's packages, read from the sources' imports: the spec's
 * vocabulary at the bottom, importing nothing of the kit; nothing of the certifier importing the reference
 * platform or the examples; the examples — what a vendor copies for its own broker — on the spec vocabulary
 * and the MQTT client only, and compiling on their own.
 */
class LayoutTest {

    private static final Path MAIN = Path.of("src/main/java/org/dynreg/tck");
    private static final Path EXAMPLES = Path.of("src/examples");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import (?:static )?org\\.dynreg\\.tck\\.([a-z]+)");

    @Test
    void theSpecVocabularyImportsNothingOfTheKit() throws IOException {
        assertThat(imports(MAIN.resolve("spec"))).as("packages of the kit imported by spec/").isEmpty();
    }

    @Test
    void theCertifierImportsNeitherTheReferencePlatformNorTheExamples() throws IOException {
        for (String certifier : List.of("kit", "mqtt", "fixture", "report", "spec", "storm")) {
            assertThat(imports(MAIN.resolve(certifier))).as("packages imported by " + certifier + "/")
                    .doesNotContain("platform", "examples");
        }
    }

    @Test
    void theReferencePlatformImportsOnlyTheSpecAndTheFixture() throws IOException {
        assertThat(imports(MAIN.resolve("platform"))).as("packages imported by platform/")
                .isSubsetOf("platform", "spec", "fixture");
    }

    @Test
    void theExamplesStandOnTheSpecVocabularyAndTheMqttClientAndCompileAlone() throws IOException {
        List<Path> sources = javaFiles(EXAMPLES);
        assertThat(sources).isNotEmpty();
        for (Path source : sources) {
            assertThat(importsOf(source)).as("packages of the kit imported by " + source).isSubsetOf("spec", "examples");
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-d", Files.createDirectories(Path.of("target/examples-classes")).toString(),
                "-cp", System.getProperty("java.class.path"), "-proc:none"));
        sources.forEach(s -> args.add(s.toString()));
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac on " + EXAMPLES).isZero();
    }

    private static List<String> imports(Path dir) throws IOException {
        List<String> found = new ArrayList<>();
        for (Path f : javaFiles(dir)) {
            importsOf(f).stream().filter(p -> !found.contains(p)).forEach(found::add);
        }
        String own = dir.getFileName().toString();
        found.remove(own);
        return found;
    }

    private static List<String> importsOf(Path file) throws IOException {
        List<String> found = new ArrayList<>();
        Matcher m = IMPORT.matcher(Files.readString(file));
        while (m.find()) {
            if (!found.contains(m.group(1))) {
                found.add(m.group(1));
            }
        }
        return found;
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }
}
