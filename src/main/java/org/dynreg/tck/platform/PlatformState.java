package org.dynreg.tck.platform;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.fixture.Whitelist;
import org.dynreg.tck.spec.DeviceId;

/**
 * What the reference platform knows: its products, their whitelists, the secrets it issued, which
 * devices are activated, and the role of every connected client.
 */
final class PlatformState {

    record Product(String productSN, String productSecret, boolean dynamicRegistration, Whitelist whitelist) {
    }

    enum Role { RESTRICTED, ACTIVE, OBSERVER }

    /** A connected client: its role and, for a device, whose device it is. */
    record Session(Role role, String productSN, String deviceSN) {
        DeviceId device() {
            return new DeviceId(productSN, deviceSN);
        }

        String passwordTopic() {
            return device().passwordTopic();
        }

        String replyTopic() {
            return device().replyTopic();
        }
    }

    final Map<String, Product> products = new ConcurrentHashMap<>();
    final Fixture.Topics topics;
    final Optional<Fixture.Account> observer;
    private final Map<DeviceId, String> issuedSecrets = new ConcurrentHashMap<>();
    private final Set<DeviceId> activated = ConcurrentHashMap.newKeySet();
    /** The one secret of {@link Deviation#ONE_SECRET_FOR_EVERY_DEVICE}, once issued. */
    private String sharedSecret;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    PlatformState(Fixture fixture) {
        add(fixture.product(), true);
        add(fixture.productWithoutDynamicRegistration(), false);
        topics = fixture.topics();
        observer = fixture.observer();
    }

    private void add(Fixture.Product p, boolean dynamicRegistration) {
        products.put(p.productSN(), new Product(p.productSN(), p.productSecret().reveal(), dynamicRegistration,
                p.whitelist()));
    }

    Optional<Session> session(String clientId) {
        return Optional.ofNullable(sessions.get(clientId));
    }

    void open(String clientId, Session session) {
        sessions.put(clientId, session);
    }

    Optional<String> issuedSecret(String productSN, String deviceSN) {
        return Optional.ofNullable(issuedSecrets.get(key(productSN, deviceSN)));
    }

    java.util.Collection<String> issuedSecrets() {
        return java.util.List.copyOf(issuedSecrets.values());
    }

    boolean anyIssuedSecretIs(String value) {
        return issuedSecrets.containsValue(value);
    }

    /** The device's secret: the one issued before, or a new one (always a new one if asked). */
    String secretFor(String productSN, String deviceSN, java.util.function.Supplier<String> newSecret, boolean alwaysNew) {
        DeviceId key = key(productSN, deviceSN);
        if (alwaysNew) {
            String secret = newSecret.get();
            issuedSecrets.put(key, secret);
            return secret;
        }
        return issuedSecrets.computeIfAbsent(key, k -> newSecret.get());
    }

    /** One secret for every device ({@link Deviation#ONE_SECRET_FOR_EVERY_DEVICE}), recorded as this device's. */
    synchronized String sharedSecretFor(String productSN, String deviceSN, java.util.function.Supplier<String> newSecret) {
        if (sharedSecret == null) {
            sharedSecret = newSecret.get();
        }
        issuedSecrets.put(key(productSN, deviceSN), sharedSecret);
        return sharedSecret;
    }

    boolean activated(String productSN, String deviceSN) {
        return activated.contains(key(productSN, deviceSN));
    }

    void activate(String productSN, String deviceSN) {
        activated.add(key(productSN, deviceSN));
    }

    private static DeviceId key(String productSN, String deviceSN) {
        return new DeviceId(productSN, deviceSN);
    }
}
