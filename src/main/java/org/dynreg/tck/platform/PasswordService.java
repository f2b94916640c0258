package org.dynreg.tck.platform;

import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.Publish;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.dynreg.tck.spec.PasswordReply;
import org.dynreg.tck.spec.PasswordRequest;
import org.dynreg.tck.spec.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers {@code {"RequestID": "<id>"}} on {@code /$system/P/D/password} with
 * {@code {"RetCode": "0", "RequestID": "<id>", "Password": "<DevSecret>"}} on
 * {@code /$system/P/D/password_reply}. Malformed requests are ignored; an activated device gets no
 * secret any more.
 */
final class PasswordService {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordService.class);

    /** Requests closer together than this count as concurrent (for {@link Deviation#REPLIES_CROSSED_UNDER_LOAD}). */
    private static final long CONCURRENT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final PlatformState state;
    private final Behaviour behaviour;
    private final AtomicReference<LastRequest> lastRequest = new AtomicReference<>();
    /** The secret of the latest reply (for {@link Deviation#PREVIOUS_DEVICES_SECRET_ISSUED}). */
    private final AtomicReference<String> lastSecret = new AtomicReference<>();

    /** The latest password request: the deviation that crosses replies sends the next reply to it. */
    private record LastRequest(String productSN, String deviceSN, long nanos) {
        boolean crossesWith(String otherProductSN, String otherDeviceSN) {
            return System.nanoTime() - nanos < CONCURRENT_NANOS
                    && !(productSN.equals(otherProductSN) && deviceSN.equals(otherDeviceSN));
        }
    }

    private final Bench bench;

    PasswordService(PlatformState state, Behaviour behaviour, Bench bench) {
        this.state = state;
        this.behaviour = behaviour;
        this.bench = bench;
    }

    void request(String requesterClientId, String productSN, String deviceSN, byte[] payload) {
        request(requesterClientId, productSN, deviceSN, payload, Topics.passwordReply(productSN, deviceSN));
    }

    /** A request for the secret of device {@code deviceSN}, answered on {@code replyTopic}. */
    void request(String requesterClientId, String productSN, String deviceSN, byte[] payload, String replyTopic) {
        String requestId = PasswordRequest.requestId(payload).orElse(null);
        if (requestId == null) {
            LOG.debug("ignored a malformed password request of {}.{}", productSN, deviceSN);
            return;
        }
        if (state.activated(productSN, deviceSN)) {
            // the secret cannot be fetched again after activation: a refusal, with a non-zero RetCode
            PasswordReply.Builder refusal = PasswordReply.refusing("1", requestId).set("Message", "device already activated");
            publish(requesterClientId, Topics.passwordReply(productSN, deviceSN), refusal);
            return;
        }
        if (behaviour.deviates(Deviation.NO_REPLY)) {
            return;
        }
        Bench.Log watched = bench.of(new org.dynreg.tck.spec.DeviceId(productSN, deviceSN)).orElse(null);
        if (watched != null && replyTopic.equals(Topics.passwordReply(productSN, deviceSN))) {
            benchReplies(requesterClientId, watched, requestId, state.secretFor(productSN, deviceSN, behaviour::newSecret, false));
            return;
        }
        String previousSecret = lastSecret.get();
        String secret = behaviour.deviates(Deviation.ONE_SECRET_FOR_EVERY_DEVICE)
                ? state.sharedSecretFor(productSN, deviceSN, behaviour::newSecret)
                : behaviour.deviates(Deviation.PREVIOUS_DEVICES_SECRET_ISSUED) && previousSecret != null
                ? state.secretFor(productSN, deviceSN, () -> previousSecret, false)
                : state.secretFor(productSN, deviceSN, behaviour::newSecret, behaviour.newSecretPerRequest());
        lastSecret.set(secret);
        String topic = replyTopic + (behaviour.deviates(Deviation.REPLY_ON_WRONG_TOPIC) ? "s" : "");
        LastRequest previous = lastRequest.getAndSet(new LastRequest(productSN, deviceSN, System.nanoTime()));
        if (behaviour.deviates(Deviation.REPLIES_CROSSED_UNDER_LOAD) && previous != null && previous.crossesWith(productSN, deviceSN)) {
            topic = Topics.passwordReply(previous.productSN(), previous.deviceSN());
        }
        publish(requesterClientId, topic, reply(productSN, deviceSN, requestId, secret));
    }

    private void publish(String requesterClientId, String topic, PasswordReply.Builder payload) {
        byte[] bytes = behaviour.deviates(Deviation.REPLY_NOT_JSON) ? payload.formEncoded() : payload.bytes();
        Publish reply = Builders.publish().topic(topic).qos(Qos.AT_LEAST_ONCE).payload(ByteBuffer.wrap(bytes)).build();
        // the session that asked (a new CONNECT makes a new Session object): the one that closing after the reply ends
        PlatformState.Session asking = state.session(requesterClientId).orElse(null);
        Runnable send = () -> Services.publishService().publish(reply).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("the reply on {} could not be published: {}", topic, error.toString());
            }
            if (behaviour.closeAfterReply()) {
                // the restricted session that asked ends, not a session the device opened since (a static login, or a
                // new pre-authentication after this closing's predecessor: one closing per reply, for its own session)
                Services.extensionExecutorService().schedule(() -> {
                    if (asking != null && asking.role() == PlatformState.Role.RESTRICTED
                            && state.session(requesterClientId).filter(now -> now == asking).isPresent()) {
                        Services.clientService().disconnectClient(requesterClientId);
                    }
                }, 100, TimeUnit.MILLISECONDS);
            }
        });
        int delay = behaviour.replyDelayMillis();
        if (delay > 0) {
            Services.extensionExecutorService().schedule(send, delay, TimeUnit.MILLISECONDS);
        } else {
            send.run();
        }
    }

    /** Lead of a bad reply over the genuine one that follows it. */
    private static final long BAD_REPLY_LEAD_MILLIS = 500;

    /**
     * The bench's replies to a device under test: the genuine one (after the script's delay), a bad one first if the
     * script asks for it, each logged as sent.
     */
    private void benchReplies(String requesterClientId, Bench.Log log, String requestId, String secret) {
        String topic = log.device().replyTopic();
        Bench.Script script = log.script();
        long delay = script.replyDelay().toMillis();
        script.badReply().ifPresent(bad -> {
            String decoy = org.dynreg.tck.spec.Secrets.generate(16);
            byte[] payload = switch (bad) {
                case OTHER_REQUEST_ID -> PasswordReply.issuing(requestId.equals("1") ? "2" : "1", decoy).bytes();
                case NON_ZERO_RET_CODE -> PasswordReply.issuing(requestId, decoy).set(PasswordReply.RET_CODE, "1").bytes();
                case NOT_JSON -> PasswordReply.issuing(requestId, decoy).formEncoded();
                case NO_PASSWORD -> PasswordReply.refusing(PasswordReply.SUCCESS, requestId).bytes();
            };
            String shown = bad == Bench.BadReply.NO_PASSWORD ? "" : decoy;
            benchPublish(log, requesterClientId, topic, payload, java.util.Optional.of(bad), shown, delay);
        });
        if (script.badReply().isEmpty() || script.genuineAfterBad()) {
            long genuineDelay = delay + (script.badReply().isPresent() ? BAD_REPLY_LEAD_MILLIS : 0);
            benchPublish(log, requesterClientId, topic, PasswordReply.issuing(requestId, secret).bytes(), java.util.Optional.empty(),
                    secret, genuineDelay);
        }
    }

    private void benchPublish(Bench.Log log, String clientId, String topic, byte[] payload,
                              java.util.Optional<Bench.BadReply> bad, String secret, long delayMillis) {
        Runnable send = () -> {
            log.add(new Bench.Reply(Bench.now(), topic, payload, bad, secret));
            Services.publishService().publish(Builders.publish().topic(topic).qos(Qos.AT_LEAST_ONCE)
                    .payload(ByteBuffer.wrap(payload)).build());
        };
        if (delayMillis > 0) {
            Services.extensionExecutorService().schedule(send, delayMillis, TimeUnit.MILLISECONDS);
        } else {
            send.run();
        }
    }

    /** The spec's reply ({@link PasswordReply#issuing}), bent where a deviation asks for a wrong one. */
    private PasswordReply.Builder reply(String productSN, String deviceSN, String requestId, String secret) {
        String echoed = requestId;
        if (behaviour.deviates(Deviation.REQUEST_ID_NOT_ECHOED)) {
            echoed = "1";
        } else if (behaviour.deviates(Deviation.REQUEST_ID_TRUNCATED) && echoed.length() > 32) {
            echoed = echoed.substring(0, 32);
        }
        String password = behaviour.deviates(Deviation.EMPTY_PASSWORD_ISSUED) ? "" : secret;
        PasswordReply.Builder reply = PasswordReply.issuing(echoed, password);
        if (behaviour.deviates(Deviation.RETCODE_AS_NUMBER)) {
            reply.set(PasswordReply.RET_CODE, 0);
        }
        if (behaviour.deviates(Deviation.REQUEST_ID_AS_NUMBER) && echoed.matches("[0-9]{1,18}")) {
            reply.set(PasswordReply.REQUEST_ID, Long.parseLong(echoed));
        }
        if (behaviour.deviates(Deviation.PASSWORD_KEY_LOWER_CASE)) {
            reply.rename(PasswordReply.PASSWORD, "password");
        }
        if (behaviour.extraReplyFields()) {
            reply.set("ProductSN", productSN).set("DeviceSN", deviceSN).set("Message", "success");
        }
        return reply;
    }
}
