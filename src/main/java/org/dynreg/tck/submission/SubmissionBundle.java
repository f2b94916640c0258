package org.dynreg.tck.submission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dynreg.tck.report.RunResults;
import org.dynreg.tck.spec.Secrets;

/**
 * The submission bundle: one zip that holds everything a reviewer needs and a manifest of the
 * SHA-256 of every file, optionally signed. Layout:
 * <pre>
 * MANIFEST.sha256            sha256  path, for every other file
 * MANIFEST.sha256.sig        the manifest's signature (Base64), when signed
 * signer.pem                 the signer's certificate or public key, when signed
 * summary.md, summary.json   the run's summary (with the kit's fingerprint)
 * observer-transcript.txt    the observer's transcript of the whole run (a broker's, with an observer)
 * summary.schema.json        the JSON Schema of summary.json (a device's: device-summary.schema.json)
 * badge.json                 the verdict in the shields.io endpoint format
 * environment.json           its kind (broker or device), kit version, commit and fingerprint, Java, OS, broker, MQTT
 *                            versions, strict, tag filter (a device's: the device, the platform, strict)
 * fixture/fixture.redacted.yaml, fixture/fixture.sha256   the fixture, secrets masked; the original's SHA-256
 * allure-results/...         the Allure results with their transcripts
 * junit/TEST-*.xml           failsafe's JUnit XML (a broker's: a device's bundle is written before its suite ends)
 * </pre>
 * Every text file passes through the kit's masking once more on its way in.
 */
public final class SubmissionBundle {

    public static final String FIXTURE = "fixture/fixture.redacted.yaml";
    public static final String FIXTURE_SHA = "fixture/fixture.sha256";
    public static final String ALLURE = "allure-results/";
    public static final String JUNIT = "junit/";

    /** What goes into a bundle; of {@code allureResults}, the files written since {@code runStart} (the run clears older ones too). */
    public record Contents(BundleKind kind, String product, Path summaryDir, Path allureResults, Instant runStart, List<Path> junitXml,
                           Path fixture, Map<String, String> environmentVariables, Map<String, Object> environment, byte[] badge) {
    }

    private SubmissionBundle() {
    }

    /** {@code dynreg-<product>-<UTC date>.zip}, a device's {@code dynreg-device-<product>-<UTC date>.zip}. */
    public static String fileName(BundleKind kind, String product, Instant when) {
        return kind.filePrefix() + product.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + DateTimeFormatter.ISO_LOCAL_DATE.withZone(ZoneOffset.UTC).format(when) + ".zip";
    }

    /** Writes the bundle into {@code dir}; returns its path. */
    public static Path write(Contents contents, Optional<SigningKey> key, Path dir, Instant when) {
        try {
            Map<String, byte[]> files = files(contents);
            key.ifPresent(k -> files.put(ManifestSignature.SIGNER, k.signerPem().getBytes(StandardCharsets.US_ASCII)));
            byte[] manifest = Manifest.of(files).bytes();
            files.put(Manifest.NAME, manifest);
            key.ifPresent(k -> files.put(Manifest.SIGNATURE, ManifestSignature.sign(manifest, k.privateKey())));
            Files.createDirectories(dir);
            Path zip = dir.resolve(fileName(contents.kind(), contents.product(), when));
            zip(files, zip);
            return zip;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the submission bundle into " + dir + ": " + e.getMessage(), e);
        }
    }

    static Map<String, byte[]> files(Contents c) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : List.of("summary.md", "summary.json")) {
            files.put(name, masked(Files.readAllBytes(c.summaryDir().resolve(name))));
        }
        Path observer = c.summaryDir().resolve(RunResults.OBSERVER_TRANSCRIPT);
        if (Files.isRegularFile(observer) && !Files.getLastModifiedTime(observer).toInstant().isBefore(c.runStart().minusSeconds(1))) {
            files.put(RunResults.OBSERVER_TRANSCRIPT, masked(Files.readAllBytes(observer)));
        }
        files.put(c.kind().schemaFile(), SummarySchema.text(c.kind().schemaResource()).getBytes(StandardCharsets.UTF_8));
        files.put(Badge.NAME, c.badge());
        files.put(RunEnvironment.NAME, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(c.environment()));
        byte[] fixture = Files.readAllBytes(c.fixture());
        files.put(FIXTURE, RedactedFixture.redact(new String(fixture, StandardCharsets.UTF_8), c.environmentVariables())
                .getBytes(StandardCharsets.UTF_8));
        files.put(FIXTURE_SHA, (Hashes.sha256(fixture) + "  " + c.fixture().getFileName() + "\n").getBytes(StandardCharsets.UTF_8));
        if (Files.isDirectory(c.allureResults())) {
            List<Path> results;
            try (Stream<Path> list = Files.list(c.allureResults())) {
                results = list.filter(Files::isRegularFile).sorted().toList();
            }
            // read and masked on every core (a run leaves about 1,100 of them), kept in their order
            List<Optional<byte[]>> read = results.parallelStream().map(f -> ofThisRun(f, c.runStart())).toList();
            for (int i = 0; i < results.size(); i++) {
                String name = ALLURE + results.get(i).getFileName();
                read.get(i).ifPresent(bytes -> files.put(name, bytes));
            }
        }
        for (Path xml : c.junitXml()) {
            files.put(JUNIT + xml.getFileName(), masked(Files.readAllBytes(xml)));
        }
        return files;
    }

    /** An Allure result of the run that started at {@code runStart}, masked; empty for a hidden file or an earlier run's. */
    private static Optional<byte[]> ofThisRun(Path f, Instant runStart) {
        try {
            if (f.getFileName().toString().startsWith(".") || Files.getLastModifiedTime(f).toInstant().isBefore(runStart.minusSeconds(1))) {
                return Optional.empty();
            }
            return Optional.of(masked(Files.readAllBytes(f)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
        }
    }

    /** Text goes through the kit's masking (idempotent); anything that is not UTF-8 text is kept as it is. */
    private static byte[] masked(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!java.util.Arrays.equals(text.getBytes(StandardCharsets.UTF_8), bytes)) {
            return bytes;
        }
        String masked = Secrets.mask(text);
        return masked.equals(text) ? bytes : masked.getBytes(StandardCharsets.UTF_8);
    }

    private static void zip(Map<String, byte[]> files, Path zip) throws IOException {
        Path tmp = zip.resolveSibling(zip.getFileName() + ".tmp");
        // buffered: unbuffered, each entry's headers and deflated pieces were small writes of their own (~0.2 s for a run's
        // ~1,100 files)
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
             ZipOutputStream z = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                ZipEntry e = new ZipEntry(f.getKey());
                z.putNextEntry(e);
                z.write(f.getValue());
                z.closeEntry();
            }
        }
        Files.move(tmp, zip, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The files of a bundle, by path; one {@link IllegalArgumentException} line if it is not a readable zip. */
    public static Map<String, byte[]> read(Path zip) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(zip); java.util.zip.ZipInputStream z = new java.util.zip.ZipInputStream(in)) {
            for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                if (e.isDirectory()) {
                    continue;
                }
                if (files.put(e.getName(), z.readAllBytes()) != null) {
                    throw new IllegalArgumentException(zip + ": holds " + e.getName() + " twice");
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(zip + ": file not found");
        } catch (IOException e) {
            throw new IllegalArgumentException(zip + ": not a readable zip (" + e.getMessage() + ")");
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException(zip + ": not a zip, or an empty one");
        }
        return files;
    }
}
