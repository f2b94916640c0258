package org.dynreg.tck.submission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The kit's fingerprint: one SHA-256 over every file that decides a verdict. That is the rules
 * (the features and the kit's copy of the spec), the code that runs them and judges them (the kit's
 * sources except the reference platform and the examples, which certify nothing of a vendor's
 * broker; the step definitions and suites), the Cucumber and JUnit configuration, and the pom
 * (dependencies, failsafe's configuration). Fixtures, the kit's own self-tests, README and CI are
 * outside it: they do not change what a run concludes about a broker.
 *
 * <p>Each file counts with its path (relative, with {@code /}) and the SHA-256 of its content with
 * line endings normalised to LF, so that a Windows checkout gives the same fingerprint.
 */
public final class KitFingerprint {

    /** What the fingerprint covers, relative to the kit's root: a directory (every file under it) or a file. */
    static final List<String> SCOPE = List.of(
            "pom.xml",
            "features/",
            "src/main/java/",
            "src/main/resources/",
            "src/test/java/org/dynreg/tck/steps/",
            "src/test/java/org/dynreg/tck/suite/",
            "src/test/resources/junit-platform.properties",
            "src/test/resources/META-INF/services/");

    /** Inside the scope, but deciding no vendor's verdict. */
    static final List<String> EXCLUDED = List.of(
            "src/main/java/org/dynreg/tck/platform/",
            "src/main/java/org/dynreg/tck/examples/");

    private KitFingerprint() {
    }

    /** The fingerprint of the kit whose root directory is {@code root}, and how many files it covers. */
    public record Value(String sha256, int files) {
    }

    public static Value of(Path root) {
        List<String> files = files(root);
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no kit files under " + root.toAbsolutePath()
                    + " (the fingerprint is computed in the kit's root directory)");
        }
        MessageDigest all = Hashes.digest();
        for (String file : files) {
            all.update((file + "\n" + Hashes.sha256(normalised(root.resolve(file))) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return new Value(java.util.HexFormat.of().formatHex(all.digest()), files.size());
    }

    /** The covered files, relative to {@code root}, with {@code /}, sorted. */
    static List<String> files(Path root) {
        Predicate<String> excluded = p -> EXCLUDED.stream().anyMatch(p::startsWith);
        List<String> out = new ArrayList<>();
        for (String entry : SCOPE) {
            Path path = root.resolve(entry);
            if (Files.isRegularFile(path)) {
                out.add(entry);
            } else if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile)
                            .map(p -> root.relativize(p).toString().replace('\\', '/'))
                            .filter(excluded.negate())
                            .forEach(out::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot list " + path, e);
                }
            }
        }
        out.sort(null);
        return out;
    }

    private static byte[] normalised(Path file) {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            return text.replace("\r\n", "\n").replace('\r', '\n').getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
