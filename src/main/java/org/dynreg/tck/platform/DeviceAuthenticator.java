package org.dynreg.tck.platform;

import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.dynreg.tck.platform.PlatformState.Role;
import org.dynreg.tck.platform.PlatformState.Session;
import org.dynreg.tck.spec.DeviceId;

/**
 * CONNECT: the ClientID/UserName checks, the whitelist, the dynamic-registration switch, the product
 * secret (authmode 2) and the issued device secret (authmode 1). Decides the client's {@link Role}.
 */
final class DeviceAuthenticator implements SimpleAuthenticator {

    private final PlatformState state;
    private final Behaviour behaviour;
    private final Bench bench;

    DeviceAuthenticator(PlatformState state, Behaviour behaviour, Bench bench) {
        this.state = state;
        this.behaviour = behaviour;
        this.bench = bench;
    }

    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        if (connect.getMqttVersion() == MqttVersion.V_5 && !behaviour.mqtt5Offered()) {
            output.failAuthentication(ConnackReasonCode.UNSUPPORTED_PROTOCOL_VERSION, "MQTT 5 is not offered");
            return;
        }
        String clientId = connect.getClientId();
        String username = connect.getUserName().orElse(null);
        String password = connect.getPassword().map(DeviceAuthenticator::text).orElse(null);
        Bench.Log watched = bench.connecting(clientId, username).orElse(null);
        if (watched != null) {
            watched.add(new Bench.Connect(Bench.now(), clientId, username, password, connect.getMqttVersion().name(),
                    connect.getKeepAlive(), connect.getCleanStart(), connect.getWillPublish().isPresent()));
            if (refusedByScript(watched)) {
                refuse(output, clientId, "the bench refuses this device's CONNECTs for a while");
                return;
            }
        }

