package org.dynreg.tck.platform;

/** The platform's system topics. */
final class Topics {

    private Topics() {
    }

    static String password(String productSN, String deviceSN) {
        return "/$system/" + productSN + "/" + deviceSN + "/password";
    }

    static String passwordReply(String productSN, String deviceSN) {
        return "/$system/" + productSN + "/" + deviceSN + "/password_reply";
    }

    /** The [ProductSN, DeviceSN] of a {@code /$system/P/D/password} topic, or null. */
    static String[] passwordTopicOwner(String topic) {
        String[] levels = topic.split("/", -1);
        if (levels.length == 5 && levels[0].isEmpty() && levels[1].equals("$system") && levels[4].equals("password")
                && !levels[2].isEmpty() && !levels[3].isEmpty()) {
            return new String[] {levels[2], levels[3]};
        }
        return null;
    }
}
