package org.dynreg.tck.mqtt;

import org.opentest4j.TestAbortedException;

/**
 * The transport to the broker could not be set up (TCP refused, TLS handshake failed, timeout). A check that
 * meets it could not run — it is aborted (reported not run), never an error or a violation of a rule.
 */
public final class BrokerUnreachableException extends TestAbortedException {

    public BrokerUnreachableException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // one line is what it says: no stack trace behind it
    }
}
