package org.dynreg.tck.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.dynreg.tck.kit.Absence;
import org.dynreg.tck.kit.Device;
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.kit.Observer;
import org.dynreg.tck.kit.Waits;
import org.dynreg.tck.mqtt.Outcomes;
import org.dynreg.tck.mqtt.Received;
import org.dynreg.tck.spec.DeviceId;
import org.dynreg.tck.spec.PasswordRequest;
import org.dynreg.tck.spec.Topics;

/** What a connected device may and may not publish, subscribe to and receive. */
public class SessionSteps {

    private final ScenarioContext ctx;

    public SessionSteps(ScenarioContext ctx) {
        this.ctx = ctx;
    }

    @Given("it is pre-authenticated")
    public void preAuthenticated() {
        ctx.preAuthenticate(ctx.subject);
    }

    @Given("it has registered and logged in statically")
    public void registeredAndLoggedIn() {
        ctx.register(ctx.subject);
        ctx.staticLogin(ctx.subject, "the static login of " + ctx.subject.label() + " with its secret was refused");
    }

    @When("it subscribes to {string}")
    public void subscribe(String filter) {
        subscribe(filter, 0);
    }

    @When("it subscribes to {string} at QoS {int}")
    public void subscribe(String filter, int qos) {
        ctx.subscribedFilter = ctx.expand(filter);
        ctx.subscription = ctx.subject.subscribe(ctx.subscribedFilter, qos);
    }

    @Then("the subscription is granted")
    public void granted() {
        ctx.require(ctx.subscription.granted(), "the SUBSCRIBE of " + ctx.subject.label() + " to \""
                + ctx.subscribedFilter + "\" was not granted (" + ctx.subscription + ")");
    }

    @Then("the subscription is granted at QoS 0 or 1")
    public void grantedAtQos0or1() {
        ctx.require(ctx.subscription.granted() && ctx.subscription.grantedQos() <= 1, "the QoS 1 SUBSCRIBE to \""
                + ctx.subscribedFilter + "\" was answered with " + ctx.subscription);
    }

    @Then("the SUBACK carries a failure return code")
    public void subackFailure() {
        ctx.require(ctx.subscription.kind() == Outcomes.Kind.FAILURE_CODE, "the forbidden SUBSCRIBE to \""
                + ctx.subscribedFilter + "\" was answered with: " + ctx.subscription + ", not a failure return code");
    }

    @When("it publishes a message to {string}")
    public void publishMessage(String topic) {
        ctx.observer(); // it must be watching before the message is sent
        ctx.token = UUID.randomUUID().toString();
        ctx.publishedTopic = ctx.expand(topic);
        ctx.sentAt = Instant.now();
        ctx.publication = ctx.subject.publish(ctx.publishedTopic, "{\"dynreg-tck\":\"" + ctx.token + "\"}", 1);
    }

    @Then("no subscriber receives that message")
    public void nobodyReceives() {
        Optional<Observer> observer = ctx.observerOrExplicitRefusal();
        String token = ctx.token;
        observer.ifPresent(o -> ctx.requireAbsent(ctx.sentMessage(), List.of(ctx.look(o, r -> r.contains(token))),
                List.of(ctx.control(o))));
    }

    @Then("the message is delivered")
    public void messageDelivered() {
        Optional<Observer> observer = ctx.observer();
        if (observer.isEmpty()) {
            ctx.require(ctx.publication.kind() == Outcomes.Kind.SUCCESS, "the activated device's publish to its uplink \""
                    + ctx.publishedTopic + "\" was not acknowledged (" + ctx.publication + ")");
            ctx.transcript.note("no observer (" + ctx.observerProblem() + "): checked through the PUBACK");
            return;
        }
        ctx.require(!ctx.publication.refusedExplicitly(), "the broker refused the activated device's publish to its uplink \""
                + ctx.publishedTopic + "\" (" + ctx.publication + ")");
        boolean seen = Waits.within("the observer receives the uplink message", ctx.replyTimeout(),
                () -> !observer.get().sawWith(ctx.token).isEmpty());
        ctx.require(seen, "the message the activated device published to its uplink \"" + ctx.publishedTopic + "\" ("
                + ctx.publication + ") did not reach the observer within " + ctx.replyTimeout().toSeconds() + " s");
    }

    @When("a message is published to {string}")
    public void messagePublishedBy(String topic) {
        ctx.token = UUID.randomUUID().toString();
        ctx.publishedTopic = ctx.expand(topic);
        ctx.sentAt = Instant.now();
        Optional<Observer> observer = ctx.observer();
        ctx.probeRouted = observer.map(o -> o.publishProbe(ctx.publishedTopic, ctx.token, ctx.silence(), ctx.transcript))
                .orElse(null);
        if (observer.isEmpty()) {
            ctx.transcript.note("no observer (" + ctx.observerProblem() + "): nobody can publish to \"" + ctx.publishedTopic + "\"");
        }
    }

