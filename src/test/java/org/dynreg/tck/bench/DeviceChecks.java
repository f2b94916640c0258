package org.dynreg.tck.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.platform.Bench;
import org.dynreg.tck.spec.DeviceId;

/**
 * The device rules, judged on what the platform saw the device do: each check waits (bounded) for the part of the flow
 * it needs, fails with the evidence, or says why it could not judge.
 */
public final class DeviceChecks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DeviceUnderTest device;

    public DeviceChecks(DeviceUnderTest device) {
        this.device = device;
    }

    /** DEV-1: the first CONNECT of its first start. */
    public void firstConnectPreAuthenticates() {
        Observations seen = device.seen();
        Bench.Connect c = seen.firstConnect(0).orElseThrow();
        DeviceId id = device.id();
        List<String> wrong = new java.util.ArrayList<>();
        if (!c.clientId().equals(id.clientId())) {
            wrong.add("ClientID \"" + c.clientId() + "\", not \"" + id.clientId() + "\"");
        }
        if (!id.username(DeviceId.DYNAMIC).equals(c.userName())) {
            wrong.add("UserName \"" + c.userName() + "\", not \"" + id.username(DeviceId.DYNAMIC) + "\"");
        }
        if (!device.productSecret().equals(c.password())) {
            wrong.add("password " + seen.shownPassword(c.password()) + ", not the ProdSecret");
        }
        if (!wrong.isEmpty()) {
            throw violation("its first CONNECT had " + String.join("; ", wrong), seen, c);
        }
    }

    /** The device's first request, waited for. */
    private Bench.Publish firstRequest() {
        return device.awaitSeen("the device's request", DeviceBench.FLOW_WAIT, () -> device.seen().requests().stream().findFirst())
                .orElseThrow(() -> notRun("the device published no request on its password topic within "
                        + DeviceBench.FLOW_WAIT.toSeconds() + " s of its start (" + lastThing() + ")"));
    }

    /**
     * DEV-2: its first request after the SUBACK that granted its password_reply, on the same connection, as the
     * {@link Wire} in front of the platform saw them: HiveMQ reads nothing more of a connection between a SUBSCRIBE and
     * its SUBACK, so in the platform's own log a request sent before the SUBACK shows after it.
     */
    public void asksAfterItsSubscriptionIsGranted() {
        Bench.Publish request = firstRequest();
        Observations seen = device.seen();
        String replyTopic = device.id().replyTopic();
        List<Wire.Packet> wire = device.wire(request.clientId());
        Optional<Wire.Packet> sent = wire.stream().filter(p -> p.kind() == Wire.Kind.PUBLISH
                && p.topics().contains(device.id().passwordTopic())).findFirst();
        if (sent.isEmpty()) {
            // not on the wire by its topic (an MQTT 5 PUBLISH that names it by a Topic Alias alone): the platform's order
            if (seen.grantOfReplyTopic(request.clientId(), request.nanos()).isEmpty()) {
                throw violation("it published its request at " + seen.at(request) + ", before its SUBSCRIBE to its password_reply "
                        + "was granted: the reply can be lost", seen, request);
            }
            return;
        }
        Wire.Packet publish = sent.get();
        List<Wire.Packet> connection = wire.stream().filter(p -> p.connection() == publish.connection()).toList();
        if (connection.stream().noneMatch(p -> p.grants(replyTopic) && p.nanos() < publish.nanos())) {
            Optional<Wire.Packet> subscribe = connection.stream()
                    .filter(p -> p.kind() == Wire.Kind.SUBSCRIBE && p.topics().contains(replyTopic)).findFirst();
            Optional<Wire.Packet> suback = connection.stream()
                    .filter(p -> p.kind() == Wire.Kind.SUBACK && p.topics().contains(replyTopic)).findFirst();
            throw violation("it published its request at " + seen.at(publish.nanos()) + ", before its SUBSCRIBE to its password_reply "
                    + "was granted (" + subscribe.map(p -> "SUBSCRIBE at " + seen.at(p.nanos())).orElse("no SUBSCRIBE to it before")
                    + suback.map(p -> ", SUBACK sent at " + seen.at(p.nanos())).orElse("") + ", as they crossed the wire; the "
                    + "platform's log below shows the request only after the SUBACK: HiveMQ reads nothing more of a connection "
                    + "until its SUBACK is written): the reply can be lost", seen, request);
        }
    }

    /**
     * DEV-3: the request's topic and JSON. Its request is the first PUBLISH on its own password topic; a PUBLISH elsewhere
     * before it is DEV-8's finding, not this rule's (one fault, one finding).
     */
    public void requestIsJsonWithAStringRequestId() {
        String passwordTopic = device.id().passwordTopic();
        Optional<Bench.Publish> request = device.awaitSeen("the device's request on its password topic", DeviceBench.FLOW_WAIT,
                () -> publishes().filter(p -> p.topic().equals(passwordTopic)).findFirst());
        Observations seen = device.seen();
        if (request.isEmpty()) {
            Optional<Bench.Publish> elsewhere = publishes().findFirst();
            if (elsewhere.isEmpty()) {
                throw notRun("the device published nothing in its restricted session within " + DeviceBench.FLOW_WAIT.toSeconds()
                        + " s (" + lastThing() + ")");
            }
            throw violation("it published no request on its password topic \"" + passwordTopic + "\" within "
                    + DeviceBench.FLOW_WAIT.toSeconds() + " s; its first PUBLISH was on \"" + elsewhere.get().topic() + "\"",
                    seen, elsewhere.get());
        }
        Bench.Publish p = request.get();
        try {
            JsonNode json = JSON.readTree(p.payload());
            JsonNode id = json == null || !json.isObject() ? null : json.get("RequestID");
            if (json == null || !json.isObject()) {
                throw violation("its request is not a JSON object: " + Observations.text(p.payload()), seen, p);
            }
            if (id == null || !id.isTextual()) {
                throw violation("its request's RequestID is " + (id == null ? "missing" : id + " (a JSON " + id.getNodeType().name().toLowerCase()
                        + "), not a string"), seen, p);
            }
        } catch (java.io.IOException e) {
            throw violation("its request is not JSON: " + Observations.text(p.payload()), seen, p);
        }
    }

    /** The PUBLISHes of the device's restricted sessions, in the order they came. */
    private java.util.stream.Stream<Bench.Publish> publishes() {
        return seen(device).restricted().stream().filter(e -> e instanceof Bench.Publish).map(Bench.Publish.class::cast);
    }

    /** DEV-4: no CONNECT with the bad reply's Password, watched until it logs in with its genuine secret or for a while. */
    public void neverLogsInWithTheBadReply() {
        Bench.Reply bad = device.awaitSeen("the bad reply", DeviceBench.FLOW_WAIT, () -> device.seen().badReplies().stream().findFirst())
                .orElseThrow(() -> notRun("the platform sent no reply: the device made no request within "
                        + DeviceBench.FLOW_WAIT.toSeconds() + " s (" + lastThing() + ")"));
        String genuine = device.awaitSeen("the genuine reply", DeviceBench.FLOW_WAIT,
                () -> device.seen().genuineReplies().stream().findFirst()).map(Bench.Reply::secret).orElse(null);
        // a device that took the bad reply logs in with it soon; one that did not, with the genuine secret (or waits on)
        device.awaitSeen("a login after the bad reply", DeviceBench.TAKE_WATCH, () -> device.seen().all(Bench.Connect.class, bad.nanos())
                .stream().filter(c -> !device.productSecret().equals(c.password())).findFirst());
        Observations seen = device.seen();
        for (Bench.Connect c : seen.all(Bench.Connect.class, bad.nanos())) {
            boolean product = device.productSecret().equals(c.password());
            boolean theGenuine = genuine != null && genuine.equals(c.password());
            if (!product && !theGenuine) {
                throw violation("after the platform's bad reply (" + bad.bad().orElseThrow().words() + ") at " + seen.at(bad) + " (" + Observations.text(bad.payload()) + "), it connected at " + seen.at(c)
                        + " with password " + seen.shownPassword(c.password()), seen, c);
            }
        }
    }

    /** DEV-6: after the genuine reply, a CONNECT with the secret, with exactly the static login's ClientID and UserName. */
    public void logsInWithTheIssuedSecret() {
        Bench.Connect c = connectWithTheSecret(Duration.ZERO);
        DeviceId id = device.id();
        if (!c.clientId().equals(id.clientId()) || !id.username(DeviceId.STATIC).equals(c.userName())) {
            throw violation("it logged in with its secret as ClientID \"" + c.clientId() + "\", UserName \"" + c.userName()
                    + "\", not \"" + id.clientId() + "\", \"" + id.username(DeviceId.STATIC) + "\"", device.seen(), c);
        }
    }

    /** DEV-5: the late reply taken — a CONNECT with its secret (how that CONNECT is written is DEV-6's to judge). */
    public void takesTheLateReply(Duration replyDelay) {
        connectWithTheSecret(replyDelay);
    }

    /**
     * A precondition (DEV-7's first start): the device registered and the platform accepted its login with the secret;
     * otherwise the rule cannot be judged (what went wrong is another rule's).
     */
    public void registeredAndLoggedIn() {
        String secret = device.awaitSeen("the platform's reply", DeviceBench.FLOW_WAIT, () -> device.seen().genuineReplies().stream()
                .findFirst()).map(Bench.Reply::secret).orElseThrow(() -> notRun("its first start got no secret: the device made no request within "
                        + DeviceBench.FLOW_WAIT.toSeconds() + " s (" + lastThing() + ")"));
        device.awaitSeen("an accepted login with the secret", DeviceBench.FLOW_WAIT, () -> device.seen().connectsWith(secret, 0).stream()
                .filter(c -> device.seen().answer(c).map(Bench.Connack::accepted).orElse(false)).findFirst())
                .orElseThrow(() -> notRun("on its first start the platform accepted no login with its secret within "
                        + DeviceBench.FLOW_WAIT.toSeconds() + " s (" + lastThing() + "): its next start cannot be judged"));
    }

    /** The device's first CONNECT with the secret of the genuine reply (which may come {@code replyDelay} late). */
    private Bench.Connect connectWithTheSecret(Duration replyDelay) {
        Bench.Reply reply = device.awaitSeen("the platform's reply", DeviceBench.FLOW_WAIT.plus(replyDelay),
                () -> device.seen().genuineReplies().stream().findFirst())
                .orElseThrow(() -> notRun("the platform sent no secret: the device made no request within "
                        + DeviceBench.FLOW_WAIT.toSeconds() + " s (" + lastThing() + ")"));
        Optional<Bench.Connect> login = device.awaitSeen("a CONNECT with the secret", DeviceBench.FLOW_WAIT,
                () -> device.seen().connectsWith(reply.secret(), reply.nanos()).stream().findFirst());
        if (login.isEmpty()) {
            Observations seen = device.seen();
            throw violation("the platform sent its secret at " + seen.at(reply) + "; in the " + DeviceBench.FLOW_WAIT.toSeconds()
                    + " s after, it sent no CONNECT with it (its CONNECTs since: " + connectsSince(seen, reply.nanos()) + ")", seen, reply);
        }
        return login.get();
    }

    /** DEV-7: the first CONNECT of the latest start is a login with the stored secret; no authmode 2 after it either. */
    public void logsInWithItsStoredSecretAndDoesNotRegisterAgain() {
        long since = device.lastStart();
        String secret = device.seen().genuineReplies().stream().map(Bench.Reply::secret).reduce((a, b) -> b).orElseThrow();
        device.awaitSeen("its login", DeviceBench.FLOW_WAIT, () -> device.seen().connectsWith(secret, since).stream()
                .filter(c -> device.seen().answer(c).map(Bench.Connack::accepted).orElse(false)).findFirst());
        Observations seen = device.seen();
        Bench.Connect first = seen.firstConnect(since).orElseThrow();
        Optional<Bench.Connect> again = seen.all(Bench.Connect.class, since).stream()
                .filter(c -> Observations.authmode(c).equals("2")).findFirst();
        if (again.isPresent()) {
            throw violation("on its next start it registered again: CONNECT with authmode 2 at " + seen.at(again.get()), seen, again.get());
        }
        if (!secret.equals(first.password()) || !Observations.authmode(first).equals("1")) {
            throw violation("on its next start its first CONNECT had UserName \"" + first.userName() + "\" and password "
                    + seen.shownPassword(first.password()) + ", not authmode 1 with its stored secret", seen, first);
        }
    }

    /** DEV-8: what its restricted sessions subscribed to and published on, once its flow is over. */
    public void restrictedSessionStaysOnItsOwnSystemTopics() {
        awaitLogin();
        Observations seen = device.seen();
        DeviceId id = device.id();
        for (Bench.Event e : seen.restricted()) {
            if (e instanceof Bench.Subscribe s && !s.filter().equals(id.replyTopic())) {
                throw violation("its restricted session subscribed to \"" + s.filter() + "\" at " + seen.at(s), seen, s);
            }
            if (e instanceof Bench.Publish p && !p.topic().equals(id.passwordTopic())) {
                throw violation("its restricted session published on \"" + p.topic() + "\" at " + seen.at(p), seen, p);
            }
        }
    }

    /** DEV-9: every CONNECT's keep-alive, once its flow is over. */
    public void everyKeepAliveIsWithinRange(int min, int max) {
        awaitLogin();
        Observations seen = device.seen();
        for (Bench.Connect c : seen.all(Bench.Connect.class)) {
            if (c.keepAliveSeconds() < min || c.keepAliveSeconds() > max) {
                throw violation("its CONNECT at " + seen.at(c) + " had keep-alive " + c.keepAliveSeconds() + " s", seen, c);
            }
        }
    }

    /** DEV-10: how many CONNECTs in the window after the first refusal (a SHOULD: a warning). */
    public void backsOffAfterARefusal(int most, Duration window) {
        Observations seen = device.seen();
        Bench.Connack refusal = device.awaitSeen("a refused CONNECT", DeviceBench.CONNECT_WAIT,
                () -> device.seen().first(Bench.Connack.class, a -> !a.accepted())).orElseThrow(() -> notRun("no CONNECT of the device was refused"));
        long end = refusal.nanos() + window.toNanos();
        device.awaitSeen("the end of the window", window.plusSeconds(1), () -> System.nanoTime() > end ? Optional.of(true) : Optional.empty());
        seen = device.seen();
        List<Bench.Connect> within = seen.all(Bench.Connect.class, refusal.nanos()).stream().filter(c -> c.nanos() <= end).toList();
        if (within.size() > most) {
            String message = "after its first refused CONNECT at " + seen.at(refusal) + " it sent " + within.size() + " CONNECTs in "
                    + window.toSeconds() + " s (at " + within.stream().limit(8).map(seen::at).collect(Collectors.joining(", "))
                    + (within.size() > 8 ? ", …" : "") + ")";
            throw new Finding.Warning(null, message, org.dynreg.tck.spec.Secrets.mask("WARNING " + device.rule() + " not followed: "
                    + message + evidence(seen, refusal)));
        }
    }

    private void awaitLogin() {
        device.awaitSeen("its static login", DeviceBench.FLOW_WAIT, () -> {
            Observations seen = device.seen();
            return seen.genuineReplies().stream().findFirst().flatMap(r -> seen.connectsWith(r.secret(), r.nanos()).stream().findFirst());
        });
    }

    private static Observations seen(DeviceUnderTest device) {
        return device.seen();
    }

    private String lastThing() {
        List<Bench.Event> events = device.seen().events();
        return events.isEmpty() ? "the platform saw nothing of it" : "the last thing the platform saw: "
                + device.seen().describe(events.get(events.size() - 1)).strip();
    }

    private static String connectsSince(Observations seen, long since) {
        List<Bench.Connect> c = seen.all(Bench.Connect.class, since);
        return c.isEmpty() ? "none" : c.stream().map(x -> seen.at(x) + " UserName \"" + x.userName() + "\" password "
                + seen.shownPassword(x.password())).collect(Collectors.joining("; "));
    }

    /** A MUST rule violated: its message names the rule, as a broker finding's does ("DEV-4 violated: …"). */
    private Finding.Violation violation(String headline, Observations seen, Bench.Event at) {
        return new Finding.Violation(org.dynreg.tck.spec.Secrets.mask(device.rule() + " violated: " + headline + evidence(seen, at)));
    }

    /** The transcript around the event the finding is about (the whole one is attached to the report). */
    private static String evidence(Observations seen, Bench.Event at) {
        List<Bench.Event> events = seen.events();
        int i = Math.max(0, events.indexOf(at));
        StringBuilder out = new StringBuilder("\n\nwhat the platform saw (around it; the whole transcript is attached):\n");
        for (Bench.Event e : events.subList(Math.max(0, i - 6), Math.min(events.size(), i + 4))) {
            out.append(String.format("%9s  %s%s%n", seen.at(e), seen.describe(e), e == at ? "   <<<" : ""));
        }
        return org.dynreg.tck.spec.Secrets.mask(out.toString());
    }

    private static Finding.NotRun notRun(String message) {
        return new Finding.NotRun(Finding.Why.PRECONDITION, message);
    }
}
