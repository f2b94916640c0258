package org.dynreg.tck.kit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Turns for the sessions of one ClientID, across the scenarios that run at once. A CONNECT meant to be
 * accepted takes the ClientID alone: two accepted CONNECTs with one ClientID take each other's session over,
 * and a session taken over before its CONNACK looks exactly like a refusal — a deviating broker would pass.
 * CONNECTs meant to be refused share the ClientID with each other (a broker authenticates before it takes a
 * session over), so the many refusal probes of one device run side by side — unless the broker wrongly
 * accepts two of them: then a probe whose connection closed without a CONNACK while another was in flight
 * ({@link Turn#overlapped()}) is repeated alone (see {@code Device}). A turn ends when its connection closes.
 */
public final class Sessions {

    /** A held turn; closing it gives the ClientID back. */
    public interface Turn extends AutoCloseable {
        @Override
        void close();

        /**
         * Whether another CONNECT of the ClientID was in flight at some time during this turn (only a shared
         * turn can say yes). A broker that wrongly accepts two of them takes one's session over, perhaps before
         * its CONNACK: that one's connection then closes as a refusal's may.
         */
        default boolean overlapped() {
            return false;
        }
    }

    /** One ClientID's lock, and how many shared turns it has given and holds now. */
    private record Id(ReentrantReadWriteLock lock, AtomicLong given, AtomicInteger holding) {
    }

    private final Map<String, Id> ids = new ConcurrentHashMap<>();

    /** The ClientID alone, for a CONNECT meant to be accepted (or one whose refusal must not be in doubt). */
    public Turn alone(String clientId) {
        Lock lock = id(clientId).lock().writeLock();
        take(lock, clientId, "alone");
        return lock::unlock;
    }

    /** The longest a CONNECT waits for its turn: a bound, so that no scenario waits on another for ever. */
    static final java.time.Duration TURN_TIMEOUT = java.time.Duration.ofSeconds(60);

    private static void take(Lock lock, String clientId, String how) {
        try {
            if (!lock.tryLock(TURN_TIMEOUT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                throw new Finding.NotRun(Finding.Why.PRECONDITION, "NOT RUN: no turn for ClientID " + clientId + " (" + how
                        + ") within " + TURN_TIMEOUT.toSeconds() + " s: other scenarios kept its sessions open");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Finding.NotRun(Finding.Why.PRECONDITION, "NOT RUN: interrupted while waiting for a turn for ClientID "
                    + clientId);
        }
    }

    /** The ClientID shared with other CONNECTs meant to be refused. */
    public Turn shared(String clientId) {
        Id id = id(clientId);
        Lock lock = id.lock().readLock();
        take(lock, clientId, "shared");
        boolean othersHolding = id.holding().incrementAndGet() > 1;
        long given = id.given().incrementAndGet();
        return new Turn() {
            /** How many shared turns the ClientID had given when this one ended; -1 while it is held. */
            private long givenAtEnd = -1;

            @Override
            public synchronized void close() {
                if (givenAtEnd < 0) {
                    givenAtEnd = id.given().get();
                    id.holding().decrementAndGet();
                    lock.unlock();
                }
            }

            @Override
            public synchronized boolean overlapped() {
                // held by another when it began, or another began while it was held
                return othersHolding || (givenAtEnd < 0 ? id.given().get() : givenAtEnd) > given;
            }
        };
    }

    private Id id(String clientId) {
        return ids.computeIfAbsent(String.valueOf(clientId),
                c -> new Id(new ReentrantReadWriteLock(true), new AtomicLong(), new AtomicInteger()));
    }
}
