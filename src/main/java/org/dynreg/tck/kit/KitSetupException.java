package org.dynreg.tck.kit;

/** The run cannot start (broker unreachable, too few devices, ...): one line, no stack trace. */
public final class KitSetupException extends RuntimeException {

    public KitSetupException(String message) {
        super(message, null, false, false);
    }
}
