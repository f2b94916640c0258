package org.dynreg.tck.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code badge.json} in the shields.io endpoint format, e.g.
 * {@code {"schemaVersion":1,"label":"dynreg","message":"conformant","color":"green"}}: the verdict in
 * lower case, green / red / orange / yellow; a run of a modified kit is grey, whatever its verdict.
 */
public final class Badge {

    public static final String NAME = "badge.json";

    private Badge() {
    }

    public static Map<String, Object> of(String verdict, boolean modifiedKit) {
        Map<String, Object> badge = new LinkedHashMap<>();
        badge.put("schemaVersion", 1);
        badge.put("label", "dynreg");
        badge.put("message", verdict.toLowerCase(java.util.Locale.ROOT) + (modifiedKit ? " (modified kit)" : ""));
        badge.put("color", modifiedKit ? "lightgrey" : switch (verdict) {
            case "CONFORMANT" -> "green";
            case "NOT CONFORMANT" -> "red";
            case "INCOMPLETE" -> "orange";
            case "PARTIAL" -> "yellow";
            default -> "lightgrey";
        });
        return badge;
    }

    public static byte[] json(String verdict, boolean modifiedKit) {
        try {
            return (new ObjectMapper().writeValueAsString(of(verdict, modifiedKit)) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
