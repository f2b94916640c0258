package org.dynreg.tck.steps;

import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.dynreg.tck.kit.Device;
import org.dynreg.tck.mqtt.Received;
import org.dynreg.tck.spec.PasswordReply;
import org.dynreg.tck.steps.ParameterTypes.Malformed;

/** The password request and its reply; the secret. */
public class SecretSteps {

    private final ScenarioContext ctx;

    public SecretSteps(ScenarioContext ctx) {
        this.ctx = ctx;
    }

    @When("both register")
    public void bothRegister() {
        ctx.register(ctx.subject);
        ctx.register(ctx.other);
    }

    @Then("neither was issued a secret the run saw issued to another device")
    public void noSecretOfAnother() {
        ctx.require(ctx.secretOfAnother.isEmpty(), String.join("; ", ctx.secretOfAnother)
                + " (a secret the run saw issued to that device before: the device can log in as the other one)");
    }

    @When("it requests its secret with RequestID {string}")
    public void requestSecret(String requestId) {
        ctx.requestSecret(ctx.subject, ctx.expand(requestId), 0);
    }

    @When("it requests its secret {int} times in a row")
    public void requestSecretRepeatedly(int times) {
        // one after the other, until one gets no reply: that decides the check, and the next would only wait again
        IntStream.rangeClosed(1, times).mapToObj(i -> ctx.requestSecret(ctx.subject, "seq" + i + "-" + ScenarioContext.random(8), 0))
                .allMatch(r -> r.reply().isPresent());
    }

    @Then("a reply arrives on its password_reply topic within the reply timeout")
    public void replyArrives() {
        ctx.require(ctx.request().reply().isPresent(), "no reply on \"" + ctx.subject.replyTopic() + "\" within "
                + ctx.replyTimeout().toSeconds() + " s to the request {\"RequestID\": \"" + ctx.request().requestId() + "\"} ("
                + ctx.request().outcome() + ")" + elsewhere());
    }

    @Then("the reply is a JSON object with RetCode \"0\", a string RequestID and a non-empty string Password")
    public void replyShape() {
        Received reply = reply(ctx.request());
        List<String> problems = PasswordReply.parse(reply.payload()).shapeProblems();
        ctx.require(problems.isEmpty(), "the reply " + reply.text() + ": " + String.join("; ", problems));
    }

    @Then("the reply echoes that RequestID exactly")
    public void echoesRequestId() {
        checkEcho(ctx.request());
    }

    @Then("each reply echoes its own request's RequestID")
    public void eachEchoes() {
        ctx.requests.forEach(r -> checkEcho(replied(r)));
    }

    @Then("the reply arrived within {int} seconds")
    public void replyWithin(int seconds) {
        Duration latency = latency(ctx.request());
        ctx.require(latency.compareTo(Duration.ofSeconds(seconds)) <= 0,
                "the reply came after " + latency.toMillis() + " ms, more than " + seconds + " s");
    }

    @Then("its secret is at most {int} characters long")
    public void secretLength(int max) {
        int length = ctx.subject.devSecret().orElseThrow().length();
        ctx.require(length <= max, "the issued secret has " + length + " characters, more than " + max);
    }

    @When("it tries to register again")
    public void registerAgain() {
        ctx.transcript.note(ctx.subject.label() + " is activated; it now pre-authenticates again");
        ctx.registrationAgain = ctx.subject.attemptRegistration(ctx.replyTimeout());
    }

    @Then("it obtains no secret")
    public void obtainsNoSecret() {
        Optional<Received> issued = ctx.registrationAgain.reply().filter(r -> PasswordReply.parse(r.payload()).issuesSecret());
        ctx.require(issued.isEmpty(), "after its static login, " + ctx.subject.label() + " registered again ("
                + ctx.registrationAgain.connect() + ") and was issued a secret: " + issued.map(Received::text).orElse(""));
    }

    @When("it publishes {malformed} on its password topic")
    public void publishMalformed(Malformed malformed) {
        ctx.subject.publish(ctx.subject.passwordTopic(), malformed.payload(), 0);
    }

    private Received reply(Device.Request r) {
        if (r == null || r.reply().isEmpty()) {
            throw ctx.notRun("no reply to examine (see SECRET-1)");
        }
        return r.reply().get();
    }

    /** {@code r}, which must have got a reply (else the rule fails: {@code r} is one of a row of requests). */
    private Device.Request replied(Device.Request r) {
        ctx.require(r.reply().isPresent(), "request {\"RequestID\": \"" + r.requestId() + "\"}, number "
                + (ctx.requests.indexOf(r) + 1) + " in the row, got no reply within " + ctx.replyTimeout().toSeconds()
                + " s (no further request was sent)");
        return r;
    }

    /** From {@code r} to its reply (noted); the rule fails without a reply. */
    private Duration latency(Device.Request r) {
        ctx.require(r.latency().isPresent(), "no reply within the reply timeout of " + ctx.replyTimeout().toSeconds() + " s");
        ctx.transcript.note("the reply came " + r.latency().get().toMillis() + " ms after the request");
        return r.latency().get();
    }

    private void checkEcho(Device.Request r) {
        Received reply = reply(r);
        PasswordReply parsed = PasswordReply.parse(reply.payload());
        ctx.require(parsed.echoes(r.requestId()), "the request's RequestID was \"" + r.requestId() + "\", the reply's is "
                + parsed.requestIdShown() + " (reply " + reply.text() + ")");
    }

    private String elsewhere() {
        List<Received> other = ctx.subject.received().stream()
                .filter(m -> !m.topic().equals(ctx.subject.replyTopic())).toList();
        return other.isEmpty() ? "" : "; the device did receive on \"" + other.get(0).topic() + "\": " + other.get(0).text();
    }
}
