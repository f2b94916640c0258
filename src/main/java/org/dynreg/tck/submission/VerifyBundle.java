package org.dynreg.tck.submission;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.FixtureException;
import org.dynreg.tck.fixture.FixtureLoader;

/**
 * The reviewer's command for a broker's or a device's submission bundle, run in the reviewer's own checkout of the kit:
 * {@code mvn -q compile exec:java@verify -Dbundle=PATH [-Dpublic.key=FILE] [-Dfixture=FILE]}.
 * Prints a one-screen report; exits 0 if the bundle is accepted, 1 if a check failed, 2 if it could
 * not check (no bundle, unreadable key or fixture).
 */
public final class VerifyBundle {

    public static final String COMMAND = "mvn -q compile exec:java@verify -Dbundle=PATH";
    /** At most this many lines per failed check: one screen. */
    static final int LINES_PER_CHECK = 6;

    private VerifyBundle() {
    }

    public static void main(String[] args) {
        System.exit(run(System.getProperty("bundle", ""), System.getProperty("public.key", ""),
                System.getProperty("fixture", ""), Path.of(""), System.getenv(), System.out));
    }

    /** The whole command, for the tests: returns the exit code. */
    public static int run(String bundle, String publicKey, String fixture, Path kitRoot, Map<String, String> env, PrintStream out) {
        if (bundle.isBlank()) {
            out.println("no bundle to check: " + COMMAND + " [-Dpublic.key=FILE] [-Dfixture=FILE]");
            return 2;
        }
        try {
            Optional<PublicKey> key = publicKey.isBlank() ? Optional.empty() : Optional.of(reviewerKey(Path.of(publicKey)));
            Optional<String> fixtureSha = Optional.empty();
            List<String> secrets = new ArrayList<>();
            if (!fixture.isBlank()) {
                Fixture f = new FixtureLoader(env).load(Path.of(fixture), Optional.empty());
                fixtureSha = Optional.of(f.sha256());
                secrets.add(f.product().productSecret().reveal());
                secrets.add(f.productWithoutDynamicRegistration().productSecret().reveal());
                f.observer().ifPresent(o -> secrets.add(o.password().reveal()));
            }
            Map<String, byte[]> files = SubmissionBundle.read(Path.of(bundle));
            BundleVerifier.Report report = new BundleVerifier(new BundleVerifier.Options(key,
                    RecordedFingerprints.in(kitRoot), fixtureSha, secrets)).verify(files);
            print(bundle, report, out);
            return report.accepted() ? 0 : 1;
        } catch (IllegalArgumentException | FixtureException | SigningKey.SigningException e) {
            out.println("cannot check the bundle: " + e.getMessage());
            return 2;
        }
    }

    private static PublicKey reviewerKey(Path file) {
        String where = "-Dpublic.key=" + file;
        try {
            return ManifestSignature.publicKeyOf(where, Files.readAllBytes(file)).orElseThrow(() ->
                    new SigningKey.SigningException(where + ": holds neither a PEM 'PUBLIC KEY' nor a 'CERTIFICATE'"));
        } catch (NoSuchFileException e) {
            throw new SigningKey.SigningException(where + ": file not found");
        } catch (IOException e) {
            throw new SigningKey.SigningException(where + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    static void print(String bundle, BundleVerifier.Report report, PrintStream out) {
        Map<String, String> f = report.facts();
        out.println("dynreg-tck submission bundle check");
        out.println("bundle   " + bundle);
        out.println("run      " + f.get("run"));
        out.println("         kit " + f.get("kit") + ", " + f.get("created"));
        out.println("verdict  " + f.get("verdict"));
        for (BundleVerifier.Check c : report.checks()) {
            String status = switch (c.status()) {
                case OK -> "ok  ";
                case INFO -> "note";
                case FAIL -> "FAIL";
            };
            List<String> lines = c.lines();
            for (int i = 0; i < Math.min(lines.size(), LINES_PER_CHECK); i++) {
                out.printf("  %s  %-9s  %s%n", status, c.name(), lines.get(i));
            }
            if (lines.size() > LINES_PER_CHECK) {
                out.printf("  %s  %-9s  ... and %d more%n", status, c.name(), lines.size() - LINES_PER_CHECK);
            }
        }
        out.println(report.accepted() ? "ACCEPTED: the bundle is what the kit wrote, and the kit is a recorded one"
                : "REJECTED: " + String.join(", ", report.failed().stream().map(BundleVerifier.Check::name).toList())
                + (report.failed().size() == 1 ? " check failed" : " checks failed"));
    }
}
