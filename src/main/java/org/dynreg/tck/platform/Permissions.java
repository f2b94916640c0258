package org.dynreg.tck.platform;

import org.dynreg.tck.platform.PlatformState.Session;
import org.dynreg.tck.spec.Topics;

/**
 * Who may publish, subscribe and receive where. A restricted device: publish on its own password
 * topic, subscribe to and receive on its own password_reply topic, nothing else. An activated device:
 * publish on its uplink, subscribe to and receive on its downlink. The observer: everything.
 */
final class Permissions {

    private final PlatformState state;
    private final Behaviour behaviour;

    Permissions(PlatformState state, Behaviour behaviour) {
        this.state = state;
        this.behaviour = behaviour;
    }

    boolean mayPublish(Session s, String topic, int qos) {
        return mayPublish(s, topic)
                || s.role() == PlatformState.Role.RESTRICTED && qos == 2 && behaviour.deviates(Deviation.QOS_2_UNCHECKED);
    }

    boolean mayPublish(Session s, String topic) {
        return switch (s.role()) {
            case OBSERVER -> true;
            case ACTIVE -> topic.equals(uplink(s));
            case RESTRICTED -> topic.equals(s.passwordTopic())
                    || behaviour.deviates(Deviation.RESTRICTED_PUBLISH_ANYWHERE)
                    || behaviour.deviates(Deviation.RESTRICTED_PUBLISH_UPLINK) && topic.equals(uplink(s))
                    || behaviour.deviates(Deviation.RESTRICTED_PUBLISH_OWN_REPLY) && topic.equals(s.replyTopic());
        };
    }

    boolean maySubscribe(Session s, String filter) {
        return switch (s.role()) {
            case OBSERVER -> true;
            case ACTIVE -> filter.equals(downlink(s));
            case RESTRICTED -> filter.equals(s.replyTopic()) && !behaviour.deviates(Deviation.REPLY_SUBSCRIPTION_REFUSED)
                    || behaviour.deviates(Deviation.RESTRICTED_SUBSCRIBE_ANYTHING)
                    || behaviour.deviates(Deviation.RESTRICTED_SUBSCRIBE_DOWNLINK) && filter.equals(downlink(s))
                    || behaviour.deviates(Deviation.REPLY_WILDCARD_LEAK) && Topics.isSystem(filter)
                    || behaviour.deviates(Deviation.LATE_REPLY_LEAK) && Topics.isSystem(filter)
                    || behaviour.deviates(Deviation.LATE_DOWNLINK_LEAK) && filter.equals(downlink(s));
        };
    }

    /** Whether a SHARED_*_UNCHECKED deviation grants a restricted session this shared subscription ($share/{group}/...). */
    boolean sharedSubscriptionLeaks(Session s, String filter) {
        if (s.role() != PlatformState.Role.RESTRICTED || !filter.startsWith("$share/")) {
            return false;
        }
        return behaviour.deviates(Deviation.SHARED_SUBSCRIPTION_UNCHECKED)
                || behaviour.deviates(Deviation.SHARED_REPLY_SUBSCRIPTION_UNCHECKED) && filter.contains("/$system/");
    }

    /** What a shared subscription granted by a SHARED_*_UNCHECKED deviation delivers to a restricted session. */
    boolean sharedSubscriptionReceives(Session s, String topic) {
        return behaviour.deviates(Deviation.SHARED_SUBSCRIPTION_UNCHECKED)
                || behaviour.deviates(Deviation.SHARED_REPLY_SUBSCRIPTION_UNCHECKED) && isAnotherDevicesReply(s, topic);
    }

    /**
     * Whether a message the session may not receive reaches it all the same, late (a LATE_* deviation):
     * another device's password reply, or a message on its downlink.
     */
    boolean receivesLate(Session s, String topic) {
        return s.role() == PlatformState.Role.RESTRICTED
                && (behaviour.deviates(Deviation.LATE_REPLY_LEAK) && isAnotherDevicesReply(s, topic)
                    || behaviour.deviates(Deviation.LATE_DOWNLINK_LEAK) && topic.equals(downlink(s)));
    }

    boolean mayReceive(Session s, String topic) {
        return switch (s.role()) {
            case OBSERVER -> true;
            case ACTIVE -> topic.equals(downlink(s));
            case RESTRICTED -> topic.equals(s.replyTopic())
                    || behaviour.deviates(Deviation.RESTRICTED_SUBSCRIBE_ANYTHING)
                    || behaviour.deviates(Deviation.RESTRICTED_SUBSCRIBE_DOWNLINK) && topic.equals(downlink(s))
                    || behaviour.deviates(Deviation.REPLY_WILDCARD_LEAK) && Topics.isSystem(topic);
        };
    }

    /** The password_reply topic of another device of the session's product. */
    private static boolean isAnotherDevicesReply(Session s, String topic) {
        return Topics.replyOwner(topic).filter(d -> d.productSN().equals(s.productSN()) && !d.equals(s.device())).isPresent();
    }

    private String uplink(Session s) {
        return state.topics.uplink(s.productSN(), s.deviceSN());
    }

    private String downlink(Session s) {
        return state.topics.downlink(s.productSN(), s.deviceSN());
    }
}
