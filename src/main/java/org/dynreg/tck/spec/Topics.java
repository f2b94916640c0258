package org.dynreg.tck.spec;

import java.util.Optional;

/** The platform's system topics: where a device asks for its secret, and where the reply comes. */
public final class Topics {

    /** Every device's password topic, as a subscription filter (a registrar's). */
    public static final String PASSWORD_FILTER = "/$system/+/+/password";
    /** Every device's password_reply topic, as a subscription filter. */
    public static final String PASSWORD_REPLY_FILTER = "/$system/+/+/password_reply";

    private Topics() {
    }

    /** {@code /$system/${ProductSN}/${DeviceSN}/password}: the device publishes its request here. */
    public static String password(String productSN, String deviceSN) {
        return "/$system/" + productSN + "/" + deviceSN + "/password";
    }

    /** {@code /$system/${ProductSN}/${DeviceSN}/password_reply}: the platform answers here. */
    public static String passwordReply(String productSN, String deviceSN) {
        return "/$system/" + productSN + "/" + deviceSN + "/password_reply";
    }

    /** The device whose password topic {@code topic} is; empty for any other topic. */
    public static Optional<DeviceId> passwordOwner(String topic) {
        return owner(topic, "password");
    }

    /** The device whose password_reply topic {@code topic} is; empty for any other topic. */
    public static Optional<DeviceId> replyOwner(String topic) {
        return owner(topic, "password_reply");
    }

    private static Optional<DeviceId> owner(String topic, String last) {
        String[] levels = topic.split("/", -1);
        if (levels.length == 5 && levels[0].isEmpty() && levels[1].equals("$system") && levels[4].equals(last)
                && !levels[2].isEmpty() && !levels[3].isEmpty()) {
            return Optional.of(new DeviceId(levels[2], levels[3]));
        }
        return Optional.empty();
    }
}
