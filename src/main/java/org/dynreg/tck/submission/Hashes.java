package org.dynreg.tck.submission;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256, as lower-case hex: the one hash of the submission bundle, its manifest and the kit's fingerprint. */
public final class Hashes {

    private Hashes() {
    }

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }

    public static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** The first 12 hex digits, for a line a person reads. */
    public static String shortened(String hex) {
        return hex.length() <= 12 ? hex : hex.substring(0, 12) + "…";
    }
}
