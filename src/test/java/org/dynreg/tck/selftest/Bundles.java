package org.dynreg.tck.selftest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.platform.ReferencePlatform;
import org.dynreg.tck.submission.Badge;
import org.dynreg.tck.submission.Manifest;
import org.dynreg.tck.submission.VerifyBundle;

/**
 * What the submission self-tests (a broker's bundle, a device's) do with a bundle: tamper with its files, zip them
 * again, and run the reviewer's command on the zip, as a reviewer would, in the kit's root directory.
 */
final class Bundles {

    /** The verifier's exit code and its FAIL lines (without the "  FAIL  " prefix). */
    record Verdict(int exit, List<String> failures) {
    }

    /** A key pair's files: the one {@code -Dsign.key} reads (the private key and the public key), the public key alone. */
    record KeyFiles(Path signing, Path publicKey) {
    }

    private final Path out;
    private int written;
    private String lastOutput = "";

    /** Zips what it checks into {@code out}. */
    Bundles(Path out) {
        this.out = out;
    }

    /** Runs the reviewer's command on {@code files}, with their key and fixture (each "" for none). */
    Verdict verify(Map<String, byte[]> files, String publicKey, String fixtureFile) throws IOException {
        Path zip = out.resolve("tampered-" + (++written) + ".zip");
        zip(files, zip);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int exit = VerifyBundle.run(zip.toString(), publicKey, fixtureFile, Path.of(""), System.getenv(),
                new PrintStream(console, true, StandardCharsets.UTF_8));
        lastOutput = console.toString(StandardCharsets.UTF_8);
        System.out.println(lastOutput);
        return new Verdict(exit, lastOutput.lines().filter(l -> l.startsWith("  FAIL  ")).map(l -> l.substring(8)).toList());
    }

    /** A copy, named {@code name}, of the bundle a run wrote (a run's next bundle of the same day has the same name). */
    Path keep(java.util.Optional<Path> bundle, String name) throws IOException {
        return Files.copy(bundle.orElseThrow(() -> new AssertionError("no bundle written")), out.resolve(name),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** A new Ed25519 key pair, as PEM files {@code <name>.pem} and {@code <name>.pub.pem}. */
    KeyFiles keyPair(String name) throws IOException, GeneralSecurityException {
        KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Path signing = out.resolve(name + ".pem");
        Files.writeString(signing, pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        Path publicKey = out.resolve(name + ".pub.pem");
        Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        return new KeyFiles(signing, publicKey);
    }

    /** Every secret a run on {@code platform} knows, in clear: the fixture's, and every one the platform issued. */
    static List<String> secretsOf(Fixture fixture, ReferencePlatform platform) {
        List<String> secrets = new ArrayList<>(List.of(fixture.product().productSecret().reveal(),
                fixture.productWithoutDynamicRegistration().productSecret().reveal(),
                fixture.observer().orElseThrow().password().reveal()));
        secrets.addAll(platform.issuedSecrets());
        return secrets;
    }

    /** No file of {@code bundles} holds a secret of the fixture, or one the platform issued (at least {@code issued} of them). */
    static void assertNoSecretInClear(Fixture fixture, ReferencePlatform platform, int issued, List<Map<String, byte[]>> bundles) {
        List<String> secrets = secretsOf(fixture, platform);
        assertThat(platform.issuedSecrets()).as("the secrets the platform issued").hasSizeGreaterThanOrEqualTo(issued);
        for (Map<String, byte[]> bundle : bundles) {
            bundle.forEach((name, bytes) -> {
                String content = new String(bytes, StandardCharsets.UTF_8);
                for (String secret : secrets) {
                    assertThat(content).as("%s holds a secret of %d characters in clear", name, secret.length()).doesNotContain(secret);
                }
            });
        }
    }

    /** Where this JVM's Allure results go (the self-tests': target/self-test/allure-results-N, N the JVM's fork number). */
    static Path allureResults() {
        return Path.of(System.getProperty("allure.results.directory", "allure-results"));
    }

    /** The whole report of the latest {@link #verify}. */
    String lastOutput() {
        return lastOutput;
    }

    /** A copy of {@code bundle} edited by {@code edit}, its manifest recomputed over the edited files if asked. */
    static Map<String, byte[]> tamper(Map<String, byte[]> bundle, Consumer<Map<String, byte[]>> edit, boolean rehashManifest) {
        Map<String, byte[]> files = new LinkedHashMap<>(bundle);
        edit.accept(files);
        if (rehashManifest) {
            files.put(Manifest.NAME, Manifest.of(files).bytes());
        }
        return files;
    }

    /** Passes the run off as of another verdict: summary.json's and the badge's verdict changed from {@code from} to {@code to}. */
    static Consumer<Map<String, byte[]>> verdictChanged(String from, String to) {
        return f -> {
            replace(f, "summary.json", "\"verdict\" : \"" + from + "\"", "\"verdict\" : \"" + to + "\"");
            replace(f, Badge.NAME, "\"" + from.toLowerCase(Locale.ROOT) + "\"", "\"" + to.toLowerCase(Locale.ROOT) + "\"");
        };
    }

    static void append(Map<String, byte[]> files, String name, String text) {
        files.put(name, (text(files, name) + text).getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces the first {@code from} (which must be there) in the file {@code name}. */
    static void replace(Map<String, byte[]> files, String name, String from, String to) {
        String before = text(files, name);
        assertThat(before).as(name).contains(from);
        files.put(name, before.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to))
                .getBytes(StandardCharsets.UTF_8));
    }

    static String text(Map<String, byte[]> files, String name) {
        return new String(files.get(name), StandardCharsets.UTF_8);
    }

    static void zip(Map<String, byte[]> files, Path zip) throws IOException {
        try (OutputStream stream = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(stream)) {
            for (Map.Entry<String, byte[]> f : files.entrySet()) {
                z.putNextEntry(new ZipEntry(f.getKey()));
                z.write(f.getValue());
                z.closeEntry();
            }
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + java.util.Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
