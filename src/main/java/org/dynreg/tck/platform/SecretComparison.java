package org.dynreg.tck.platform;

/**
 * How the platform compares a presented secret with the stored one: exactly, as the spec requires — or
 * with one of the bugs real platforms have, for the deviations that prove the kit catches them.
 */
final class SecretComparison {

    /** The width of the "fixed-width column" of the prefix bug. */
    static final int PREFIX = 8;

    private SecretComparison() {
    }

    static boolean matches(String stored, String given, boolean ignoreCase, boolean prefixOnly, boolean ignoreTrailing) {
        if (given == null) {
            return false;
        }
        if (prefixOnly) {
            return same(head(stored), head(given), ignoreCase);
        }
        if (ignoreTrailing && given.length() > stored.length()) {
            return same(stored, given.substring(0, stored.length()), ignoreCase);
        }
        return same(stored, given, ignoreCase);
    }

    private static String head(String s) {
        return s.substring(0, Math.min(PREFIX, s.length()));
    }

    private static boolean same(String a, String b, boolean ignoreCase) {
        return ignoreCase ? a.equalsIgnoreCase(b) : a.equals(b);
    }
}
