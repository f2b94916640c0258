package org.dynreg.tck.platform;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ClientInitiatedDisconnectInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionLostInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ServerInitiatedDisconnectInput;
import com.hivemq.extension.sdk.api.interceptor.suback.SubackOutboundInterceptor;
import com.hivemq.extension.sdk.api.interceptor.suback.parameter.SubackOutboundInput;
import com.hivemq.extension.sdk.api.interceptor.suback.parameter.SubackOutboundOutput;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the {@link Bench} learns from HiveMQ's outbound SUBACKs (when each was sent, and what it granted) and from its
 * client lifecycle (how each connection of a watched device ended).
 */
final class BenchTap implements SubackOutboundInterceptor, ClientLifecycleEventListener {

    private final Bench bench;

    BenchTap(Bench bench) {
        this.bench = bench;
    }

    /** A SUBACK answers the SUBSCRIBE's filters in order: the latest ones of this client not yet answered. */
    @Override
    public void onOutboundSuback(SubackOutboundInput input, SubackOutboundOutput output) {
        String clientId = input.getClientInformation().getClientId();
        bench.of(clientId).ifPresent(log -> {
            List<SubackReasonCode> codes = input.getSubackPacket().getReasonCodes();
            List<Bench.Subscribe> open = unanswered(log, clientId);
            List<Bench.Subscribe> answered = open.subList(Math.max(0, open.size() - codes.size()), open.size());
            long now = Bench.now();
            for (int i = 0; i < answered.size(); i++) {
                SubackReasonCode code = codes.get(i);
                boolean granted = code == SubackReasonCode.GRANTED_QOS_0 || code == SubackReasonCode.GRANTED_QOS_1
                        || code == SubackReasonCode.GRANTED_QOS_2;
                log.add(new Bench.Suback(now, clientId, answered.get(i).filter(), granted));
            }
        });
    }

    private static List<Bench.Subscribe> unanswered(Bench.Log log, String clientId) {
        List<Bench.Subscribe> open = new ArrayList<>();
        for (Bench.Event e : log.events()) {
            if (e instanceof Bench.Subscribe s && s.clientId().equals(clientId)) {
                open.add(s);
            } else if (e instanceof Bench.Suback a && a.clientId().equals(clientId)) {
                open.removeIf(s -> s.filter().equals(a.filter()));
            }
        }
        return open;
    }

    @Override
    public void onMqttConnectionStart(ConnectionStartInput input) {
        // the CONNECT is logged by the authenticator, with its credentials
    }

    @Override
    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
        // the CONNACK is logged by the authenticator
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        // the three ways a connection ends are below
    }

    @Override
    public void onClientInitiatedDisconnect(ClientInitiatedDisconnectInput input) {
        closed(input.getClientInformation().getClientId(), "the device sent DISCONNECT");
    }

    @Override
    public void onConnectionLost(ConnectionLostInput input) {
        closed(input.getClientInformation().getClientId(), "the connection dropped without DISCONNECT");
    }

    @Override
    public void onServerInitiatedDisconnect(ServerInitiatedDisconnectInput input) {
        closed(input.getClientInformation().getClientId(), "the platform closed the connection");
    }

    private void closed(String clientId, String how) {
        bench.of(clientId).ifPresent(log -> log.add(new Bench.Closed(Bench.now(), clientId, how)));
    }
}
