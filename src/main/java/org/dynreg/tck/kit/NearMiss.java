package org.dynreg.tck.kit;

import java.util.Optional;

/**
 * A wrong secret that is almost the right one: where comparison bugs live (a case-insensitive compare, a
 * fixed-width column that keeps a prefix, a compare that stops at the stored length, a trim). Each facet
 * turns the right secret into a near miss, or says why it cannot (a secret without letters has no case).
 */
public enum NearMiss {
    FIRST_CHANGED("with its first character changed"),
    LAST_CHANGED("with its last character changed"),
    CASE_CHANGED("with the case of its letters changed"),
    LAST_DROPPED("without its last character"),
    ONE_APPENDED("with one character appended"),
    FIRST_HALF("cut to its first half"),
    WHITESPACE_AROUND("with surrounding whitespace");

    /** The near miss, or why this facet does not apply to the secret. */
    public record Result(Optional<String> value, String notApplicable) {
        static Result of(String value) {
            return new Result(Optional.of(value), "");
        }

        static Result not(String why) {
            return new Result(Optional.empty(), why);
        }
    }

    private final String words;

    NearMiss(String words) {
        this.words = words;
    }

    /** How the features name the facet, e.g. "with its first character changed". */
    public String words() {
        return words;
    }

    public static Optional<NearMiss> byWords(String words) {
        for (NearMiss m : values()) {
            if (m.words.equals(words)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    /** The regular expression of every facet's words, for a Cucumber parameter type. */
    public static String wordsPattern() {
        StringBuilder out = new StringBuilder();
        for (NearMiss m : values()) {
            out.append(out.length() == 0 ? "" : "|").append(java.util.regex.Pattern.quote(m.words));
        }
        return out.toString();
    }

    /** This facet applied to {@code secret}; never equal to {@code secret}. */
    public Result apply(String secret) {
        int n = secret.length();
        if (n == 0) {
            return Result.not("the secret is empty");
        }
        return switch (this) {
            case FIRST_CHANGED -> Result.of(changed(secret.charAt(0)) + secret.substring(1));
            case LAST_CHANGED -> Result.of(secret.substring(0, n - 1) + changed(secret.charAt(n - 1)));
            case CASE_CHANGED -> secret.chars().anyMatch(Character::isLetter) && !swapCase(secret).equals(secret)
                    ? Result.of(swapCase(secret))
                    : Result.not("the secret has no letters whose case could change");
            case LAST_DROPPED -> n >= 2 ? Result.of(secret.substring(0, n - 1))
                    : Result.not("the secret has one character: without it, it is the empty password (a facet of its own)");
            case ONE_APPENDED -> Result.of(secret + changed(secret.charAt(n - 1)));
            case FIRST_HALF -> n >= 2 ? Result.of(secret.substring(0, n / 2))
                    : Result.not("the secret has one character: it has no first half");
            case WHITESPACE_AROUND -> Result.of(" " + secret + " ");
        };
    }

    /** Another character of the same kind: a digit for a digit, a letter of the same case for a letter. */
    static char changed(char c) {
        if (c >= '0' && c <= '9') {
            return c == '9' ? '0' : (char) (c + 1);
        }
        if (c >= 'a' && c <= 'z') {
            return c == 'z' ? 'a' : (char) (c + 1);
        }
        if (c >= 'A' && c <= 'Z') {
            return c == 'Z' ? 'A' : (char) (c + 1);
        }
        return c == 'x' ? 'y' : 'x';
    }

    static String swapCase(String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> out.appendCodePoint(Character.isUpperCase(cp) ? Character.toLowerCase(cp)
                : Character.isLowerCase(cp) ? Character.toUpperCase(cp) : cp));
        return out.toString();
    }
}
