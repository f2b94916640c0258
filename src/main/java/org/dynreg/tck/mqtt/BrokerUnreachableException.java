package org.dynreg.tck.mqtt;

/** The transport to the broker could not be set up (TCP refused, TLS handshake failed, timeout). */
public final class BrokerUnreachableException extends RuntimeException {

    public BrokerUnreachableException(String message) {
        super(message, null, false, false);
    }
}
