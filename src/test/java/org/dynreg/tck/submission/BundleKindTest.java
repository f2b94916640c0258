package org.dynreg.tck.submission;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A bundle's kind, as its environment.json names it: a broker's if it names none (every bundle before devices). */
class BundleKindTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void theKindIsEnvironmentJsonsABrokersIfItNamesNone() throws IOException {
        assertThat(BundleKind.of(mapper.readTree("{\"kitVersion\":\"0.1.0\"}"))).contains(BundleKind.BROKER);
        assertThat(BundleKind.of(mapper.readTree("{\"kind\":\"broker\"}"))).contains(BundleKind.BROKER);
        assertThat(BundleKind.of(mapper.readTree("{\"kind\":\"device\"}"))).contains(BundleKind.DEVICE);
        assertThat(BundleKind.of(mapper.readTree("{\"kind\":\"toaster\"}"))).isEmpty();
        assertThat(BundleKind.of(mapper.readTree("{\"kind\":\"\"}"))).isEmpty();
    }

    @Test
    void eachKindHasItsSchemaItsBundleNameAndItsColumns() {
        Instant when = Instant.parse("2026-12-03T10:00:00Z");
        assertThat(SubmissionBundle.fileName(BundleKind.BROKER, "70ly1tvowt696r15", when))
                .isEqualTo("dynreg-70ly1tvowt696r15-2026-12-03.zip");
        assertThat(SubmissionBundle.fileName(BundleKind.DEVICE, "70ly1tvowt696r15", when))
                .isEqualTo("dynreg-device-70ly1tvowt696r15-2026-12-03.zip");
        assertThat(BundleKind.BROKER.schemaFile()).isEqualTo("summary.schema.json");
        assertThat(BundleKind.DEVICE.schemaFile()).isEqualTo("device-summary.schema.json");
        assertThat(SummarySchema.text(BundleKind.DEVICE.schemaResource()))
                .contains("\"$id\": \"urn:dynreg-tck:device-summary.schema.json\"");
        assertThat(BundleKind.BROKER.columns()).containsExactly("mqtt3.1.1", "mqtt5");
        assertThat(BundleKind.DEVICE.columns()).containsExactly("result");
    }
}
