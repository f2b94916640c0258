package org.dynreg.tck.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hivemq.extension.sdk.api.packets.general.Qos;
import com.hivemq.extension.sdk.api.services.Services;
import com.hivemq.extension.sdk.api.services.builder.Builders;
import com.hivemq.extension.sdk.api.services.publish.Publish;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Requests closer together than this count as concurrent (for {@link Deviation#REPLIES_CROSSED_UNDER_LOAD}). */
    private static final long CONCURRENT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final PlatformState state;
    private final Behaviour behaviour;
    private final AtomicReference<LastRequest> lastRequest = new AtomicReference<>();

    /** The latest password request: the deviation that crosses replies sends the next reply to it. */
    private record LastRequest(String productSN, String deviceSN, long nanos) {
        boolean crossesWith(String otherProductSN, String otherDeviceSN) {
            return System.nanoTime() - nanos < CONCURRENT_NANOS
                    && !(productSN.equals(otherProductSN) && deviceSN.equals(otherDeviceSN));
        }
    }

    PasswordService(PlatformState state, Behaviour behaviour) {
        this.state = state;
        this.behaviour = behaviour;
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
            ObjectNode refusal = JSON.createObjectNode().put("RetCode", "1").put("RequestID", requestId)
                    .put("Message", "device already activated");
            publish(requesterClientId, Topics.passwordReply(productSN, deviceSN), refusal);
            return;
        }
        if (behaviour.deviates(Deviation.NO_REPLY)) {
            return;
        }
        String secret = behaviour.deviates(Deviation.ONE_SECRET_FOR_EVERY_DEVICE)
                ? state.sharedSecretFor(productSN, deviceSN, behaviour::newSecret)
                : state.secretFor(productSN, deviceSN, behaviour::newSecret, behaviour.newSecretPerRequest());
        String topic = replyTopic + (behaviour.deviates(Deviation.REPLY_ON_WRONG_TOPIC) ? "s" : "");
        LastRequest previous = lastRequest.getAndSet(new LastRequest(productSN, deviceSN, System.nanoTime()));
        if (behaviour.deviates(Deviation.REPLIES_CROSSED_UNDER_LOAD) && previous != null && previous.crossesWith(productSN, deviceSN)) {
            topic = Topics.passwordReply(previous.productSN(), previous.deviceSN());
        }
        publish(requesterClientId, topic, reply(productSN, deviceSN, requestId, secret));
    }

    private void publish(String requesterClientId, String topic, ObjectNode payload) {
        byte[] bytes;
        try {
            bytes = behaviour.deviates(Deviation.REPLY_NOT_JSON) ? formEncoded(payload) : JSON.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Publish reply = Builders.publish().topic(topic).qos(Qos.AT_LEAST_ONCE).payload(ByteBuffer.wrap(bytes)).build();
        Runnable send = () -> Services.publishService().publish(reply).whenComplete((ok, error) -> {
            if (error != null) {
                LOG.warn("the reply on {} could not be published: {}", topic, error.toString());
            }
            if (behaviour.closeAfterReply()) {
                // the restricted session ends, not a session the device opened since (a static login, say)
                Services.extensionExecutorService().schedule(() -> {
                    if (state.session(requesterClientId).map(s -> s.role() == PlatformState.Role.RESTRICTED).orElse(false)) {
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

    private static byte[] formEncoded(ObjectNode payload) {
        StringBuilder form = new StringBuilder();
        payload.fields().forEachRemaining(f -> form.append(form.length() == 0 ? "" : "&").append(f.getKey()).append('=')
                .append(f.getValue().asText()));
        return form.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private ObjectNode reply(String productSN, String deviceSN, String requestId, String secret) {
        ObjectNode reply = JSON.createObjectNode();
        if (behaviour.deviates(Deviation.RETCODE_AS_NUMBER)) {
            reply.put("RetCode", 0);
        } else {
            reply.put("RetCode", "0");
        }
        String echoed = requestId;
        if (behaviour.deviates(Deviation.REQUEST_ID_NOT_ECHOED)) {
            echoed = "1";
        } else if (behaviour.deviates(Deviation.REQUEST_ID_TRUNCATED) && echoed.length() > 32) {
            echoed = echoed.substring(0, 32);
        }
        if (behaviour.deviates(Deviation.REQUEST_ID_AS_NUMBER) && echoed.matches("[0-9]{1,18}")) {
            reply.put("RequestID", Long.parseLong(echoed));
        } else {
            reply.put("RequestID", echoed);
        }
        String password = behaviour.deviates(Deviation.EMPTY_PASSWORD_ISSUED) ? "" : secret;
        reply.put(behaviour.deviates(Deviation.PASSWORD_KEY_LOWER_CASE) ? "password" : "Password", password);
        if (behaviour.extraReplyFields()) {
            reply.put("ProductSN", productSN);
            reply.put("DeviceSN", deviceSN);
            reply.put("Message", "success");
        }
        return reply;
    }
}
