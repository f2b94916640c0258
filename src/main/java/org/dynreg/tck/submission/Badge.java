package org.dynreg.tck.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.dynreg.tck.report.OverallVerdict;

/**
 * {@code badge.json} in the shields.io endpoint format, e.g.
 * {@code {"schemaVersion":1,"label":"dynreg","message":"conformant","color":"green"}}: the verdict in
 * lower case, green / red / orange / yellow; a run of a modified kit is grey, whatever its verdict. A device
 * certification's label is {@code dynreg device}.
 */
public final class Badge {

    public static final String NAME = "badge.json";

    private Badge() {
    }

    public static Map<String, Object> of(BundleKind kind, OverallVerdict verdict, boolean modifiedKit) {
        Map<String, Object> badge = new LinkedHashMap<>();
        badge.put("schemaVersion", 1);
        badge.put("label", kind.badgeLabel());
        badge.put("message", verdict.badgeText() + (modifiedKit ? " (modified kit)" : ""));
        badge.put("color", modifiedKit ? "lightgrey" : switch (verdict) {
            case CONFORMANT -> "green";
            case NOT_CONFORMANT -> "red";
            case INCOMPLETE -> "orange";
            case PARTIAL -> "yellow";
        });
        return badge;
    }

    public static byte[] json(BundleKind kind, OverallVerdict verdict, boolean modifiedKit) {
        try {
            return (new ObjectMapper().writeValueAsString(of(kind, verdict, modifiedKit)) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
