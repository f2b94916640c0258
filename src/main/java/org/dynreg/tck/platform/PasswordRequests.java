package org.dynreg.tck.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.SecureRandom;

/**
 * The platform side of the password request, shared by the reference platform and the Mosquitto
 * example's registrar: reading a request's RequestID, and making a DevSecret.
 */
public final class PasswordRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    private PasswordRequests() {
    }

    /**
     * The RequestID of {@code {"RequestID": ...}}, as a string (a number is echoed in its JSON form);
     * null for a malformed request (not JSON, not an object, no usable RequestID).
     */
    public static String requestId(byte[] payload) {
        try {
            JsonNode json = JSON.readTree(payload);
            JsonNode id = json == null || !json.isObject() ? null : json.get("RequestID");
            if (id == null || id.isNull() || id.isContainerNode()) {
                return null;
            }
            return id.isTextual() ? id.asText() : id.toString();
        } catch (IOException e) {
            return null;
        }
    }

    /** A secret of {@code length} characters of {@code [a-z0-9]}. */
    public static String newSecret(int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }
}
