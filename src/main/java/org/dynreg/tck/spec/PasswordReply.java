package org.dynreg.tck.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    /** A platform's reply, as JSON; {@code extra} fields (name, value pairs) follow the three of the spec. */
    public static ObjectNode build(String retCode, String requestId, String password) {
        ObjectNode reply = JSON.createObjectNode();
        reply.put("RetCode", retCode);
        reply.put("RequestID", requestId);
        if (password != null) {
            reply.put("Password", password);
        }
        return reply;
    }

    /** The JSON text of {@code reply}. */
    public static byte[] bytes(ObjectNode reply) {
        try {
            return JSON.writeValueAsBytes(reply);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean isObject() {
        return json != null && json.isObject();
    }

    /** The Password, if it is a non-empty string. */
    public Optional<String> password() {
        JsonNode p = isObject() ? json.get("Password") : null;
        return p != null && p.isTextual() && !p.asText().isEmpty() ? Optional.of(p.asText()) : Optional.empty();
    }

    /** Whether the reply issues a secret: RetCode "0" and a non-empty Password. */
    public boolean issuesSecret() {
        JsonNode code = isObject() ? json.get("RetCode") : null;
        return code != null && code.isTextual() && code.asText().equals(SUCCESS) && password().isPresent();
    }

    /** Whether the reply's RequestID is the string {@code requestId}, exactly (SECRET-3). */
    public boolean echoes(String requestId) {
        JsonNode id = isObject() ? json.get("RequestID") : null;
        return id != null && id.isTextual() && id.asText().equals(requestId);
    }

    /** The RequestID, if it is a string (whichever request it names). */
    public Optional<String> requestId() {
        JsonNode id = isObject() ? json.get("RequestID") : null;
        return id != null && id.isTextual() ? Optional.of(id.asText()) : Optional.empty();
    }

    /** The RequestID as the reply has it, for evidence: {@code "abc"}, {@code 100 (a JSON number)}, {@code missing}. */
    public String requestIdShown() {
        return shown(isObject() ? json.get("RequestID") : null);
    }

    /** What makes the reply deviate from SECRET-2's shape; empty when it has the documented shape. */
    public List<String> shapeProblems() {
        List<String> problems = new ArrayList<>();
        if (!isObject()) {
            problems.add("it is not a JSON object");
            return problems;
        }
        JsonNode retCode = json.get("RetCode");
        if (retCode == null || !retCode.isTextual() || !retCode.asText().equals(SUCCESS)) {
            problems.add("RetCode is " + shown(retCode) + ", not the string \"0\"");
        }
        JsonNode id = json.get("RequestID");
        if (id == null || !id.isTextual()) {
            problems.add("RequestID is " + shown(id) + ", not a string");
        }
        JsonNode password = json.get("Password");
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