        if (isObserver(clientId, username, password)) {
            accept(output, clientId, new Session(Role.OBSERVER, "", ""));
            return;
        }
        DeviceId.UserName user = parse(username);
        if (user == null) {
            refuse(output, clientId, "malformed UserName");
            return;
        }
        PlatformState.Product product = state.products.get(user.productSN());
        if (product == null) {
            if (behaviour.deviates(Deviation.UNKNOWN_PRODUCT_ACCEPTED)) {
                accept(output, clientId, new Session(Role.RESTRICTED, user.productSN(), user.deviceSN()));
            } else {
                refuse(output, clientId, "unknown product");
            }
            return;
        }
        boolean dynamic = user.dynamic();
        if (!clientIdMatches(clientId, user, dynamic)) {
            refuse(output, clientId, "ClientID does not match the UserName");
            return;
        }
        if (dynamic) {
            preAuthenticate(output, clientId, product, user.deviceSN(), password, connect.getWillPublish().isPresent());
        } else {
            staticLogin(output, clientId, product, user.deviceSN(), password);
        }
    }

    private void preAuthenticate(SimpleAuthOutput output, String clientId, PlatformState.Product product,
                                 String deviceSN, String password, boolean withWill) {
        if (!product.dynamicRegistration() && !behaviour.deviates(Deviation.SWITCH_IGNORED)) {
            refuse(output, clientId, "dynamic registration is off for this product");
        } else if (!product.whitelist().contains(deviceSN) && !behaviour.deviates(Deviation.UNLISTED_DEVICE_ACCEPTED)) {
            refuse(output, clientId, "DeviceSN is not on the whitelist");
        } else if (!productSecretAccepted(product, password)) {
            refuse(output, clientId, "wrong product secret");
        } else if (state.activated(product.productSN(), deviceSN) && !behaviour.reRegistrationAllowed()) {
            refuse(output, clientId, "device already activated");
        } else if (withWill && behaviour.willRefused()) {
            refuse(output, clientId, "a restricted session cannot send, not even its Will Message");
        } else if (behaviour.deviates(Deviation.WHITELISTED_REFUSED)) {
            refuse(output, clientId, "deviation: refusing every pre-authentication");
        } else {
            accept(output, clientId, new Session(Role.RESTRICTED, product.productSN(), deviceSN));
        }
    }

    private void staticLogin(SimpleAuthOutput output, String clientId, PlatformState.Product product,
                             String deviceSN, String password) {
        if (!deviceSecretAccepted(product, deviceSN, password)) {
            refuse(output, clientId, "wrong device secret");
            return;
        }
        state.activate(product.productSN(), deviceSN);
        Role role = behaviour.deviates(Deviation.ACTIVE_STILL_RESTRICTED) ? Role.RESTRICTED : Role.ACTIVE;
        accept(output, clientId, new Session(role, product.productSN(), deviceSN));
    }

    private boolean productSecretAccepted(PlatformState.Product product, String password) {
        boolean empty = password == null || password.isEmpty();
        if (empty) {
            return behaviour.deviates(Deviation.EMPTY_PASSWORD_ACCEPTED);
        }
        if (productSecretMatches(product.productSecret(), password) || behaviour.deviates(Deviation.ANY_PRODUCT_SECRET_ACCEPTED)) {
            return true;
        }
        return behaviour.deviates(Deviation.OTHER_PRODUCT_SECRET_ACCEPTED)
                && state.products.values().stream().anyMatch(p -> p.productSecret().equals(password));
    }

    private boolean deviceSecretAccepted(PlatformState.Product product, String deviceSN, String password) {
        boolean empty = password == null || password.isEmpty();
        if (empty) {
            return behaviour.deviates(Deviation.STATIC_ACCEPTS_EMPTY_PASSWORD);
        }
        var issued = state.issuedSecret(product.productSN(), deviceSN);
        if (issued.isPresent() && deviceSecretMatches(issued.get(), password)) {
            return !behaviour.deviates(Deviation.SECRET_DOES_NOT_WORK);
        }
        return (behaviour.deviates(Deviation.STATIC_ACCEPTS_PRODUCT_SECRET) && password.equals(product.productSecret()))
                || (behaviour.deviates(Deviation.STATIC_ACCEPTS_ANY_DEVICE_SECRET) && state.anyIssuedSecretIs(password))
                || (behaviour.deviates(Deviation.STATIC_ACCEPTS_WRONG_SECRET) && issued.isPresent());
    }

    /** The exact comparison the spec asks for, or the comparison bug a deviation asks for. */
    private boolean productSecretMatches(String stored, String given) {
        return SecretComparison.matches(stored, given, behaviour.deviates(Deviation.PRODUCT_SECRET_CASE_IGNORED),
                behaviour.deviates(Deviation.PRODUCT_SECRET_PREFIX_COMPARED),
                behaviour.deviates(Deviation.PRODUCT_SECRET_TRAILING_IGNORED));
    }

    private boolean deviceSecretMatches(String stored, String given) {
        return SecretComparison.matches(stored, given, behaviour.deviates(Deviation.DEVICE_SECRET_CASE_IGNORED),
                behaviour.deviates(Deviation.DEVICE_SECRET_PREFIX_COMPARED),
                behaviour.deviates(Deviation.DEVICE_SECRET_TRAILING_IGNORED));
    }

    private boolean clientIdMatches(String clientId, DeviceId.UserName user, boolean dynamic) {
        if (clientId.equals(user.device().clientId())) {
            return true;
        }
        if (dynamic && behaviour.deviates(Deviation.CLIENT_ID_UNCHECKED_DYNAMIC)
                || !dynamic && behaviour.deviates(Deviation.CLIENT_ID_UNCHECKED_STATIC)) {
            return true;
        }
        String expected = user.device().clientId();
        if (behaviour.deviates(Deviation.CLIENT_ID_PREFIX_COMPARED) && clientId.startsWith(expected)) {
            return true;
        }
        if (behaviour.deviates(Deviation.CLIENT_ID_SEPARATOR_IGNORED) && clientId.length() == expected.length()
                && clientId.startsWith(user.device().productSN()) && clientId.endsWith(user.device().deviceSN())) {
            return true;
        }
        // HiveMQ assigns an identifier to a client that sent an empty one
        return behaviour.deviates(Deviation.EMPTY_CLIENT_ID_ACCEPTED) && clientId.startsWith("hmq_");
    }

    /**
     * The UserName as the spec reads it ({@link DeviceId#parseUserName}), bent where a deviation reads it
     * otherwise; null if it is malformed or its authmode is neither 1 nor 2.
     */
    private DeviceId.UserName parse(String username) {
        if (username == null) {
            return null;
        }
        List<String> fields = new ArrayList<>(DeviceId.userNameFields(username));
        if (fields.size() > 3 && behaviour.deviates(Deviation.EXTRA_USERNAME_FIELD_ACCEPTED)) {
            fields = fields.subList(0, 3);
        }
        if (fields.size() == 2 && behaviour.deviates(Deviation.EMPTY_AUTHMODE_ACCEPTED)) {
            fields.add(String.valueOf(DeviceId.DYNAMIC));
        }
        DeviceId.UserName user = DeviceId.userName(fields).orElse(null);
        if (user == null) {
            return null;
        }
        String mode = user.authmode();
        if (mode.isEmpty() && behaviour.deviates(Deviation.EMPTY_AUTHMODE_ACCEPTED)
                || (mode.equals("3") || mode.equals("0")) && behaviour.deviates(Deviation.AUTHMODE_3_ACCEPTED)) {
            user = user.withAuthmode(String.valueOf(DeviceId.DYNAMIC));
        }
        return user.authmodeValid() ? user : null;
    }

    private boolean isObserver(String clientId, String username, String password) {
        return state.observer.map(o -> o.clientId().equals(clientId) && o.username().equals(username)
                && o.password().reveal().equals(password)).orElse(false);
    }

    private void accept(SimpleAuthOutput output, String clientId, Session session) {
        state.open(clientId, session);
        bench.of(clientId).ifPresent(log -> log.add(new Bench.Connack(Bench.now(), clientId, true, "")));
        output.authenticateSuccessfully();
    }

    private void refuse(SimpleAuthOutput output, String clientId, String why) {
        ConnackReasonCode code = behaviour.refusal() == Behaviour.Refusal.NOT_AUTHORIZED
                ? ConnackReasonCode.NOT_AUTHORIZED : ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD;
        bench.of(clientId).ifPresent(log -> log.add(new Bench.Connack(Bench.now(), clientId, false, code + ": " + why)));
        output.failAuthentication(code, why);
    }

    /** Whether the bench's script refuses this CONNECT: one within its refusal time from the device's first CONNECT. */
    private static boolean refusedByScript(Bench.Log log) {
        long refuseNanos = log.script().refuseConnectsFor().toNanos();
        if (refuseNanos == 0) {
            return false;
        }
        long first = log.events().stream().filter(e -> e instanceof Bench.Connect).mapToLong(Bench.Event::nanos).min()
                .orElse(Bench.now());
        return Bench.now() - first < refuseNanos;
    }

    private static String text(ByteBuffer buffer) {
        ByteBuffer b = buffer.asReadOnlyBuffer();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
