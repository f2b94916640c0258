package org.dynreg.tck.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/** The request {@code {"RequestID": "<id>"}} a device publishes on its password topic. */
public final class PasswordRequest {

    /** The request's one field. */
    public static final String REQUEST_ID = "RequestID";
    private static final ObjectMapper JSON = new ObjectMapper();

    private PasswordRequest() {
    }

    /** The JSON text of a request with this RequestID. */
    public static String payload(String requestId) {
        try {
            return JSON.writeValueAsString(Map.of(REQUEST_ID, requestId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The RequestID of a request, as a string (a number in its JSON form); empty for a malformed request
     * (not JSON, not an object, no usable RequestID).
     */
    public static Optional<String> requestId(byte[] payload) {
        try {
            JsonNode json = JSON.readTree(payload);
            JsonNode id = json == null || !json.isObject() ? null : json.get(REQUEST_ID);
            if (id == null || id.isNull() || id.isContainerNode()) {
                return Optional.empty();
            }
            return Optional.of(id.isTextual() ? id.asText() : id.toString());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
