package org.dynreg.tck.platform;

import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.interceptor.connect.ConnectInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundInput;
import com.hivemq.extension.sdk.api.interceptor.connect.parameter.ConnectInboundOutput;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.PublishOutboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishInboundOutput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishOutboundInput;
import com.hivemq.extension.sdk.api.interceptor.publish.parameter.PublishOutboundOutput;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.dynreg.tck.platform.PlatformState.Role;
import org.dynreg.tck.platform.PlatformState.Session;
import org.dynreg.tck.spec.DeviceId;
import org.dynreg.tck.spec.Topics;

/**
 * Enforces {@link Permissions} on every SUBSCRIBE, every inbound PUBLISH and every outbound PUBLISH,
 * and hands password requests to the {@link PasswordService}.
 */
final class Guards implements SubscriptionAuthorizer, PublishInboundInterceptor, PublishOutboundInterceptor,
        ConnectInboundInterceptor {

    private final PlatformState state;
    private final Behaviour behaviour;
    private final Permissions permissions;
    private final PasswordService passwords;
    /** Late deliveries scheduled by a LATE_* deviation, let through once by the outbound guard. */
    private final java.util.Set<String> lateAllowed = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** How the self-test's alias-resolving proxy marks a PUBLISH that named its topic by a Topic Alias alone. */
    private static final String ALIAS_ONLY_KEY = "dynreg-tck-lab";
    private static final String ALIAS_ONLY_VALUE = "topic-alias-only";
    /** Clients granted a shared subscription by a SHARED_*_UNCHECKED deviation: they receive what it delivers. */
    private final java.util.Set<String> sharedSubscribers = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** When each client last connected without a clean start (resuming, or opening, a persistent session), in nanos. */
    private final java.util.Map<String, Long> persistentSince = new java.util.concurrent.ConcurrentHashMap<>();
    /** How long after a persistent session resumes QUEUE_UNCHECKED_ON_RESUME lets its queue through. */
    private static final long QUEUE_FLUSH_NANOS = TimeUnit.MILLISECONDS.toNanos(500);

    private final Bench bench;

    Guards(PlatformState state, Behaviour behaviour, PasswordService passwords, Bench bench) {
        this.state = state;
        this.behaviour = behaviour;
        this.permissions = new Permissions(state, behaviour);
        this.passwords = passwords;
        this.bench = bench;
    }

    /**
     * A restricted session cannot send, not even through its Will Message: the Will of a pre-authentication is
     * removed from its CONNECT (the session is accepted, and its Will never published), unless the platform refuses
     * such a CONNECT instead ({@link Behaviour#willRefused}: its authenticator needs to see the Will).
     */
    @Override
    public void onConnect(ConnectInboundInput input, ConnectInboundOutput output) {
        var connect = output.getConnectPacket();
        if (connect.getCleanStart()) {
            persistentSince.remove(connect.getClientId());
        } else {
            persistentSince.put(connect.getClientId(), System.nanoTime());
        }
        boolean preAuthentication = connect.getUserName().flatMap(DeviceId::parseUserName)
                .filter(DeviceId.UserName::dynamic).isPresent();
        if (preAuthentication && connect.getWillPublish().isPresent() && !behaviour.willRefused()
                && !behaviour.deviates(Deviation.WILL_UNCHECKED)) {
            connect.setWillPublish(null);
        }
    }

    @Override
    public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
        String clientId = input.getClientInformation().getClientId();
        String filter = input.getSubscription().getTopicFilter();
        Bench.Log watched = bench.of(clientId).orElse(null);
        if (watched != null) {
            watched.add(new Bench.Subscribe(Bench.now(), clientId, filter, input.getSubscription().getQos().getQosNumber()));
            long delay = watched.script().subackDelay().toMillis();
            if (delay > 0 && filter.equals(watched.device().replyTopic())) {
                // the bench holds back the SUBACK of a device's own password_reply: does it wait for it before it asks?
                var async = output.async(java.time.Duration.ofMillis(delay + 10_000));
                Services.extensionExecutorService().schedule(() -> {
                    authorize(clientId, filter, output);
                    async.resume();
                }, delay, TimeUnit.MILLISECONDS);
                return;
            }
        }
        authorize(clientId, filter, output);
    }

    private void authorize(String clientId, String filter, SubscriptionAuthorizerOutput output) {
        Optional<Session> session = state.session(clientId);
        if (session.isPresent() && permissions.maySubscribe(session.get(), filter)) {
            output.authorizeSuccessfully();
            return;
        }
        if (session.isPresent() && permissions.sharedSubscriptionLeaks(session.get(), filter)) {
            sharedSubscribers.add(clientId);
            output.authorizeSuccessfully();
            return;
        }
        if (session.isPresent() && session.get().role() == Role.RESTRICTED && (behaviour.deviates(Deviation.RETAINED_SERVED)
                || behaviour.deviates(Deviation.QUEUE_UNCHECKED_ON_RESUME) && persistentSince.containsKey(clientId))) {
            output.authorizeSuccessfully(); // nothing live is delivered (the outbound guard), but the retained message is
            return;
        }
        switch (behaviour.forbiddenSubscribe()) {
            case REFUSE_WITH_CODE -> output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "not authorized");
            case CLOSE_CONNECTION -> output.disconnectClient();
            case GRANT_AND_DELIVER_NOTHING -> output.authorizeSuccessfully(); // the outbound guard delivers nothing
        }
    }

    @Override
    public void onInboundPublish(PublishInboundInput input, PublishInboundOutput output) {
        String clientId = input.getClientInformation().getClientId();
        bench.of(clientId).ifPresent(log -> log.add(new Bench.Publish(Bench.now(), clientId, input.getPublishPacket().getTopic(),
                bytes(input.getPublishPacket().getPayload()), input.getPublishPacket().getQos().getQosNumber(),
                input.getPublishPacket().getRetain())));
        Optional<Session> found = state.session(clientId);
        if (found.isEmpty()) {
            output.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED);
            return;
        }
        Session session = found.get();
        String topic = input.getPublishPacket().getTopic();
        DeviceId owner = Topics.passwordOwner(topic).orElse(null);
        if (owner != null && session.role() == Role.RESTRICTED) {
            boolean own = owner.productSN().equals(session.productSN()) && owner.deviceSN().equals(session.deviceSN());
            boolean foreign = !own && owner.productSN().equals(session.productSN());
            if (own || foreign && behaviour.answersForeignRequestsToTheirOwner()) {
                // a request for a device's own secret, answered on its password_reply topic (the owner's, for a
                // foreign request: the requester cannot see it, which RESTRICT-4 allows)
                passwords.request(clientId, owner.productSN(), owner.deviceSN(), bytes(input.getPublishPacket().getPayload()));
                output.preventPublishDelivery(); // a request to the platform, not a message for subscribers
                return;
            }
            if (foreign && behaviour.deviates(Deviation.FOREIGN_REQUEST_ANSWERED)) {
                // the violation: the other device's secret, answered where the requester sees it
                passwords.request(clientId, owner.productSN(), owner.deviceSN(), bytes(input.getPublishPacket().getPayload()),
                        Topics.passwordReply(session.productSN(), session.deviceSN()));
                output.preventPublishDelivery(); // a request to the platform, not a message for subscribers
                return;
            }
        }
        if (permissions.mayPublish(session, topic, input.getPublishPacket().getQos().getQosNumber())) {
            return;
        }
        if (behaviour.deviates(Deviation.TOPIC_ALIAS_RESOLVED_AFTER_CHECK)
                && input.getPublishPacket().getUserProperties().getFirst(ALIAS_ONLY_KEY).filter(ALIAS_ONLY_VALUE::equals).isPresent()) {
            return; // the violation: the PUBLISH named no topic (its alias did, resolved by the lab's proxy after the "check")
        }
        if (session.role() == Role.RESTRICTED && input.getPublishPacket().getRetain()
                && behaviour.deviates(Deviation.RETAINED_COPY_KEPT)) {
            // the violation: no present subscriber gets it, but a later one gets the retained copy
            Services.retainedMessageStore().addOrReplace(Builders.retainedPublish().topic(topic).qos(Qos.AT_LEAST_ONCE)
                    .payload(ByteBuffer.wrap(bytes(input.getPublishPacket().getPayload()))).build());
            output.preventPublishDelivery();
            return;
        }
        if (session.role() == Role.RESTRICTED && behaviour.deviates(Deviation.LATE_PUBLISH_LEAK)) {
            output.preventPublishDelivery();
            byte[] payload = bytes(input.getPublishPacket().getPayload());
            later(() -> Services.publishService().publish(Builders.publish().topic(topic).qos(Qos.AT_LEAST_ONCE)
                    .payload(ByteBuffer.wrap(payload)).build()));
            return;
        }
        switch (behaviour.forbiddenPublish()) {
            case REFUSE_WITH_CODE -> {
                // MQTT 3.1.1 has no negative PUBACK (HiveMQ would close the connection): drop it there
                if (input.getConnectionInformation().getMqttVersion() == MqttVersion.V_5) {
                    output.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED, "not authorized");
                } else {
                    output.preventPublishDelivery();
                }
            }
            case DROP_SILENTLY -> output.preventPublishDelivery();
            case CLOSE_CONNECTION -> {
                output.preventPublishDelivery(AckReasonCode.NOT_AUTHORIZED, "not authorized");
                Services.clientService().disconnectClient(clientId);
            }
        }
    }

    @Override
    public void onOutboundPublish(PublishOutboundInput input, PublishOutboundOutput output) {
        String clientId = input.getClientInformation().getClientId();
        Optional<Session> session = state.session(clientId);
        String topic = input.getPublishPacket().getTopic();
        if (session.isPresent() && permissions.mayReceive(session.get(), topic)) {
            return;
        }
        if (session.isPresent() && session.get().role() == Role.RESTRICTED
                && (sharedSubscribers.contains(clientId) && permissions.sharedSubscriptionReceives(session.get(), topic)
                    || input.getPublishPacket().getRetain() && behaviour.deviates(Deviation.RETAINED_SERVED)
                    || behaviour.deviates(Deviation.QUEUE_UNCHECKED_ON_RESUME) && justResumed(clientId))) {
            return; // a SHARED_*_UNCHECKED, RETAINED_SERVED or QUEUE_UNCHECKED_ON_RESUME deviation
        }
        byte[] payload = bytes(input.getPublishPacket().getPayload());
        String key = clientId + "\n" + topic + "\n" + java.util.Arrays.hashCode(payload);
        if (lateAllowed.remove(key)) {
            return; // the late delivery a LATE_* deviation scheduled
        }
        output.preventPublishDelivery();
        if (session.isPresent() && permissions.receivesLate(session.get(), topic)) {
            later(() -> {
                lateAllowed.add(key);
                Services.publishService().publishToClient(Builders.publish().topic(topic).qos(Qos.AT_LEAST_ONCE)
                        .payload(ByteBuffer.wrap(payload)).build(), clientId);
            });
        }
    }

    /** Whether {@code clientId} resumed a persistent session moments ago: what it is sent now is its queue. */
    private boolean justResumed(String clientId) {
        Long since = persistentSince.get(clientId);
        return since != null && System.nanoTime() - since < QUEUE_FLUSH_NANOS;
    }

    /** Runs {@code delivery} after the late-leak delay of the LATE_* deviations. */
    private void later(Runnable delivery) {
        Services.extensionExecutorService().schedule(delivery, behaviour.lateLeakMillis(), TimeUnit.MILLISECONDS);
    }

    private static byte[] bytes(Optional<ByteBuffer> payload) {
        if (payload.isEmpty()) {
            return new byte[0];
        }
        ByteBuffer b = payload.get().asReadOnlyBuffer();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }
}
