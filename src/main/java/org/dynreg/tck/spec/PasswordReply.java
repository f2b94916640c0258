package org.dynreg.tck.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The reply {@code {"RetCode": "0", "RequestID": "<id>", "Password": "<DevSecret>"}} on a device's
 * password_reply topic: read as the kit judges it (SECRET-2, SECRET-3), and written as a platform sends it.
 */
public final class PasswordReply {

    /** The RetCode of a reply that issues the secret. */
    public static final String SUCCESS = "0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode json;

    private PasswordReply(JsonNode json) {
        this.json = json;
    }

    /** Reads a payload; a payload that is not JSON is a reply that is not an object. */
    public static PasswordReply parse(byte[] payload) {
        try {
            return new PasswordReply(JSON.readTree(payload));
        } catch (IOException e) {
            return new PasswordReply(null);
        }
    }

    /** The reply's fields, as the spec names them. */
    public static final String RET_CODE = "RetCode";
    public static final String REQUEST_ID = PasswordRequest.REQUEST_ID;
    public static final String PASSWORD = "Password";

    /** A platform's reply that issues {@code password} for the request {@code requestId}: RetCode "0". */
    public static Builder issuing(String requestId, String password) {
        return new Builder().set(RET_CODE, SUCCESS).set(REQUEST_ID, requestId).set(PASSWORD, password);
    }

    /** A platform's reply that refuses the request {@code requestId} with {@code retCode} (not "0"), and no Password. */
    public static Builder refusing(String retCode, String requestId) {
        return new Builder().set(RET_CODE, retCode).set(REQUEST_ID, requestId);
    }

    /**
     * A reply as a platform writes it: the spec's fields in the spec's order, then any others. A platform
     * that deviates (the kit's reference platform, on purpose) bends it field by field: another value or
     * JSON type ({@link #set}), another key ({@link #rename}), or another encoding ({@link #formEncoded}).
     */
    public static final class Builder {
        private final java.util.LinkedHashMap<String, Object> fields = new java.util.LinkedHashMap<>();

        private Builder() {
        }

        /** Sets a field (a string, a number, ...), keeping its place if it is there already. */
        public Builder set(String key, Object value) {
            fields.put(key, value);
            return this;
        }

        /** Gives the field {@code from} the key {@code to}, in its place. */
        public Builder rename(String from, String to) {
            java.util.LinkedHashMap<String, Object> renamed = new java.util.LinkedHashMap<>();
            fields.forEach((k, v) -> renamed.put(k.equals(from) ? to : k, v));
            fields.clear();
            fields.putAll(renamed);
            return this;
        }

        /** The JSON text of the reply. */
        public byte[] bytes() {
            try {
                return JSON.writeValueAsBytes(fields);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The reply as {@code RetCode=0&RequestID=...&Password=...}: not what the spec asks for (SECRET-2). */
        public byte[] formEncoded() {
            StringBuilder form = new StringBuilder();
            fields.forEach((k, v) -> form.append(form.length() == 0 ? "" : "&").append(k).append('=').append(v));
            return form.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    public boolean isObject() {
        return json != null && json.isObject();
    }

    /** The Password, if it is a non-empty string. */
    public Optional<String> password() {
        JsonNode p = isObject() ? json.get(PASSWORD) : null;
        return p != null && p.isTextual() && !p.asText().isEmpty() ? Optional.of(p.asText()) : Optional.empty();
    }

    /** Whether the reply issues a secret: RetCode "0" and a non-empty Password. */
    public boolean issuesSecret() {
        JsonNode code = isObject() ? json.get(RET_CODE) : null;
        return code != null && code.isTextual() && code.asText().equals(SUCCESS) && password().isPresent();
    }

    /** Whether RetCode is 0 as the platform's C SDK reads it (an unsigned number): the string "0" or the number 0. */
    public boolean retCodeIsZero() {
        JsonNode code = isObject() ? json.get(RET_CODE) : null;
        return code != null && (code.isTextual() && code.asText().equals(SUCCESS) || code.isIntegralNumber() && code.asLong() == 0);
    }

    /** Whether the reply's RequestID is the string {@code requestId}, exactly (SECRET-3). */
    public boolean echoes(String requestId) {
        JsonNode id = isObject() ? json.get(REQUEST_ID) : null;
        return id != null && id.isTextual() && id.asText().equals(requestId);
    }

    /** The RequestID, if it is a string (whichever request it names). */
    public Optional<String> requestId() {
        JsonNode id = isObject() ? json.get("RequestID") : null;
        return id != null && id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
    }

    /** The RequestID as the reply has it, for evidence: {@code "abc"}, {@code 100 (a JSON number)}, {@code missing}. */
    public String requestIdShown() {
        return shown(isObject() ? json.get(REQUEST_ID) : null);
    }

    /** What makes the reply deviate from SECRET-2's shape; empty when it has the documented shape. */
    public List<String> shapeProblems() {
        List<String> problems = new ArrayList<>();
        if (!isObject()) {
            problems.add("it is not a JSON object");
            return problems;
        }
        JsonNode retCode = json.get(RET_CODE);
        if (retCode == null || !retCode.isTextual() || !retCode.asText().equals(SUCCESS)) {
            problems.add("RetCode is " + shown(retCode) + ", not the string \"0\"");
        }
        JsonNode id = json.get(REQUEST_ID);
        if (id == null || !id.isTextual()) {
            problems.add("RequestID is " + shown(id) + ", not a string");
        }
        JsonNode password = json.get(PASSWORD);
        if (password == null || !password.isTextual() || password.asText().isEmpty()) {
            problems.add("Password is " + (password == null ? "missing" : password.isTextual() ? "empty" : "not a string"));
        }
        return problems;
    }

    private static String shown(JsonNode node) {
        if (node == null) {
            return "missing";
        }
        return node.isTextual() ? "\"" + node.asText() + "\"" : node + " (a JSON " + node.getNodeType().name().toLowerCase() + ")";
    }
}
