package org.dynreg.tck;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The direction of the arrows between the kit's packages, read from the compiled classes (ArchUnit): the
 * spec's vocabulary at the bottom, depending on nothing of the kit; nothing but the reference platform
 * depending on the reference platform; the reference platform on the spec and the fixture only; the
 * examples — what a vendor copies for its own broker — on the spec vocabulary, the MQTT client, the JDK and
 * the libraries they read and write with (Jackson, SnakeYAML), compiled here against exactly those.
 */
@AnalyzeClasses(packages = "org.dynreg.tck", importOptions = ImportOption.DoNotIncludeTests.class)
class LayoutTest {

    private static final String KIT = "org.dynreg.tck..";
    private static final String SPEC = "org.dynreg.tck.spec..";
    private static final String PLATFORM = "org.dynreg.tck.platform..";
    private static final String EXAMPLES = "org.dynreg.tck.examples..";
    private static final Path EXAMPLE_SOURCES = Path.of("src/examples");
    private static final Path EXAMPLE_CLASSES = Path.of("target/examples-classes");
    /** The spec package alone, out of target/classes: the one part of the kit the examples compile against. */
    private static final Path SPEC_ONLY = Path.of("target/examples-spec-classes");
    /** The jars the examples compile against: the MQTT client (and what its API is made of), Jackson, SnakeYAML. */
    private static final List<String> EXAMPLE_JARS = List.of("hivemq-mqtt-client-", "reactive-streams-", "rxjava-",
            "jackson-core-", "jackson-databind-", "jackson-annotations-", "snakeyaml-");

    @ArchTest
    static final ArchRule theSpecVocabularyDependsOnNothingOfTheKit = noClasses().that().resideInAPackage(SPEC)
            .should().dependOnClassesThat(resideInAPackage(KIT).and(not(resideInAPackage(SPEC))))
            .because("the spec's vocabulary is the ground floor: the kit, the platform and the examples stand on it");

    @ArchTest
    static final ArchRule nothingButThePlatformDependsOnThePlatform = noClasses().that().resideOutsideOfPackage(PLATFORM)
            .should().dependOnClassesThat().resideInAPackage(PLATFORM)
            .because("the certifier is given an address; whatever starts the reference platform lives in the test tree");

    @ArchTest
    static final ArchRule thePlatformStandsOnTheSpecAndTheFixtureOnly = noClasses().that().resideInAPackage(PLATFORM)
            .should().dependOnClassesThat(resideInAPackage(KIT)
                    .and(not(resideInAnyPackage(PLATFORM, SPEC, "org.dynreg.tck.fixture.."))));

    @ArchTest
    static final ArchRule theRunAndItsResultsLiveInTheRunScopeNotInStatics = fields().that().areDeclaredInClassesThat()
            .resideInAnyPackage("org.dynreg.tck.kit..", "org.dynreg.tck.report..").and().areStatic()
            // the kit's own version, read once: a constant of the jar, not a run's state
            .and().areNotDeclaredIn("org.dynreg.tck.report.Kit").should().beFinal()
            .because("one run's state is its RunScope's; the one bridge to the current scope is the test tree's CurrentScope");

    @ArchTest
    static final ArchRule nothingOfTheKitDependsOnTheExamples = noClasses().that().resideInAPackage(KIT)
            .and().resideOutsideOfPackage(EXAMPLES)
            .should().dependOnClassesThat().resideInAPackage(EXAMPLES);

    @Test
    void theExamplesCompileAgainstTheSpecAndTheMqttClientAloneAndDependOnNothingElse() throws IOException {
        List<Path> sources = javaFiles(EXAMPLE_SOURCES);
        assertThat(sources).isNotEmpty();
        List<String> classpath = new ArrayList<>();
        classpath.add(specOnly().toString());
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.endsWith(".jar") && EXAMPLE_JARS.stream().anyMatch(name::startsWith)) {
                classpath.add(entry);
            }
        }
        assertThat(classpath).as("the examples' classpath").anyMatch(e -> e.contains("hivemq-mqtt-client-"));
        List<String> args = new ArrayList<>(List.of("-d", Files.createDirectories(EXAMPLE_CLASSES).toString(),
                "-cp", String.join(java.io.File.pathSeparator, classpath), "-proc:none", "-implicit:none"));
        sources.forEach(s -> args.add(s.toString()));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac on %s with -cp %s", EXAMPLE_SOURCES, classpath)
                .isZero();

        JavaClasses examples = new ClassFileImporter().importPath(EXAMPLE_CLASSES);
        classes().that().resideInAPackage(EXAMPLES)
                .should().onlyDependOnClassesThat().resideInAnyPackage(EXAMPLES, SPEC, "com.hivemq.client..", "java..",
                        "com.fasterxml.jackson..", "org.yaml.snakeyaml..")
                .because("a vendor copies the example for its own broker: the spec vocabulary and the MQTT client are all it needs")
                .check(examples);
    }

    /** target/classes' spec package, copied apart: javac then cannot reach any other class of the kit. */
    private static Path specOnly() throws IOException {
        Path from = Path.of("target/classes/org/dynreg/tck/spec");
        Path to = SPEC_ONLY.resolve("org/dynreg/tck/spec");
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return SPEC_ONLY;
    }

    private static List<Path> javaFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }
}
