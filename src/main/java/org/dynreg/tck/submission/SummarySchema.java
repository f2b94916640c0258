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

/** The published JSON Schema of {@code summary.json} ({@code src/main/resources/schema/summary.schema.json}). */
public final class SummarySchema {

    public static final String RESOURCE = "/schema/summary.schema.json";

    private SummarySchema() {
    }

    public static String text() {
        try (InputStream in = SummarySchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the kit's classpath has no " + RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with {@code summaryJson}, one line per problem ("$.verdict: ..."); empty if it conforms. */
    public static List<String> problems(byte[] summaryJson) {
        JsonNode summary;
        try {
            summary = new ObjectMapper().readTree(summaryJson);
        } catch (IOException e) {
            return List.of("is not JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(text());
        return schema.validate(summary).stream().map(ValidationMessage::getMessage).sorted().toList();
    }
}
