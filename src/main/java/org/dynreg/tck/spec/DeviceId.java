package org.dynreg.tck.spec;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A device as the spec names it: its product's ProductSN and its own DeviceSN, and what follows from them —
 * the ClientID {@code ${ProductSN}.${DeviceSN}}, the UserName {@code ${ProductSN}|${DeviceSN}|${authmode}}
 * and its system topics.
 */
public record DeviceId(String productSN, String deviceSN) {

    /** Authmode 1: static login with the DevSecret. */
    public static final int STATIC = 1;
    /** Authmode 2: dynamic registration with the ProdSecret. */
    public static final int DYNAMIC = 2;

    /** Between ProductSN and DeviceSN in a ClientID. */
    public static final String CLIENT_ID_SEPARATOR = ".";
    /** Between the fields of a UserName. */
    public static final String USERNAME_SEPARATOR = "|";

    /** The three fields of a UserName, as written (the authmode is not checked here). */
    public record UserName(String productSN, String deviceSN, String authmode) {
        public DeviceId device() {
            return new DeviceId(productSN, deviceSN);
        }

        /** Whether the authmode is one the spec knows: 1 (static login) or 2 (dynamic registration). */
        public boolean authmodeValid() {
            return authmode.equals(String.valueOf(STATIC)) || authmode.equals(String.valueOf(DYNAMIC));
        }

        public boolean dynamic() {
            return authmode.equals(String.valueOf(DYNAMIC));
        }

        /** The same UserName with another authmode (a platform that reads the authmode its own way). */
        public UserName withAuthmode(String mode) {
            return new UserName(productSN, deviceSN, mode);
        }
    }

    public String clientId() {
        return productSN + CLIENT_ID_SEPARATOR + deviceSN;
    }

    public String username(int authmode) {
        return productSN + USERNAME_SEPARATOR + deviceSN + USERNAME_SEPARATOR + authmode;
    }

    public String passwordTopic() {
        return Topics.password(productSN, deviceSN);
    }

    public String replyTopic() {
        return Topics.passwordReply(productSN, deviceSN);
    }

    /**
     * The fields of {@code ${ProductSN}|${DeviceSN}|${authmode}}: exactly three, the first two not empty;
     * empty for anything else (the authmode's value is the caller's to judge).
     */
    public static Optional<UserName> parseUserName(String username) {
        return username == null ? Optional.empty() : userName(userNameFields(username));
    }

    /** A UserName's fields as written, split at every {@code |} (empty fields kept): what {@link #parseUserName} judges. */
    public static List<String> userNameFields(String username) {
        return Arrays.asList(username.split(java.util.regex.Pattern.quote(USERNAME_SEPARATOR), -1));
    }

    /** The UserName of exactly three fields, the first two not empty; empty for any other list of fields. */
    public static Optional<UserName> userName(List<String> fields) {
        if (fields.size() != 3 || fields.get(0).isEmpty() || fields.get(1).isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UserName(fields.get(0), fields.get(1), fields.get(2)));
    }
}
