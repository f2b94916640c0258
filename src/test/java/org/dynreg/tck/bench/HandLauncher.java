package org.dynreg.tck.bench;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import org.dynreg.tck.device.DeviceParams;

/**
 * A device the vendor starts by hand ({@code -Ddevice.mode=hand}): the bench prints what to give it, one scenario at a
 * time, and waits (bounded) for its connection. The ProdSecret is not printed: it is {@code fixtures/embedded.yaml}'s.
 */
public final class HandLauncher implements Launcher {

    /** How long a person has to start the device: {@code -Ddevice.handWaitSeconds}, 120 s unless told. */
    static final Duration HAND_WAIT = Duration.ofSeconds(Long.getLong("device.handWaitSeconds", 120));

    /** One scenario at a time: a person runs one device. */
    private static final Semaphore ONE_AT_A_TIME = new Semaphore(1, true);

    private final java.io.PrintStream out;
    private final Duration wait;

    /** Tells the person on the console, and waits {@link #HAND_WAIT}. */
    public HandLauncher() {
        this(System.out, HAND_WAIT);
    }

    /** Tells the person on {@code out} and waits {@code wait} for each start (the self-test's scripted person). */
    public HandLauncher(java.io.PrintStream out, Duration wait) {
        this.out = out;
        this.wait = wait;
    }

    @Override
    public String describe() {
        return "a device started by hand";
    }

    @Override
    public Duration connectWait() {
        return wait;
    }

    @Override
    public Running start(DeviceParams params, String scenario, int start) {
        try {
            ONE_AT_A_TIME.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        out.printf("%n>>> scenario \"%s\": %s the device now, with%n  broker    %s%n  ProductSN %s%n"
                        + "  ProdSecret the productSecret of fixtures/embedded.yaml%n  DeviceSN  %s%n  %s%n"
                        + "  (the bench waits " + wait.toSeconds() + " s for its CONNECT)%n",
                scenario, start == 1 ? "start" : "start AGAIN (same stored state)", params.broker(), params.productSN(),
                params.deviceSN(), start == 1 ? "(it must not hold a secret from an earlier scenario)" : "");
        return new Running() {
            @Override
            public String stop(Duration bound) {
                out.printf(">>> scenario \"%s\": stop the device now.%n", scenario);
                ONE_AT_A_TIME.release();
                return "asked to stop by hand";
            }
        };
    }
}
