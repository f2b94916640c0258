package org.dynreg.tck.examples.mosquitto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Mosquitto's dynamic-security plugin, driven through its {@code $CONTROL/dynamic-security/v1} topic:
 * one batch of commands at a time, each batch waiting for its response.
 */
final class DynamicSecurity {

    static final String CONTROL = "$CONTROL/dynamic-security/v1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 50;

    private final Mqtt5AsyncClient admin;
    private final BlockingQueue<JsonNode> responses = new LinkedBlockingQueue<>();

    DynamicSecurity(Mqtt5AsyncClient admin) {
        this.admin = admin;
        admin.publishes(MqttGlobalPublishFilter.ALL, p -> {
            if (p.getTopic().toString().equals(CONTROL + "/response")) {
                try {
                    responses.add(JSON.readTree(p.getPayloadAsBytes()));
                } catch (IOException e) {
                    responses.add(JSON.createObjectNode().put("error", "unreadable response"));
                }
            }
        });
    }

    void listen() {
        admin.subscribeWith().topicFilter(CONTROL + "/response").qos(MqttQos.AT_LEAST_ONCE).send().join();
    }

    /** Runs the commands (in batches); throws if the plugin reports an error other than {@code ignorable}. */
    synchronized void run(List<Map<String, Object>> commands, String... ignorable) {
        for (int from = 0; from < commands.size(); from += BATCH) {
            List<Map<String, Object>> batch = commands.subList(from, Math.min(commands.size(), from + BATCH));
            try {
                admin.publishWith().topic(CONTROL).qos(MqttQos.AT_LEAST_ONCE)
                        .payload(JSON.writeValueAsBytes(Map.of("commands", batch))).send().join();
                JsonNode response = responses.poll(10, TimeUnit.SECONDS);
                if (response == null) {
                    throw new IllegalStateException("no answer from the dynamic-security plugin within 10 s");
                }
                List<String> errors = new ArrayList<>();
                for (JsonNode r : response.path("responses")) {
                    String error = r.path("error").asText("");
                    if (!error.isEmpty() && !List.of(ignorable).contains(error)) {
                        errors.add(r.path("command").asText() + ": " + error);
                    }
                }
                if (!errors.isEmpty()) {
                    throw new IllegalStateException("the dynamic-security plugin refused: " + String.join("; ", errors));
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    static Map<String, Object> acl(String type, String topic) {
        return Map.of("acltype", type, "topic", topic, "allow", true);
    }
}
