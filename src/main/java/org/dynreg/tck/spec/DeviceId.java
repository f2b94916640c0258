package org.dynreg.tck.spec;

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

    /** The three fields of a UserName, as written (the authmode is not checked here). */
    public record UserName(String productSN, String deviceSN, String authmode) {
    }

    public String clientId() {
        return productSN + "." + deviceSN;
    }

    public String username(int authmode) {
        return productSN + "|" + deviceSN + "|" + authmode;
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
        if (username == null) {
            return Optional.empty();
        }
        String[] f = username.split("\\|", -1);
        if (f.length != 3 || f[0].isEmpty() || f[1].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new UserName(f[0], f[1], f[2]));
    }
}
