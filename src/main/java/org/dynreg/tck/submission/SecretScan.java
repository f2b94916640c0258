package org.dynreg.tck.submission;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks for secrets in clear in a bundle: values under the secret keys of the redacted fixture,
 * private keys, {@code "Password": "…"} or {@code Password=…} whose value is not masked, and (when
 * the reviewer has them) the fixture's own secret values.
 */
final class SecretScan {

    private static final Pattern PRIVATE_KEY = Pattern.compile("-----BEGIN [A-Z ]*PRIVATE KEY-----");
    /**
     * A JSON "Password" value, also inside an escaped JSON string, that is neither masked, empty nor a
     * placeholder ({@code <DevSecret>} or {@code ${NAME}}, as the rules' texts write it).
     */
    private static final Pattern JSON_PASSWORD =
            Pattern.compile("\\\\{0,3}\"[Pp]assword\\\\{0,3}\"\\s*:\\s*\\\\{0,3}\"(?![«<]|\\$\\{)(?!\\\\{0,3}\")");
    private static final Pattern PLAIN_PASSWORD = Pattern.compile("(?<![\"\\w])[Pp]assword\\s*=\\s*(?![«<]|\\$\\{)[^&\\s,;\"<]+");

    private SecretScan() {
    }

    /** One line per finding; empty if the bundle holds no secret in clear. */
    static List<String> findings(Map<String, byte[]> files, List<String> knownSecrets) {
        List<String> out = new ArrayList<>();
        byte[] fixture = files.get(SubmissionBundle.FIXTURE);
        if (fixture == null) {
            out.add(SubmissionBundle.FIXTURE + " is missing");
        } else {
            try {
                for (String key : RedactedFixture.unmaskedSecretKeys(new String(fixture, StandardCharsets.UTF_8))) {
                    out.add(SubmissionBundle.FIXTURE + ": " + key + " holds a value that is not masked");
                }
            } catch (RuntimeException e) {
                out.add(SubmissionBundle.FIXTURE + " is not valid YAML");
            }
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            String text = new String(f.getValue(), StandardCharsets.UTF_8);
            if (PRIVATE_KEY.matcher(text).find()) {
                out.add(f.getKey() + ": holds a private key");
            }
            for (Pattern p : List.of(JSON_PASSWORD, PLAIN_PASSWORD)) {
                Matcher m = p.matcher(text);
                if (m.find()) {
                    out.add(f.getKey() + ": a password in clear at character " + m.start());
                }
            }
            for (String secret : knownSecrets) {
                if (secret.length() >= 4 && text.contains(secret)) {
                    out.add(f.getKey() + ": holds a secret of the fixture (" + org.dynreg.tck.spec.Secret.masked(secret) + ") in clear");
                }
            }
        }
        return out;
    }
}
