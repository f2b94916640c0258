package org.dynreg.tck.spec;

import java.util.Optional;

/** The platform's system topics: where a device asks for its secret, and where the reply comes. */
public final class Topics {

    /** Where every system topic starts: {@code /$system/}. */
    public static final String SYSTEM = "/$system/";
    private static final String PASSWORD = "password";
    private static final String PASSWORD_REPLY = "password_reply";
    /** Every device's password topic, as a subscription filter (a registrar's). */
    public static final String PASSWORD_FILTER = SYSTEM + "+/+/" + PASSWORD;
    /** Every device's password_reply topic, as a subscription filter. */
    public static final String PASSWORD_REPLY_FILTER = SYSTEM + "+/+/" + PASSWORD_REPLY;

    private Topics() {
    }

    /** {@code /$system/${ProductSN}/${DeviceSN}/password}: the device publishes its request here. */
    public static String password(String productSN, String deviceSN) {
        return SYSTEM + productSN + "/" + deviceSN + "/" + PASSWORD;
    }

    /** {@code /$system/${ProductSN}/${DeviceSN}/password_reply}: the platform answers here. */
    public static String passwordReply(String productSN, String deviceSN) {
        return SYSTEM + productSN + "/" + deviceSN + "/" + PASSWORD_REPLY;
    }

    /** The device whose password topic {@code topic} is; empty for any other topic. */
    public static Optional<DeviceId> passwordOwner(String topic) {
        return owner(topic, PASSWORD);
    }

    /** The device whose password_reply topic {@code topic} is; empty for any other topic. */
    public static Optional<DeviceId> replyOwner(String topic) {
        return owner(topic, PASSWORD_REPLY);
    }

    /** Whether {@code topicOrFilter} lies under {@code /$system/} (a system topic, or a filter over them). */
    public static boolean isSystem(String topicOrFilter) {
        return topicOrFilter.startsWith(SYSTEM);
    }

    private static Optional<DeviceId> owner(String topic, String last) {
        String[] levels = topic.split("/", -1);
        if (levels.length == 5 && levels[0].isEmpty() && levels[1].equals(SYSTEM.substring(1, SYSTEM.length() - 1)) && levels[4].equals(last)
                && !levels[2].isEmpty() && !levels[3].isEmpty()) {
            return Optional.of(new DeviceId(levels[2], levels[3]));
        }
        return Optional.empty();
    }
}
