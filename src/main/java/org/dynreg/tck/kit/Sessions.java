package org.dynreg.tck.kit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Turns for the sessions of one ClientID, across the scenarios that run at once. A CONNECT meant to be
 * accepted takes the ClientID alone: two accepted CONNECTs with one ClientID take each other's session over,
 * and a session taken over before its CONNACK looks exactly like a refusal — a deviating broker would pass.
 * CONNECTs meant to be refused share the ClientID with each other (a broker authenticates before it takes a
 * session over), so the many refusal probes of one device run side by side. A turn ends when its connection
 * closes.
 */
public final class Sessions {

    /** A held turn; closing it gives the ClientID back. */
    public interface Turn extends AutoCloseable {
        @Override
        void close();
    }

    private final Map<String, ReentrantReadWriteLock> locks = new ConcurrentHashMap<>();

    /** The ClientID alone, for a CONNECT meant to be accepted. */
    public Turn alone(String clientId) {
        return hold(lock(clientId).writeLock());
    }

    /** The ClientID shared with other CONNECTs meant to be refused. */
    public Turn shared(String clientId) {
        return hold(lock(clientId).readLock());
    }

    private ReentrantReadWriteLock lock(String clientId) {
        return locks.computeIfAbsent(String.valueOf(clientId), id -> new ReentrantReadWriteLock(true));
    }

    private static Turn hold(Lock lock) {
        lock.lock();
        return lock::unlock;
    }
}
