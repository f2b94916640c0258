package org.dynreg.tck.submission;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a bundle certifies: a broker ({@code mvn verify}) or a device ({@code mvn verify -Pdevice}), as
 * {@code environment.json}'s {@code "kind"} says (a bundle without it is a broker's, as every bundle was
 * before devices were certified). Everything the two kinds do differently is here — the
 * summary's schema, which of its fields environment.json repeats, its columns per rule, summary.md's
 * title, the badge's label, the bundle's name, how the verdict is recomputed and how the run is
 * described — and the rest of the submission is shared.
 */
public enum BundleKind {
    BROKER("broker", SummarySchema.RESOURCE, "dynreg", "# dynreg-tck certification:",
            List.of("broker", "fixtureSha256", "mqttVersions", "strict"), List.of("mqtt3.1.1", "mqtt5")),
    DEVICE("device", SummarySchema.DEVICE_RESOURCE, "dynreg device", "# dynreg-tck device certification:",
            List.of("device", "platform", "strict"), List.of("result"));

    /** environment.json's field that names the kind. */
    public static final String KEY = "kind";

    private final String name;
    private final String schema;
    private final String badgeLabel;
    private final String summaryTitle;
    private final List<String> sharedWithEnvironment;
    private final List<String> columns;

    BundleKind(String name, String schema, String badgeLabel, String summaryTitle, List<String> sharedWithEnvironment,
               List<String> columns) {
        this.name = name;
        this.schema = schema;
        this.badgeLabel = badgeLabel;
        this.summaryTitle = summaryTitle;
        this.sharedWithEnvironment = sharedWithEnvironment;
        this.columns = columns;
    }

    /** As environment.json writes it. */
    public String label() {
        return name;
    }

    /** The kind environment.json names; a broker's if it names none; empty for a kind this kit does not know. */
    static Optional<BundleKind> of(JsonNode environment) {
        JsonNode kind = environment.path(KEY);
        if (kind.isMissingNode() || kind.isNull()) {
            return Optional.of(BROKER);
        }
        for (BundleKind k : values()) {
            if (k.name.equals(kind.asText())) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** The kinds this kit knows, as environment.json writes them. */
    static List<String> known() {
        return java.util.Arrays.stream(values()).map(BundleKind::label).toList();
    }

    /** The classpath resource of the JSON Schema its summary.json conforms to. */
    String schemaResource() {
        return schema;
    }

    /** The schema's file name in the bundle. */
    String schemaFile() {
        return schema.substring(schema.lastIndexOf('/') + 1);
    }

    String badgeLabel() {
        return badgeLabel;
    }

    /** How summary.md's first line begins (the verdict follows). */
    String summaryTitle() {
        return summaryTitle;
    }

    /** The fields that summary.json and environment.json both hold, and must agree on. */
    List<String> sharedWithEnvironment() {
        return sharedWithEnvironment;
    }

    /** The fields of each of summary.json's rules that show its result ("PASS 10/10"): one per MQTT version, or one. */
    List<String> columns() {
        return columns;
    }

    /** How a column is named in a line about a rule's result: " over MQTT 5" for a broker's, nothing for a device's. */
    String column(String column) {
        return this == BROKER ? " over MQTT " + column.substring("mqtt".length()) : "";
    }

    /** {@code dynreg-<product>-<UTC date>.zip}, a device's {@code dynreg-device-<product>-<UTC date>.zip}. */
    String filePrefix() {
        return this == BROKER ? "dynreg-" : "dynreg-" + name + "-";
    }

    /** The verdict and the rules' results, recomputed from the bundle's Allure results as the run of this kind computes them. */
    VerdictRecomputation.Result recompute(Map<String, byte[]> files, JsonNode environment) throws IOException {
        boolean strict = environment.path("strict").asBoolean(false);
        return switch (this) {
            case BROKER -> VerdictRecomputation.recompute(files, strings(environment.path("mqttVersions")), strict);
            case DEVICE -> VerdictRecomputation.recomputeDevice(files, strict);
        };
    }

    /** What ran, in one line of the verifier's report. */
    String describeRun(JsonNode env) {
        String product = "product " + env.path("product").asText("?");
        String strict = "strict " + env.path("strict").asText("?");
        return switch (this) {
            case BROKER -> product + ", broker " + env.path("broker").asText("?") + ", MQTT "
                    + String.join(", ", strings(env.path("mqttVersions"))) + ", " + strict + ", "
                    + (env.path("tagFilter").asText("").isBlank() ? "(all rules)" : env.path("tagFilter").asText());
            case DEVICE -> "a device: " + env.path("device").asText("?") + "; " + product + ", " + strict + ", against "
                    + env.path("platform").asText("?");
        };
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
