package org.dynreg.tck.examples.mosquitto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.MqttGlobalPublishFilter;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5AsyncClient;
import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.dynreg.tck.spec.DeviceId;
import org.dynreg.tck.spec.PasswordReply;
import org.dynreg.tck.spec.PasswordRequest;
import org.dynreg.tck.spec.Secrets;
import org.dynreg.tck.spec.Topics;

/**
 * The registrar of the Mosquitto example: Mosquitto itself enforces the spec through its
 * dynamic-security plugin, and this service does what a broker cannot do alone — it answers password
 * requests and creates, for each registered device, its authmode-1 client with a fresh DevSecret.
 *
 * <p>At start it provisions, from the fixture: every whitelisted device of the product with dynamic
 * registration on as an authmode-2 client (UserName {@code P|D|2}, password the ProdSecret, bound to
 * ClientID {@code P.D}) whose role may only publish its password topic and subscribe to its
 * password_reply topic; no client at all for the product with dynamic registration off; the observer.
 *
 * <pre>
 * java -cp … org.dynreg.tck.examples.mosquitto.MosquittoRegistrar prepare dynsec.json      (before Mosquitto starts)
 * java -cp … org.dynreg.tck.examples.mosquitto.MosquittoRegistrar tcp://127.0.0.1:1883 platform.yaml
 * </pre>
 * {@code prepare} sets, in the plugin's file, what must not change while clients are connected (the
 * plugin disconnects clients when it does): deny by default, and the admin's right to publish replies.
 * The service connects as the dynamic-security admin, {@code REGISTRAR_USER} / {@code REGISTRAR_PASSWORD}.
 */
public final class MosquittoRegistrar {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Mqtt5AsyncClient admin;
    private final DynamicSecurity dynsec;
    private final PlatformConfig platform;
    private final Map<String, String> secrets = new HashMap<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    private MosquittoRegistrar(Mqtt5AsyncClient admin, PlatformConfig platform) {
        this.admin = admin;
        this.platform = platform;
        this.dynsec = new DynamicSecurity(admin);
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("prepare")) {
            prepare(Path.of(args[1]));
            return;
        }
        if (args.length != 2) {
            System.err.println("usage: MosquittoRegistrar tcp://HOST:PORT platform-fixture.yaml");
            System.exit(2);
        }
        java.net.URI broker = java.net.URI.create(args[0]);
        PlatformConfig platform = PlatformConfig.read(Path.of(args[1]));
        Mqtt5AsyncClient admin = MqttClient.builder().useMqttVersion5().identifier("dynreg-registrar")
                .serverHost(broker.getHost()).serverPort(broker.getPort()).buildAsync();
        MosquittoRegistrar registrar = new MosquittoRegistrar(admin, platform);
        admin.publishes(MqttGlobalPublishFilter.ALL, p -> {
            if (Topics.passwordOwner(p.getTopic().toString()).isPresent()) {
                registrar.worker.execute(() -> registrar.answer(p));
            }
        });
        admin.connectWith().simpleAuth().username(System.getenv().getOrDefault("REGISTRAR_USER", "admin"))
                .password(System.getenv().getOrDefault("REGISTRAR_PASSWORD", "").getBytes(StandardCharsets.UTF_8))
                .applySimpleAuth().send().join();
        registrar.dynsec.listen();
        registrar.provision();
        admin.subscribeWith().topicFilter(Topics.PASSWORD_FILTER).qos(MqttQos.AT_LEAST_ONCE).send().join();
        System.out.println("registrar ready: " + platform.whitelistedDevices().size()
                + " devices of " + platform.productSN() + " may register");
    }

    private static void prepare(Path dynsecFile) throws IOException {
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(dynsecFile.toFile());
        root.putObject("defaultACLAccess").put("publishClientSend", false).put("publishClientReceive", false)
                .put("subscribe", false).put("unsubscribe", true);
        for (JsonNode role : root.path("roles")) {
            if (role.path("rolename").asText().equals("admin")) {
                ((com.fasterxml.jackson.databind.node.ArrayNode) role.path("acls")).addObject()
                        .put("acltype", "publishClientSend").put("topic", Topics.PASSWORD_REPLY_FILTER).put("allow", true);
            }
        }
        JSON.writerWithDefaultPrettyPrinter().writeValue(dynsecFile.toFile(), root);
    }

    private void provision() {
        List<Map<String, Object>> commands = new ArrayList<>();
        platform.observer().ifPresent(o -> {
            commands.add(role("observer", List.of(DynamicSecurity.acl("publishClientSend", "#"),
                    DynamicSecurity.acl("publishClientReceive", "#"), DynamicSecurity.acl("subscribePattern", "#"))));
            commands.add(client(o.username(), o.password(), o.clientId(), "observer"));
        });
        for (String device : platform.whitelistedDevices()) {
            DeviceId id = new DeviceId(platform.productSN(), device);
            commands.add(role("restricted-" + device, List.of(
                    DynamicSecurity.acl("publishClientSend", id.passwordTopic()),
                    DynamicSecurity.acl("subscribeLiteral", id.replyTopic()),
                    DynamicSecurity.acl("publishClientReceive", id.replyTopic()))));
            commands.add(client(id.username(DeviceId.DYNAMIC), platform.productSecret(), id.clientId(), "restricted-" + device));
        }
        dynsec.run(commands, "Role already exists", "Client already exists", "ACL with this topic already exists");
    }

    /** Issues the device's secret: its authmode-1 client, then the reply. Malformed requests are ignored. */
    private void answer(Mqtt5Publish request) {
        DeviceId owner = Topics.passwordOwner(request.getTopic().toString()).orElse(null);
        if (owner == null || !owner.productSN().equals(platform.productSN())) {
            return;
        }
        String product = owner.productSN();
        String device = owner.deviceSN();
        String requestId = PasswordRequest.requestId(request.getPayloadAsBytes()).orElse(null);
        if (requestId == null || !platform.whitelistedDevices().contains(device)) {
            return;
        }
        String username = owner.username(DeviceId.STATIC);
        String secret = secrets.get(device);
        if (secret == null) {
            secret = Secrets.generate(16);
            dynsec.run(List.of(
                    role("active-" + device, List.of(
                            DynamicSecurity.acl("publishClientSend", platform.uplink(device)),
                            DynamicSecurity.acl("subscribeLiteral", platform.downlink(device)),
                            DynamicSecurity.acl("publishClientReceive", platform.downlink(device)))),
                    client(username, secret, owner.clientId(), "active-" + device)), "Role already exists");
            secrets.put(device, secret);
        }
        admin.publishWith().topic(owner.replyTopic()).qos(MqttQos.AT_LEAST_ONCE)
                .payload(PasswordReply.issuing(requestId, secret).bytes()).send();
    }

    private static Map<String, Object> role(String name, List<Map<String, Object>> acls) {
        return Map.of("command", "createRole", "rolename", name, "acls", acls);
    }

    private static Map<String, Object> client(String username, String password, String clientId, String role) {
        return Map.of("command", "createClient", "username", username, "password", password, "clientid", clientId,
                "roles", List.of(Map.of("rolename", role)));
    }
}
