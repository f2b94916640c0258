package org.dynreg.tck.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The kit carries the specification it certifies against (src/main/resources/spec): it must be the
 * platform's, word for word. Where the platform's own copy is beside the kit's folder (../shared/spec, as
 * in the kit's development), the two are compared; a vendor's copy of the kit has no such folder, and there
 * the comparison says so and is skipped.
 */
class SpecCopyTest {

    private static final Path KIT = Path.of("src/main/resources/spec");
    private static final Path PLATFORM = Path.of("..", "shared", "spec");
    private static final List<String> FILES = List.of("SPEC.md", "RULES.md", "FIXTURE.md", "dynamic-registration.zh.dokuwiki.txt");

    @TestFactory
    List<DynamicTest> theKitsCopyOfTheSpecIsThePlatforms() {
        return FILES.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            assertThat(KIT.resolve(name)).as("the kit's copy of " + name).exists();
            Assumptions.assumeTrue(Files.isDirectory(PLATFORM),
                    "no " + PLATFORM.toAbsolutePath().normalize() + " beside the kit: its copy of the spec cannot be compared");
            assertThat(text(KIT.resolve(name))).as(name + " in " + KIT + " differs from " + PLATFORM)
                    .isEqualTo(text(PLATFORM.resolve(name)));
        })).toList();
    }

    private static String text(Path p) throws IOException {
        return Files.readString(p).replace("\r\n", "\n");
    }
}
