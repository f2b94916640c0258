package org.dynreg.tck.submission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code fingerprints.properties} in the kit's root: the fingerprint of each version of the kit, one
 * {@code version=sha256} line each. A released version's line is written once, when it is released,
 * and never changes; the development version's ({@code -SNAPSHOT}) line is refreshed by
 * {@value #COMMAND} whenever a file the fingerprint covers changes (a kit test fails until it is).
 */
public final class RecordedFingerprints {

    public static final String FILE = "fingerprints.properties";
    public static final String COMMAND = "mvn -q compile exec:java@fingerprint";

    private final Path file;
    private final Map<String, String> byVersion;

    private RecordedFingerprints(Path file, Map<String, String> byVersion) {
        this.file = file;
        this.byVersion = byVersion;
    }

    /** The recorded fingerprints of the kit whose root is {@code root}; none if it has no file. */
    public static RecordedFingerprints in(Path root) {
        Path file = root.resolve(FILE);
        Map<String, String> map = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String l = line.strip();
                int eq = l.indexOf('=');
                if (!l.isEmpty() && !l.startsWith("#") && eq > 0) {
                    map.put(l.substring(0, eq).strip(), l.substring(eq + 1).strip());
                }
            }
        } catch (NoSuchFileException e) {
            // nothing recorded
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new RecordedFingerprints(file, map);
    }

    public Optional<String> forVersion(String version) {
        return Optional.ofNullable(byVersion.get(version));
    }

    public Path file() {
        return file;
    }

    /** Records {@code sha256} for {@code version}, keeping every other line. A released version is never re-recorded. */
    public void record(String version, String sha256) {
        String known = byVersion.get(version);
        if (known != null && !known.equals(sha256) && !version.endsWith("-SNAPSHOT")) {
            throw new IllegalStateException(file + ": " + version + " is a released version, its fingerprint "
                    + Hashes.shortened(known) + " is never changed (change the pom's version first)");
        }
        List<String> lines = new ArrayList<>();
        boolean replaced = false;
        try {
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (line.strip().startsWith(version + "=")) {
                        lines.add(version + "=" + sha256);
                        replaced = true;
                    } else {
                        lines.add(line);
                    }
                }
            } else {
                lines.add("# The kit's fingerprint (SHA-256 of the files that decide a verdict) of each version: version=sha256.");
                lines.add("# A released version's line never changes; the -SNAPSHOT line is refreshed with: " + COMMAND);
            }
            if (!replaced) {
                lines.add(version + "=" + sha256);
            }
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        byVersion.put(version, sha256);
    }
}
