package org.dynreg.tck.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Instant;
import java.util.UUID;
import org.dynreg.tck.kit.Sent;
import org.dynreg.tck.mqtt.Outcomes;
import org.dynreg.tck.spec.PasswordRequest;

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
        ctx.subscribe(ctx.expand(filter), qos, 0);
    }

    @When("it subscribes to {string} with Retain Handling {int}")
    public void subscribeWithRetainHandling(String filter, int retainHandling) {
        if (retainHandling != 0) {
            ctx.requireMqtt5("the Retain Handling option of a SUBSCRIBE");
        }
        ctx.subscribe(ctx.expand(filter), 0, retainHandling);
    }

    @Then("the subscription is granted")
    public void granted() {
        ctx.require(ctx.subscribed.granted(), "the SUBSCRIBE of " + ctx.subject.label() + " to \""
                + ctx.subscribed.filter() + "\" was not granted (" + ctx.subscribed.outcome() + ")");
    }

    @Then("the subscription is granted at QoS 0 or 1")
    public void grantedAtQos0or1() {
        ctx.require(ctx.subscribed.granted() && ctx.subscribed.outcome().grantedQos() <= 1, "the QoS 1 SUBSCRIBE to \""
                + ctx.subscribed.filter() + "\" was answered with " + ctx.subscribed.outcome());
    }

    @Then("the SUBACK carries a failure return code")
    public void subackFailure() {
        ctx.require(ctx.subscribed.outcome().kind() == Outcomes.Kind.FAILURE_CODE, "the forbidden SUBSCRIBE to \""
                + ctx.subscribed.filter() + "\" was answered with: " + ctx.subscribed.outcome() + ", not a failure return code");
    }

    @When("it publishes a message to {string}")
    public void publishMessage(String topic) {
        String token = UUID.randomUUID().toString();
        ctx.publish(ctx.expand(topic), token, "{\"dynreg-tck\":\"" + token + "\"}", 1);
    }

    @When("it publishes a message to {string} at QoS {int}")
    public void publishMessage(String topic, int qos) {
        String token = UUID.randomUUID().toString();
        ctx.publish(ctx.expand(topic), token, "{\"dynreg-tck\":\"" + token + "\"}", qos);
    }

    @When("it publishes a retained message to {string}")
    public void publishRetained(String topic) {
        ctx.publishRetained(ctx.expand(topic));
    }

    @When("it publishes a message to {string} through a topic alias it first set on its password topic")
    public void publishThroughTopicAlias(String topic) {
        ctx.publishThroughTopicAlias(ctx.expand(topic));
    }

    @Then("a subscriber that comes later receives no retained copy of it")
    public void noRetainedCopy() {
        ctx.requireNotDelivered(ctx.delivery().leakedAsRetained(ctx.subject, ctx.sent));
    }

    @Given("it is pre-authenticated with a Will Message to {string}")
    public void preAuthenticatedWithWill(String topic) {
        ctx.preAuthenticateWithWill(ctx.expand(topic), 0);
    }

    @Given("it is pre-authenticated with a Will Message delayed {int} s to {string}")
    public void preAuthenticatedWithDelayedWill(int seconds, String topic) {
        ctx.requireMqtt5("the Will Delay Interval");
        ctx.preAuthenticateWithWill(ctx.expand(topic), seconds);
    }

    @When("its network connection drops without DISCONNECT")
    public void connectionDrops() {
        ctx.endSession(false);
    }

    @When("it disconnects with reason code 0x04")
    public void disconnectsWithWill() {
        ctx.requireMqtt5("DISCONNECT with reason code 0x04 (Disconnect with Will Message)");
        ctx.endSession(true);
    }

    @Then("no subscriber receives its Will Message")
    public void nobodyReceivesTheWill() {
        ctx.requireNotDelivered(ctx.delivery().leakedWill(ctx.subject, ctx.attempt.outcome(), ctx.sent));
    }

    @Given("it is pre-authenticated with a persistent session")
    public void preAuthenticatedPersistent() {
        ctx.preAuthenticatePersistent();
    }

    @Given("it disconnects")
    public void disconnects() {
        ctx.subject.close();
    }

    @When("it resumes its persistent session")
    public void resumes() {
        ctx.resumePersistentSession();
    }

    @Then("the device does not receive what was queued for it")
    public void deviceDoesNotReceiveItsQueue() {
        ctx.requireNotDelivered(ctx.delivery().leakedToDevice(ctx.subject, ctx.subscribed, ctx.sent.servedAt(ctx.resumedAt)));
    }

    @Given("a retained message was published to {string}")
    public void retainedMessagePublished(String topic) {
        ctx.retainedProbe(ctx.expand(topic));
    }

    @Then("the device does not receive the retained message")
    public void deviceDoesNotReceiveTheRetainedMessage() {
        ctx.requireNotDelivered(ctx.delivery().leakedToDevice(ctx.subject, ctx.subscribed, ctx.sent.servedAt(ctx.subscribed.at())));
    }

    @Then("no subscriber receives that message")
    public void nobodyReceives() {
        ctx.requireNotDelivered(ctx.delivery().leakedToAnyone(ctx.subject, ctx.sent));
    }

    @Then("the message is delivered")
    public void messageDelivered() {
        ctx.requireDelivered(ctx.delivery().reachedObserver(ctx.subject, ctx.sent));
    }

    @When("a message is published to {string}")
    public void messagePublishedBy(String topic) {
        ctx.sent = ctx.delivery().probe(ctx.expand(topic));
    }

    @Then("the device does not receive that message")
    public void deviceDoesNotReceive() {
        ctx.requireNotDelivered(ctx.delivery().leakedToDevice(ctx.subject, ctx.subscribed, ctx.sent));
    }

    @Then("the device receives that message")
    public void deviceReceives() {
        ctx.requireDelivered(ctx.delivery().reachedDevice(ctx.subject, ctx.subscribed, ctx.sent));
    }

    @When("the other device registers and receives its secret")
    public void otherDeviceRegisters() {
        ctx.register(ctx.other);
        // the forbidden message is the other device's reply: the window and the run's watch count from its arrival
        ctx.sent = Sent.arrived(ctx.other.replyTopic(), ctx.other.replyArrivedAt().orElseGet(Instant::now));
    }

    @Then("the device does not receive the other device's reply")
    public void noForeignReply() {
        ctx.requireNotDelivered(ctx.delivery().leakedReply(ctx.subject, ctx.other, ctx.sent.at()));
    }

    @When("it sends a password request on {string}")
    public void sendRequest(String topic) {
        sendRequest(topic, 0);
    }

    @When("it sends a password request on {string} at QoS {int}")
    public void sendRequest(String topic, int qos) {
        String token = "req-" + UUID.randomUUID();
        ctx.publish(ctx.expand(topic), token, PasswordRequest.payload(token), qos);
    }

    @Then("the broker does not refuse the request")
    public void requestNotRefused() {
        ctx.requireDelivered(ctx.delivery().reachedBroker(ctx.subject, ctx.sent));
    }

    @Then("the request is acknowledged")
    public void requestAcknowledged() {
        ctx.require(ctx.sent.outcome().kind() == Outcomes.Kind.SUCCESS, "the QoS 1 request on \"" + ctx.sent.topic()
                + "\" was answered with: " + ctx.sent.outcome());
    }

    @Then("no reply to that request is delivered")
    public void noReplyToForeignRequest() {
        ctx.requireNotDelivered(ctx.delivery().leakedReplyToForeignRequest(ctx.subject, ctx.sent));
    }
}
