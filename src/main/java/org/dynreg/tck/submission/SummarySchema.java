package org.dynreg.tck.submission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The published JSON Schemas of {@code summary.json}: a broker certification's
 * ({@code src/main/resources/schema/summary.schema.json}) and a device certification's
 * ({@code src/main/resources/schema/device-summary.schema.json}).
 */
public final class SummarySchema {

    public static final String RESOURCE = "/schema/summary.schema.json";
    public static final String DEVICE_RESOURCE = "/schema/device-summary.schema.json";

    private SummarySchema() {
    }

    /** The schema in the classpath resource {@code resource}. */
    public static String text(String resource) {
        try (InputStream in = SummarySchema.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the kit's classpath has no " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with a broker's {@code summaryJson}, one line per problem ("$.verdict: ..."); empty if it conforms. */
    public static List<String> problems(byte[] summaryJson) {
        return problems(summaryJson, RESOURCE);
    }

    /** As {@link #problems(byte[])}, against the schema in the classpath resource {@code resource}. */
    public static List<String> problems(byte[] summaryJson, String resource) {
        JsonNode summary;
        try {
            summary = new ObjectMapper().readTree(summaryJson);
        } catch (IOException e) {
            return List.of("is not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(text(resource));
        return schema.validate(summary).stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
