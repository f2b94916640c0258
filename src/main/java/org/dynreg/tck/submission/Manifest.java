package org.dynreg.tck.submission;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code MANIFEST.sha256}: the SHA-256 of every other file of the bundle, one {@code sha256  path}
 * line each (the format of {@code sha256sum}, so {@code sha256sum -c} checks an unpacked bundle),
 * sorted by path. Only the manifest and its signature are not listed.
 */
public final class Manifest {

    public static final String NAME = "MANIFEST.sha256";
    public static final String SIGNATURE = "MANIFEST.sha256.sig";

    private final SortedMap<String, String> sha256ByPath;

    private Manifest(SortedMap<String, String> sha256ByPath) {
        this.sha256ByPath = sha256ByPath;
    }

    public static Manifest of(Map<String, byte[]> files) {
        SortedMap<String, String> map = new TreeMap<>();
        files.forEach((path, bytes) -> {
            if (!path.equals(NAME) && !path.equals(SIGNATURE)) {
                map.put(path, Hashes.sha256(bytes));
            }
        });
        return new Manifest(map);
    }

    /** Reads a manifest; a line that is not {@code sha256  path} is an error naming the line. */
    public static Manifest parse(byte[] bytes) {
        SortedMap<String, String> map = new TreeMap<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!line.matches("[0-9a-f]{64}  \\S.*")) {
                throw new IllegalArgumentException(NAME + " line " + (i + 1) + " is not 'sha256  path'");
            }
            map.put(line.substring(66), line.substring(0, 64));
        }
        return new Manifest(map);
    }

    public byte[] bytes() {
        StringBuilder out = new StringBuilder();
        sha256ByPath.forEach((path, sha) -> out.append(sha).append("  ").append(path).append('\n'));
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    public Map<String, String> entries() {
        return new LinkedHashMap<>(sha256ByPath);
    }
}