    @Then("the device does not receive that message")
    public void deviceDoesNotReceive() {
        Device d = ctx.subject;
        boolean open = ctx.subscription.granted() && d.connected();
        if (open) {
            ctx.requireProbeRouted();
        }
        String token = ctx.token;
        ctx.requireAbsent("the observer's message to \"" + ctx.publishedTopic + "\"", ctx.looks(d, r -> r.contains(token)),
                open ? List.of(ctx.marker(d)) : List.of());
    }

    @Then("the device receives that message")
    public void deviceReceives() {
        ctx.require(ctx.subscription.granted(), "the activated device's SUBSCRIBE to its downlink \"" + ctx.subscribedFilter
                + "\" was not granted (" + ctx.subscription + ")");
        if (ctx.probeRouted == null || !ctx.probeRouted) {
            ctx.transcript.note(ctx.probeRouted == null ? "no observer (" + ctx.observerProblem() + "): checked through the SUBACK"
                    : "the observer's message was not routed even to the observer: checked through the SUBACK");
            return;
        }
        boolean got = Waits.within("the device receives the downlink message", ctx.replyTimeout(),
                () -> !ctx.subject.connected() || ctx.subject.received().stream().anyMatch(r -> r.contains(ctx.token)));
        got = ctx.subject.received().stream().anyMatch(r -> r.contains(ctx.token));
        ctx.require(got, "the activated device did not receive, within " + ctx.replyTimeout().toSeconds()
                + " s, the message published to its downlink \"" + ctx.publishedTopic + "\" (the observer did receive it)");
    }

    @When("the other device registers and receives its secret")
    public void otherDeviceRegisters() {
        ctx.register(ctx.other);
        // the forbidden message is the other device's reply: the window and the run's watch count from its arrival
        ctx.sentAt = ctx.other.replyArrivedAt().orElseGet(Instant::now);
    }

    @Then("the device does not receive the other device's reply")
    public void noForeignReply() {
        String otherReplyTopic = ctx.other.replyTopic();
        ctx.requireAbsent("the reply to " + ctx.other.label() + " (its secret)",
                ctx.looks(ctx.subject, r -> r.topic().equals(otherReplyTopic)), List.of(ctx.marker(ctx.subject)));
    }

    @When("it sends a password request on {string}")
    public void sendRequest(String topic) {
        sendRequest(topic, 0);
    }

    @When("it sends a password request on {string} at QoS {int}")
    public void sendRequest(String topic, int qos) {
        ctx.observer();
        ctx.token = "req-" + UUID.randomUUID();
        ctx.publishedTopic = ctx.expand(topic);
        ctx.sentAt = Instant.now();
        ctx.publication = ctx.subject.publish(ctx.publishedTopic, PasswordRequest.payload(ctx.token), qos);
    }

    @Then("the broker does not refuse the request")
    public void requestNotRefused() {
        Device d = ctx.subject;
        ctx.require(!ctx.publication.refusedExplicitly(), "the broker refused " + d.label()
                + "'s request on its own password topic (" + ctx.publication + ")");
        Waits.within("a reply, or the end of the connection", ctx.replyTimeout(),
                () -> !d.connected() || d.received().stream().anyMatch(r -> r.contains(ctx.token)));
        boolean replied = d.received().stream().anyMatch(r -> r.contains(ctx.token));
        ctx.require(replied || d.connected(), "the broker closed the connection of " + d.label()
                + " after its request on its own password topic, without a reply");
    }

    @Then("the request is acknowledged")
    public void requestAcknowledged() {
        ctx.require(ctx.publication.kind() == Outcomes.Kind.SUCCESS, "the QoS 1 request on \"" + ctx.publishedTopic
                + "\" was answered with: " + ctx.publication);
    }

    @Then("no reply to that request is delivered")
    public void noReplyToForeignRequest() {
        String token = ctx.token;
        String requestTopic = ctx.publishedTopic;
        List<Absence.Look> looks = new ArrayList<>(ctx.looks(ctx.subject, r -> r.contains(token)));
        List<Absence.Control> controls = new ArrayList<>(List.of(ctx.marker(ctx.subject)));
        ctx.observer().ifPresentOrElse(o -> {
            // anywhere the requester can see: not the request itself, and not the password topic owner's own reply
            // topic (RESTRICT-4 forbids only what reaches the requester; a reply to the owner is not a leak)
            String ownersReply = Topics.passwordOwner(requestTopic).map(DeviceId::replyTopic).orElse("");
            looks.add(ctx.look(o, r -> r.contains(token) && !r.topic().equals(requestTopic) && !r.topic().equals(ownersReply)));
            controls.add(ctx.control(o));
        }, () -> ctx.transcript.note("no observer (" + ctx.observerProblem() + "): only what the device itself can see is checked"));
        ctx.requireAbsent("a reply to the request on another device's password topic \"" + requestTopic + "\"", looks, controls);
    }
}
