package org.dynreg.tck.kit;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.dynreg.tck.spec.Secret;

/**
 * Every DevSecret the run was issued, and the device it was issued to first: a device issued a secret that another
 * device was issued before has received that device's secret (RESTRICT-4). Held in memory only; never shown in clear.
 */
public final class IssuedSecrets {

    private final Map<String, String> firstHolder = new ConcurrentHashMap<>();

    /** Records that {@code deviceSN} was issued {@code secret}: the other device it was issued to before, if any. */
    public Optional<String> issued(Secret secret, String deviceSN) {
        String first = firstHolder.putIfAbsent(secret.reveal(), deviceSN);
        return first == null || first.equals(deviceSN) ? Optional.empty() : Optional.of(first);
    }
}
