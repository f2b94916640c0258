package org.dynreg.tck.report;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The kit's own version and the git commit it was built from. */
public final class Kit {

    private Kit() {
    }

    public static String version() {
        Properties p = new Properties();
        try (InputStream in = Kit.class.getResourceAsStream("/dynreg-tck.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // fall back to "unknown"
        }
        return p.getProperty("version", "unknown") + " (" + p.getProperty("commit", "unknown commit") + ")";
    }
}
