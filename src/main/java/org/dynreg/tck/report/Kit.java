package org.dynreg.tck.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The kit's own version and the git commit it was built from. */
public final class Kit {

    private Kit() {
    }

    private static String version;
    private static String number;
    private static String commit;

    /** e.g. {@code 0.1.0-SNAPSHOT (commit 1a2b3c4d5e6f)}. */
    public static synchronized String version() {
        if (version == null) {
            version = number() + " (" + commit() + ")";
        }
        return version;
    }

    /** The version alone, e.g. {@code 0.1.0-SNAPSHOT}. */
    public static synchronized String number() {
        if (number == null) {
            number = read();
        }
        return number;
    }

    /** e.g. {@code commit 1a2b3c4d5e6f}, or {@code unknown commit}. */
    public static synchronized String commit() {
        if (commit == null) {
            commit = gitCommit();
        }
        return commit;
    }

    private static String read() {
        Properties p = new Properties();
        try (InputStream in = Kit.class.getResourceAsStream("/dynreg-tck.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // fall back to "unknown"
        }
        return p.getProperty("version", "unknown");
    }

    /** The git commit of the working directory, or "unknown commit" where there is no git. */
    private static String gitCommit() {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(true).start();
            String out = new String(git.getInputStream().readAllBytes()).trim();
            return git.waitFor() == 0 && out.matches("[0-9a-f]{7,40}") ? "commit " + out : "unknown commit";
        } catch (IOException e) {
            return "unknown commit";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown commit";
        }
    }
}
