package org.dynreg.tck.submission;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The kit's fingerprint: one SHA-256 over every file that decides a verdict. That is the rules
 * (the features and the kit's copy of the spec), the code that runs them and judges them (the kit's
 * sources except the reference platform and the examples, which certify nothing of a vendor's
 * broker; the step definitions and suites; the device bench, which judges a vendor's device), the
 * Cucumber and JUnit configuration, and the pom
 * (dependencies, failsafe's configuration). Fixtures, the kit's own self-tests, README and CI are
 * outside it: they do not change what a run concludes about a broker.
 *
 * <p>Each file counts with its path (relative, with {@code /}) and the SHA-256 of its content with
 * line endings normalised to LF, so that a Windows checkout gives the same fingerprint.
 *
 * <p><b>What the run loads.</b> A run does not execute the sources: it loads the classpath
 * ({@code target/classes}, {@code target/test-classes}), and {@code Rule} reads {@code spec/rules.tsv},
 * the report {@code spec/RULES.md}, the verifier the schema from there. The fingerprint itself stays a
 * hash of the sources: it is the value a release records once and every vendor's run must
 * reproduce, whatever JDK compiled the kit; compiled classes differ between JDK builds (javac is
 * deterministic for one JDK only), so hashing them in would make an honest run on another JDK a
 * "modified kit". Instead {@link #notAsInSources} checks that what the run loads is what the
 * sources say, and {@link KitCheck} counts any difference as a modified kit:
 * <ul>
 *   <li>every covered resource ({@code src/main/resources}, the covered {@code src/test/resources})
 *       must be on the classpath byte for byte as in the sources (except {@code dynreg-tck.properties},
 *       which Maven filters; it names the version, and a wrong version is caught because the sources'
 *       fingerprint is then not the one recorded for it);</li>
 *   <li>every class in the packages that Cucumber and JUnit scan ({@link #SCANNED}: the glue and the
 *       suites, where a class takes part in the run without any covered file naming it) must have its
 *       source among the covered files, so a step class dropped into {@code target/test-classes} is
 *       a modified kit.</li>
 * </ul>
 * A class file compiled from the covered sources and then edited by hand is not detected: telling it
 * apart needs recompiling the kit with the same JDK, which is the reviewer's rerun, not a checksum.
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
            "src/test/java/org/dynreg/tck/bench/",
            "src/test/resources/junit-platform.properties",
            "src/test/resources/META-INF/services/");

    /** Inside the scope, but deciding no vendor's verdict. */
    static final List<String> EXCLUDED = List.of(
            "src/main/java/org/dynreg/tck/platform/",
            "src/main/java/org/dynreg/tck/examples/");

    /** The packages whose classes take part in a run by being scanned (Cucumber's glue, the JUnit suites, the device bench's). */
    static final List<String> SCANNED = List.of("org/dynreg/tck/steps", "org/dynreg/tck/suite", "org/dynreg/tck/bench");

    /** Resources that Maven filters when it copies them: their classpath copy differs from the source by design. */
    static final List<String> FILTERED = List.of("src/main/resources/dynreg-tck.properties");

    private static final List<String> RESOURCE_ROOTS = List.of("src/main/resources/", "src/test/resources/");
    private static final List<String> SOURCE_ROOTS = List.of("src/main/java/", "src/test/java/");

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

    /**
     * What {@code loader} (the run's classpath) loads that is not as in the sources of the kit in
     * {@code root}, one line each; empty if everything is. Classes are listed only where the
     * classpath is a directory (as in a Maven build), not inside a jar.
     */
    public static List<String> notAsInSources(Path root, ClassLoader loader) {
        List<String> covered = files(root);
        List<String> out = new ArrayList<>();
        for (String file : covered) {
            String resource = RESOURCE_ROOTS.stream().filter(file::startsWith).findFirst()
                    .map(r -> file.substring(r.length())).orElse(null);
            if (resource == null || FILTERED.contains(file)) {
                continue;
            }
            try (InputStream in = loader.getResourceAsStream(resource)) {
                if (in == null) {
                    out.add(resource + ": not on the classpath (" + file + " is)");
                } else if (!Arrays.equals(in.readAllBytes(), Files.readAllBytes(root.resolve(file)))) {
                    out.add(resource + ": the classpath's copy is not " + file);
                }
            } catch (IOException e) {
                out.add(resource + ": cannot be read from the classpath (" + e.getMessage() + ")");
            }
        }
        Set<String> sources = new HashSet<>();
        for (String file : covered) {
            SOURCE_ROOTS.stream().filter(file::startsWith).findFirst()
                    .filter(r -> file.endsWith(".java"))
                    .ifPresent(r -> sources.add(file.substring(r.length(), file.length() - ".java".length())));
        }
        for (String pkg : SCANNED) {
            for (String cls : classes(loader, pkg)) {
                String topLevel = cls.substring(0, cls.length() - ".class".length()).replaceFirst("\\$.*", "");
                if (!sources.contains(topLevel)) {
                    out.add(cls + ": on the classpath, but no covered source is " + topLevel + ".java");
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** The class files under {@code pkg} in the classpath's directories, relative to their classpath root. */
    private static List<String> classes(ClassLoader loader, String pkg) {
        List<String> out = new ArrayList<>();
        try {
            for (URL url : Collections.list(loader.getResources(pkg))) {
                if (!url.getProtocol().equals("file")) {
                    continue;
                }
                Path dir = Path.of(url.toURI());
                Path classpathRoot = dir;
                for (int i = 0; i < pkg.split("/").length; i++) {
                    classpathRoot = classpathRoot.getParent();
                }
                Path base = classpathRoot;
                try (Stream<Path> walk = Files.walk(dir)) {
                    walk.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".class"))
                            .map(p -> base.relativize(p).toString().replace('\\', '/'))
                            .forEach(out::add);
                }
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot list the classes of " + pkg + " on the classpath: " + e.getMessage(), e);
        }
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
