package org.dynreg.tck.platform;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;

/** The HiveMQ extension that turns HiveMQ CE into the reference platform. */
final class DynRegExtension implements ExtensionMain {

    private final PlatformState state;
    private final Behaviour behaviour;
    private final Bench bench;

    DynRegExtension(PlatformState state, Behaviour behaviour, Bench bench) {
        this.state = state;
        this.behaviour = behaviour;
        this.bench = bench;
    }

    @Override
    public void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        DeviceAuthenticator authenticator = new DeviceAuthenticator(state, behaviour, bench);
        Guards guards = new Guards(state, behaviour, new PasswordService(state, behaviour, bench), bench);
        BenchTap tap = new BenchTap(bench);
        Services.eventRegistry().setClientLifecycleEventListener(i -> tap);
        Services.securityRegistry().setAuthenticatorProvider(i -> authenticator);
        Services.securityRegistry().setAuthorizerProvider(i -> guards);
        Services.interceptorRegistry().setConnectInboundInterceptorProvider(i -> guards);
        Services.initializerRegistry().setClientInitializer((init, client) -> {
            client.addPublishInboundInterceptor(guards);
            client.addPublishOutboundInterceptor(guards);
            client.addSubackOutboundInterceptor(tap);
        });
    }

    @Override
    public void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        // nothing to release: the state lives as long as the broker
    }
}
