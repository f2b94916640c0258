package org.dynreg.tck.submission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks a submission bundle, a broker certification's or a device certification's ({@link BundleKind}):
 * every file against the manifest, the signature, summary.json against the kit's schema of its kind, the
 * verdict recomputed from the results against the summary's (summary.json,
 * summary.md's title, verdict line and table, the badge), the kit's
 * fingerprint against the ones recorded in the reviewer's kit (a {@code -SNAPSHOT} version's is a
 * note, not a failure: a development version, not a released one), and that no secret is in clear.
 */
public final class BundleVerifier {

    /** What the reviewer brings: their key (optional), their kit's recorded fingerprints, the fixture's secrets (optional). */
    public record Options(Optional<PublicKey> reviewerKey, RecordedFingerprints recorded, Optional<String> fixtureSha256,
                          List<String> knownSecrets) {
    }

    /** One check: its name, whether it passed, and its lines (what it found, or what it confirmed). */
    public record Check(String name, Status status, List<String> lines) {
    }

    public enum Status { OK, INFO, FAIL }

    /** The note on a bundle of a {@code -SNAPSHOT} kit: accepted, but not a certification by a released kit. */
    static final String DEVELOPMENT = "a development version, not a released one";

    /** The verifier's findings about one bundle. */
    public record Report(Map<String, String> facts, List<Check> checks) {
        public boolean accepted() {
            return checks.stream().noneMatch(c -> c.status() == Status.FAIL);
        }

        public List<Check> failed() {
            return checks.stream().filter(c -> c.status() == Status.FAIL).toList();
        }
    }

    private final Options options;
    private final ObjectMapper mapper = new ObjectMapper();

    public BundleVerifier(Options options) {
        this.options = options;
    }

    public Report verify(Map<String, byte[]> files) {
        List<Check> checks = new ArrayList<>();
        JsonNode env = json(files, RunEnvironment.NAME);
        JsonNode summary = json(files, "summary.json");
        Optional<BundleKind> kind = BundleKind.of(env);
        checks.add(files(files));
        checks.add(signature(files));
        if (kind.isPresent()) {
            checks.add(schema(kind.get(), files, env, summary));
            checks.add(verdict(kind.get(), files, env, summary));
        } else {
            checks.add(fail("kind", RunEnvironment.NAME + " says the bundle is of a kind '" + env.path(BundleKind.KEY).asText()
                    + "' this kit does not know (" + String.join(", ", BundleKind.known()) + ")"));
        }
        checks.add(kit(env, summary));
        checks.add(secrets(files));
        Map<String, String> facts = new java.util.LinkedHashMap<>();
        facts.put("run", kind.map(k -> k.describeRun(env)).orElse("?"));
        facts.put("kit", env.path("kitVersion").asText("?") + " (" + env.path("kitCommit").asText("?") + ")");
        facts.put("created", env.path("created").asText("?"));
        facts.put("verdict", summary.path("verdict").asText("?"));
        return new Report(facts, checks);
    }

