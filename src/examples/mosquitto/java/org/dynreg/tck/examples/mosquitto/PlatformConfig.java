package org.dynreg.tck.examples.mosquitto;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * What the registrar provisions, read from the same YAML file the kit reads (FIXTURE.md): the product with
 * dynamic registration on, its whitelist, the observer, and the activated devices' topic templates.
 * {@code ${ENV_NAME}} is taken from the environment. A platform of your own has its own configuration: this
 * is only what this example needs, and it reads nothing of the kit.
 */
record PlatformConfig(String productSN, String productSecret, List<String> whitelistedDevices,
                      Optional<Observer> observer, String uplinkTemplate, String downlinkTemplate) {

    record Observer(String clientId, String username, String password) {
    }

    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");

    static PlatformConfig read(Path file) throws IOException {
        Map<String, Object> root;
        try (Reader in = Files.newBufferedReader(file)) {
            root = new Yaml().load(in);
        }
        Map<String, Object> product = map(root, "product");
        Map<String, Object> topics = root.containsKey("topics") ? map(root, "topics") : Map.of();
        Optional<Observer> observer = Optional.ofNullable(root.get("observer")).map(o -> {
            Map<String, Object> m = map(root, "observer");
            return new Observer(text(m, "clientId"), text(m, "username"), text(m, "password"));
        });
        @SuppressWarnings("unchecked")
        List<Object> devices = (List<Object>) product.getOrDefault("whitelistedDevices", List.of());
        return new PlatformConfig(text(product, "productSN"), text(product, "productSecret"),
                devices.stream().map(String::valueOf).toList(), observer,
                String.valueOf(topics.getOrDefault("uplink", "/{ProductSN}/{DeviceSN}/upload")),
                String.valueOf(topics.getOrDefault("downlink", "/{ProductSN}/{DeviceSN}/set")));
    }

    String uplink(String deviceSN) {
        return uplinkTemplate.replace("{ProductSN}", productSN).replace("{DeviceSN}", deviceSN);
    }

    String downlink(String deviceSN) {
        return downlinkTemplate.replace("{ProductSN}", productSN).replace("{DeviceSN}", deviceSN);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object value = parent.get(key);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("the platform file has no mapping `" + key + "`");
        }
        return (Map<String, Object>) value;
    }

    private static String text(Map<String, Object> m, String key) {
        Object value = m.get(key);
        if (value == null) {
            throw new IllegalArgumentException("the platform file has no `" + key + "`");
        }
        Matcher env = ENV.matcher(String.valueOf(value));
        StringBuilder out = new StringBuilder();
        while (env.find()) {
            String v = System.getenv(env.group(1));
            if (v == null) {
                throw new IllegalArgumentException("`" + key + "` names ${" + env.group(1) + "}, which is not set");
            }
            env.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        env.appendTail(out);
        return out.toString();
    }
}
