package org.dynreg.tck.submission;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dynreg.tck.spec.Secret;
import org.dynreg.tck.spec.Secrets;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A fixture's text with the value of every secret key replaced by its mask
 * ({@code «secret #3f2a, 16 chars»}), comments and layout kept. A {@code ${ENV}} reference is masked
 * as the value it stands for. Also: whether a fixture text still holds a value under a secret key.
 */
public final class RedactedFixture {

    /** The fixture keys whose values are secrets (FIXTURE.md): the ProdSecrets and the observer's password. */
    public static final Set<String> SECRET_KEYS = Set.of("productSecret", "password");

    /** How a masked value looks (Secret#masked). */
    static final Pattern MASKED = Pattern.compile("«secret #[0-9a-f]{4}, \\d+ chars»|«empty»");

    private static final Pattern ENV = Pattern.compile("\\$\\{([^}]*)}");

    private RedactedFixture() {
    }

    /** A secret key's scalar value in a fixture text: its key path, its value, and where it is. */
    record SecretValue(String key, String value, int start, int end) {
    }

    public static String redact(String fixtureText, Map<String, String> environment) {
        List<SecretValue> values = secretValues(fixtureText);
        values.sort(Comparator.comparingInt(SecretValue::start).reversed());
        StringBuilder out = new StringBuilder(fixtureText);
        for (SecretValue v : values) {
            String resolved = resolve(v.value(), environment);
            Secrets.register(resolved);
            out.replace(v.start(), v.end(), "\"" + Secret.masked(resolved) + "\"");
        }
        // and a secret value written anywhere else (a comment, another key): masked as the kit masks reports
        return Secrets.mask(out.toString());
    }

    /** The key paths (e.g. {@code observer.password}) whose value in {@code fixtureText} is not masked. */
    public static List<String> unmaskedSecretKeys(String fixtureText) {
        return secretValues(fixtureText).stream().filter(v -> !MASKED.matcher(v.value()).matches())
                .map(SecretValue::key).toList();
    }

    static List<SecretValue> secretValues(String text) {
        Node root = new Yaml().compose(new StringReader(text));
        List<SecretValue> out = new ArrayList<>();
        collect(root, "", text, out);
        return out;
    }

    private static void collect(Node node, String path, String text, List<SecretValue> out) {
        if (node instanceof MappingNode map) {
            for (NodeTuple t : map.getValue()) {
                String key = t.getKeyNode() instanceof ScalarNode k ? k.getValue() : "?";
                String keyPath = path.isEmpty() ? key : path + "." + key;
                if (SECRET_KEYS.contains(key) && t.getValueNode() instanceof ScalarNode value) {
                    int start = text.offsetByCodePoints(0, value.getStartMark().getIndex());
                    int end = text.offsetByCodePoints(0, value.getEndMark().getIndex());
                    out.add(new SecretValue(keyPath, value.getValue(), start, end));
                } else {
                    collect(t.getValueNode(), keyPath, text, out);
                }
            }
        } else if (node instanceof SequenceNode seq) {
            for (int i = 0; i < seq.getValue().size(); i++) {
                collect(seq.getValue().get(i), path + "[" + i + "]", text, out);
            }
        }
    }

    private static String resolve(String value, Map<String, String> environment) {
        Matcher m = ENV.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(environment.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }
}