    private Check files(Map<String, byte[]> files) {
        byte[] bytes = files.get(Manifest.NAME);
        if (bytes == null) {
            return fail("files", Manifest.NAME + " is missing: not a dynreg-tck submission bundle");
        }
        Manifest manifest;
        try {
            manifest = Manifest.parse(bytes);
        } catch (IllegalArgumentException e) {
            return fail("files", e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> listed = manifest.entries();
        listed.forEach((path, sha) -> {
            byte[] content = files.get(path);
            if (content == null) {
                problems.add(path + ": listed in the manifest, missing from the bundle (removed)");
            } else if (!Hashes.sha256(content).equals(sha)) {
                problems.add(path + ": changed since the run (its SHA-256 is not the manifest's)");
            }
        });
        Set<String> extra = new TreeSet<>(files.keySet());
        extra.removeAll(listed.keySet());
        extra.removeAll(List.of(Manifest.NAME, Manifest.SIGNATURE));
        extra.forEach(path -> problems.add(path + ": not in the manifest (added after the run)"));
        return problems.isEmpty() ? ok("files", listed.size() + " files, each as the manifest lists it")
                : new Check("files", Status.FAIL, problems);
    }

    private Check signature(Map<String, byte[]> files) {
        byte[] signature = files.get(Manifest.SIGNATURE);
        byte[] manifest = files.get(Manifest.NAME);
        if (signature == null) {
            return options.reviewerKey().isPresent()
                    ? fail("signature", "the bundle is not signed, but you asked for its signature (-Dpublic.key)")
                    : new Check("signature", Status.INFO, List.of("not signed: nothing shows who made the bundle"));
        }
        if (manifest == null) {
            return fail("signature", "signed, but the manifest is missing");
        }
        if (options.reviewerKey().isPresent()) {
            PublicKey key = options.reviewerKey().get();
            return ManifestSignature.verify(manifest, signature, key)
                    ? ok("signature", "the manifest is signed with your key (" + ManifestSignature.describe(key) + ")")
                    : fail("signature", "the manifest's signature does not verify with your key (" + ManifestSignature.describe(key) + ")");
        }
        byte[] signer = files.get(ManifestSignature.SIGNER);
        if (signer == null) {
            return fail("signature", "signed, but " + ManifestSignature.SIGNER + " (the signer's key) is missing");
        }
        Optional<PublicKey> key;
        try {
            key = ManifestSignature.publicKeyOf(ManifestSignature.SIGNER, signer);
        } catch (SigningKey.SigningException e) {
            return fail("signature", e.getMessage());
        }
        if (key.isEmpty()) {
            return fail("signature", ManifestSignature.SIGNER + " holds neither a public key nor a certificate");
        }
        return ManifestSignature.verify(manifest, signature, key.get())
                ? ok("signature", "the manifest is signed by the bundled " + ManifestSignature.describe(key.get())
                        + " (pass -Dpublic.key=FILE to require the vendor's known key)")
                : fail("signature", "the manifest's signature does not verify with the bundled " + ManifestSignature.describe(key.get()));
    }

    private Check schema(BundleKind kind, Map<String, byte[]> files, JsonNode env, JsonNode summary) {
        byte[] bytes = files.get("summary.json");
        if (bytes == null) {
            return fail("summary", "summary.json is missing");
        }
        List<String> problems = new ArrayList<>(SummarySchema.problems(bytes, kind.schemaResource()).stream()
                .map(p -> "summary.json does not conform to the schema: " + p).toList());
        for (String key : kind.sharedWithEnvironment()) {
            if (!summary.path(key).equals(env.path(key))) {
                problems.add("summary.json and " + RunEnvironment.NAME + " disagree on " + key);
            }
        }
        String fixtureSha = Optional.ofNullable(files.get(SubmissionBundle.FIXTURE_SHA))
                .map(b -> new String(b, StandardCharsets.UTF_8).split("\\s+")[0]).orElse("");
        if (!fixtureSha.equals(env.path("fixtureSha256").asText())) {
            problems.add(SubmissionBundle.FIXTURE_SHA + " and " + RunEnvironment.NAME + " name different fixtures");
        }
        return problems.isEmpty() ? ok("summary", "summary.json conforms to the kit's JSON Schema (" + kind.schemaFile()
                + ") and agrees with " + RunEnvironment.NAME) : new Check("summary", Status.FAIL, problems);
    }

    private Check verdict(BundleKind kind, Map<String, byte[]> files, JsonNode env, JsonNode summary) {
        String stated = summary.path("verdict").asText("");
        VerdictRecomputation.Result recomputed;
        try {
            recomputed = kind.recompute(files, env);
        } catch (IOException e) {
            return fail("verdict", "an Allure result is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (recomputed.scenarios() == 0) {
            return fail("verdict", "the bundle holds no Allure result to recompute the verdict from");
        }
        List<String> problems = new ArrayList<>();
        if (!recomputed.verdict().equals(stated)) {
            problems.add("summary.json says " + (stated.isEmpty() ? "nothing" : stated) + ", the " + recomputed.scenarios()
                    + " Allure results say " + recomputed.verdict());
        }
        for (JsonNode rule : summary.path("rules")) {
            for (String column : kind.columns()) {
                String said = rule.path(column).asText();
                String computed = recomputed.cells().get(rule.path("id").asText() + " " + column);
                if (computed != null && !computed.equals(said)) {
                    problems.add("summary.json shows " + rule.path("id").asText() + kind.column(column) + " as '" + said
                            + "', the Allure results as '" + computed + "'");
                }
            }
        }
        summaryMd(kind, files.get("summary.md"), recomputed).ifPresent(problems::add);
        String badge = Optional.ofNullable(files.get(Badge.NAME)).map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
        if (!badge.contains("\"message\":\"" + stated.toLowerCase(java.util.Locale.ROOT))) {
            problems.add(Badge.NAME + " does not show the summary's verdict " + stated);
        }
        return problems.isEmpty() ? ok("verdict", stated + ", recomputed from " + recomputed.scenarios() + " Allure results")
                : new Check("verdict", Status.FAIL, problems);
    }

    /**
     * Whether summary.md, what a person reads, states the recomputed verdict where the run wrote it
     * (the report's {@code SummaryHeader} and table): its title {@code # dynreg-tck certification: V}
     * (a device's {@code # dynreg-tck device certification: V}), its verdict line {@code - verdict: **V**}
     * and the table's {@code verdict: V}. One line if not.
     */
    static Optional<String> summaryMd(BundleKind kind, byte[] bytes, VerdictRecomputation.Result recomputed) {
        String against = ", the " + recomputed.scenarios() + " Allure results say " + recomputed.verdict();
        if (bytes == null) {
            return Optional.of("summary.md is missing" + against);
        }
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        Map<String, Optional<String>> stated = new java.util.LinkedHashMap<>();
        String title = kind.summaryTitle();
        stated.put("title", lines.stream().findFirst().filter(l -> l.startsWith(title))
                .map(l -> l.substring(title.length()).strip()));
        stated.put("verdict line", lines.stream().filter(l -> l.startsWith(SUMMARY_VERDICT_LINE)).findFirst()
                .map(l -> l.substring(SUMMARY_VERDICT_LINE.length()).strip().replaceAll("^\\*\\*(.*)\\*\\*$", "$1")));
        stated.put("table", lines.stream().filter(l -> l.startsWith(SUMMARY_TABLE_VERDICT)).findFirst()
                .map(l -> l.substring(SUMMARY_TABLE_VERDICT.length()).strip()));
        List<String> where = stated.entrySet().stream()
                .filter(e -> !e.getValue().equals(Optional.of(recomputed.verdict()))).map(Map.Entry::getKey).toList();
        if (where.isEmpty()) {
            return Optional.empty();
        }
        String said = where.stream().map(stated::get).flatMap(Optional::stream).findFirst().orElse("no verdict");
        return Optional.of("summary.md says " + said + " (its " + String.join(", ", where) + ")" + against);
    }

    private static final String SUMMARY_VERDICT_LINE = "- verdict:";
    private static final String SUMMARY_TABLE_VERDICT = "verdict:";

    private Check kit(JsonNode env, JsonNode summary) {
        String version = env.path("kitVersion").asText("");
        String fingerprint = env.path("kitFingerprint").asText("");
        if (version.isEmpty() || fingerprint.isEmpty()) {
            return fail("kit", RunEnvironment.NAME + " does not name the kit's version and fingerprint");
        }
        List<String> problems = new ArrayList<>();
        Optional<String> recorded = options.recorded().forVersion(version);
        if (recorded.isEmpty()) {
            problems.add("dynreg-tck " + version + " has no fingerprint recorded in your kit's " + RecordedFingerprints.FILE
                    + " (not a released version)");
        } else if (!recorded.get().equals(fingerprint)) {
            problems.add("fingerprint " + Hashes.shortened(fingerprint) + " is not the one recorded for dynreg-tck " + version
                    + " (" + Hashes.shortened(recorded.get()) + "): a modified kit ran");
        }
        if (env.path("modifiedKit").asBoolean(true)) {
            problems.add("the run itself reported a " + KitCheck.MODIFIED);
        }
        if (!fingerprint.equals(summary.path("kitFingerprint").asText())) {
            problems.add("summary.json and " + RunEnvironment.NAME + " name different kit fingerprints");
        }
        if (!problems.isEmpty()) {
            return new Check("kit", Status.FAIL, problems);
        }
        String recordedLine = "fingerprint " + Hashes.shortened(fingerprint) + " is the one recorded for dynreg-tck " + version;
        // a -SNAPSHOT line follows the development branch: it says which commit ran, not that a release did
        return version.endsWith("-SNAPSHOT")
                ? new Check("kit", Status.INFO, List.of(recordedLine + ": " + DEVELOPMENT))
                : ok("kit", recordedLine + ", a released version");
    }

    private Check secrets(Map<String, byte[]> files) {
        List<String> problems = new ArrayList<>(SecretScan.findings(files, options.knownSecrets()));
        if (options.fixtureSha256().isPresent()) {
            String bundled = Optional.ofNullable(files.get(SubmissionBundle.FIXTURE_SHA))
                    .map(b -> new String(b, StandardCharsets.UTF_8).split("\\s+")[0]).orElse("");
            if (!bundled.equals(options.fixtureSha256().get())) {
                problems.add("your fixture (-Dfixture) is not the one the run used: SHA-256 " + Hashes.shortened(options.fixtureSha256().get())
                        + ", the bundle's " + (bundled.isEmpty() ? "(none)" : Hashes.shortened(bundled)));
            }
        }
        String checked = "no secret in clear in " + files.size() + " files"
                + (options.knownSecrets().isEmpty() ? " (patterns; pass -Dfixture=FILE to look for its secret values too)"
                : " (patterns and your fixture's " + options.knownSecrets().size() + " secret values)");
        return problems.isEmpty() ? ok("secrets", checked) : new Check("secrets", Status.FAIL, problems);
    }

    private JsonNode json(Map<String, byte[]> files, String name) {
        try {
            byte[] bytes = files.get(name);
            return bytes == null ? mapper.createObjectNode() : mapper.readTree(bytes);
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }

    private static Check ok(String name, String line) {
        return new Check(name, Status.OK, List.of(line));
    }

    private static Check fail(String name, String line) {
        return new Check(name, Status.FAIL, List.of(line));
    }
}
