package org.dynreg.tck.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.dynreg.tck.platform.Bench;
import org.dynreg.tck.spec.DeviceId;
import org.dynreg.tck.spec.Secret;
import org.dynreg.tck.spec.Secrets;

/**
 * What one device did, as the bench judges it: its CONNECTs, its restricted sessions' SUBSCRIBEs and PUBLISHes, the
 * replies the platform sent it, its logins — read from a snapshot of the platform's {@link Bench.Log}, and written as a
 * transcript (secrets masked) for the report.
 */
public final class Observations {

    private final DeviceId device;
    private final String productSecret;
    private final long since;
    private final List<Bench.Event> events;

    public Observations(DeviceId device, String productSecret, long since, List<Bench.Event> events) {
        this.device = device;
        this.productSecret = productSecret;
        this.since = since;
        this.events = events;
    }

    /** A snapshot of {@code log}; every secret the platform sent in it is known to {@link Secrets}, to be masked. */
    public static Observations of(Bench.Log log, String productSecret) {
        List<Bench.Event> events = log.events();
        events.stream().filter(e -> e instanceof Bench.Reply).map(e -> ((Bench.Reply) e).secret()).forEach(Secrets::register);
        return new Observations(log.device(), productSecret, log.since(), events);
    }

    public List<Bench.Event> events() {
        return events;
    }

    public <T extends Bench.Event> List<T> all(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends Bench.Event> List<T> all(Class<T> type, long after) {
        return all(type).stream().filter(e -> e.nanos() >= after).toList();
    }

    public Optional<Bench.Connect> firstConnect(long after) {
        return all(Bench.Connect.class, after).stream().findFirst();
    }

    /** The CONNECTs whose UserName has authmode 1 (a static login, whatever it logs in with). */
    public List<Bench.Connect> logins(long after) {
        return all(Bench.Connect.class, after).stream().filter(c -> authmode(c).equals("1")).toList();
    }

    /** The CONNECTs carrying {@code password}. */
    public List<Bench.Connect> connectsWith(String password, long after) {
        return all(Bench.Connect.class, after).stream().filter(c -> password.equals(c.password())).toList();
    }

    public static String authmode(Bench.Connect c) {
        return DeviceId.parseUserName(c.userName()).map(DeviceId.UserName::authmode).orElse("");
    }

    /** Whether the platform accepted this CONNECT (its CONNACK, the next one of its ClientID). */
    public Optional<Bench.Connack> answer(Bench.Connect connect) {
        return all(Bench.Connack.class, connect.nanos()).stream().filter(a -> a.clientId().equals(connect.clientId())).findFirst();
    }

    /** The genuine replies, in order: each carries the device's secret. */
    public List<Bench.Reply> genuineReplies() {
        return all(Bench.Reply.class).stream().filter(r -> r.bad().isEmpty()).toList();
    }

    public List<Bench.Reply> badReplies() {
        return all(Bench.Reply.class).stream().filter(r -> r.bad().isPresent()).toList();
    }

    /**
     * The SUBSCRIBEs and PUBLISHes of the device's restricted sessions: those made on a connection whose latest CONNECT
     * before them had authmode 2.
     */
    public List<Bench.Event> restricted() {
        Map<String, String> mode = new HashMap<>();
        List<Bench.Event> out = new ArrayList<>();
        for (Bench.Event e : events) {
            if (e instanceof Bench.Connect c) {
                mode.put(c.clientId(), authmode(c));
            } else if (e instanceof Bench.Subscribe s && "2".equals(mode.get(s.clientId()))
                    || e instanceof Bench.Publish p && "2".equals(mode.get(p.clientId()))) {
                out.add(e);
            }
        }
        return out;
    }

    /** The requests: PUBLISHes of its restricted sessions on its own password topic. */
    public List<Bench.Publish> requests() {
        return restricted().stream().filter(e -> e instanceof Bench.Publish p && p.topic().equals(device.passwordTopic()))
                .map(Bench.Publish.class::cast).toList();
    }

    public Optional<Bench.Suback> grantOfReplyTopic(String clientId, long before) {
        return all(Bench.Suback.class).stream().filter(a -> a.clientId().equals(clientId) && a.granted()
                && a.filter().equals(device.replyTopic()) && a.nanos() <= before).findFirst();
    }

    public <T extends Bench.Event> Optional<T> first(Class<T> type, Predicate<T> matching) {
        return all(type).stream().filter(matching).findFirst();
    }

    /** Milliseconds since the bench started watching, as the transcript writes times: "+1234 ms". */
    public String at(Bench.Event e) {
        return at(e.nanos());
    }

    /** A time in {@link System#nanoTime()} as the transcript writes it. */
    public String at(long nanos) {
        return "+" + (nanos - since) / 1_000_000 + " ms";
    }

    /** One line per event, secrets masked: what the device did and what the platform answered. */
    public String transcript() {
        StringBuilder out = new StringBuilder("device ").append(device.clientId()).append(" — what the reference platform saw\n");
        for (Bench.Event e : events) {
            out.append(String.format("%9s  %s%n", at(e), describe(e)));
        }
        return Secrets.mask(out.toString());
    }

    public String describe(Bench.Event e) {
        if (e instanceof Bench.Connect c) {
            return String.format("device   CONNECT ClientID \"%s\", UserName \"%s\", password %s, %s, keep-alive %d s%s%s",
                    c.clientId(), c.userName(), shownPassword(c.password()), c.mqttVersion().replace("V_", "MQTT ").replace('_', '.'),
                    c.keepAliveSeconds(), c.cleanStart() ? ", clean" : ", persistent session", c.will() ? ", with a Will" : "");
        } else if (e instanceof Bench.Connack a) {
            return "platform CONNACK " + (a.accepted() ? "accepted" : "refused: " + a.reason());
        } else if (e instanceof Bench.Subscribe s) {
            return "device   SUBSCRIBE \"" + s.filter() + "\" QoS " + s.qos();
        } else if (e instanceof Bench.Suback a) {
            return "platform SUBACK \"" + a.filter() + "\" " + (a.granted() ? "granted" : "refused");
        } else if (e instanceof Bench.Publish p) {
            return "device   PUBLISH \"" + p.topic() + "\" QoS " + p.qos() + (p.retain() ? " retained" : "") + ": " + text(p.payload());
        } else if (e instanceof Bench.Reply r) {
            return "platform reply on \"" + r.topic() + "\"" + r.bad().map(b -> " (bad: " + b.words() + ")")
                    .orElse(" (genuine)") + ": " + text(r.payload());
        }
        return "         " + ((Bench.Closed) e).how();
    }

    /** A password as evidence: the ProdSecret by name, a secret masked, an empty one as such. */
    String shownPassword(String password) {
        if (password == null) {
            return "none";
        }
        if (password.isEmpty()) {
            return "\"\" (empty)";
        }
        if (password.equals(productSecret)) {
            return "the ProdSecret " + Secret.masked(password);
        }
        for (Bench.Reply r : all(Bench.Reply.class)) {
            if (password.equals(r.secret())) {
                return (r.bad().isPresent() ? "the bad reply's Password " : "the issued secret ") + Secret.masked(password);
            }
        }
        return Secret.masked(password);
    }

    static String text(byte[] payload) {
        String s = new String(payload, StandardCharsets.UTF_8);
        return s.length() > 300 ? s.substring(0, 300) + "… (" + payload.length + " bytes)" : s;
    }
}
