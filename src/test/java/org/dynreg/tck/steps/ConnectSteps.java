package org.dynreg.tck.steps;

import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import org.dynreg.tck.kit.Device;
import org.dynreg.tck.kit.Finding;
import org.dynreg.tck.kit.NearMiss;
import org.dynreg.tck.mqtt.Credentials;
import org.dynreg.tck.spec.DeviceId;
import org.dynreg.tck.spec.PasswordReply;
import org.dynreg.tck.spec.Secret;
import org.dynreg.tck.steps.ParameterTypes.Credential;

/** CONNECT: the credentials rules, pre-authentication and static login. */
public class ConnectSteps {

    private final ScenarioContext ctx;

    public ConnectSteps(ScenarioContext ctx) {
        this.ctx = ctx;
    }

    @When("it connects in authmode {int} with ClientID {string}")
    public void connectWithClientId(int authmode, String clientId) {
        String password = authmode == 2 ? ctx.subject.productSecret().reveal() : ownSecret().reveal();
        connect(new Credentials(ctx.expand(clientId), ctx.subject.username(authmode), password),
                "with " + (authmode == 2 ? "the product secret" : "its own DevSecret"));
    }

    @When("it connects with the product secret and UserName {string}")
    public void connectWithUserName(String username) {
        Device d = ctx.subject;
        connect(new Credentials(d.clientId(), ctx.expand(username), d.productSecret().reveal()), "with the product secret");
    }

    @When("it connects in authmode {int} as a device of an unknown product")
    public void connectAsUnknownProduct(int authmode) {
        DeviceId unknown = new DeviceId(ctx.expand("{UnknownProductSN}"), ctx.subject.deviceSN());
        String password = authmode == 2 ? ctx.subject.productSecret().reveal() : Secret.of(ScenarioContext.random(16)).reveal();
        connect(new Credentials(unknown.clientId(), unknown.username(authmode), password),
                "with " + (authmode == 2 ? "the known product's secret" : "a made-up DevSecret"));
    }

    @When("it connects in authmode {int} with {credential}")
    public void connectWith(int authmode, Credential credential) {
        Device d = ctx.subject;
        connect(new Credentials(d.clientId(), d.username(authmode), password(credential)), "with " + credential.words);
    }

    @When("it connects in authmode {int} with {nearMiss}")
    public void connectWithNearMiss(int authmode, ParameterTypes.NearMissOf nearMiss) {
        Device d = ctx.subject;
        connect(new Credentials(d.clientId(), d.username(authmode), nearMiss(nearMiss).reveal()), "with " + nearMiss.words());
    }

    @Then("the broker refuses the connection")
    public void refused() {
        ctx.requireAnswered();
        ctx.require(ctx.attempt.outcome().refused(), ctx.attempt.words() + " was accepted (" + ctx.attempt.outcome() + ")");
        ctx.subject.close();
    }

    @Then("the broker accepts the connection")
    public void accepted() {
        ctx.require(ctx.attempt.outcome().accepted(), ctx.attempt.words() + " was refused (" + ctx.attempt.outcome() + ")");
    }

    @Then("with its own ClientID/secret the same login is accepted")
    public void controlLoginAccepted() {
        ctx.transcript.note("positive control: the device's own, correct static login");
        ctx.staticLogin(ctx.subject, "the refusal cannot be attributed: " + ctx.subject.label() + "'s correct static login was refused too");
        ctx.subject.close();
    }

    private void connect(Credentials credentials, String passwordWords) {
        String words = "the CONNECT of " + ctx.subject.label() + " (ClientID \"" + credentials.clientId() + "\", UserName \""
                + credentials.username() + "\", " + passwordWords + ")";
        ctx.attempt = new ScenarioContext.Attempt(words, ctx.subject.connect(credentials));
    }

    /** The near miss of the subject's secret (or the product secret); not run where the facet does not apply. */
    private Secret nearMiss(ParameterTypes.NearMissOf nearMiss) {
        Secret right = nearMiss.productSecret() ? ctx.subject.productSecret() : ownSecret();
        NearMiss.Result miss = nearMiss.facet().apply(right.reveal());
        if (miss.value().isEmpty()) {
            throw ctx.notRun(Finding.Why.NOT_APPLICABLE, "\"" + nearMiss.words() + "\" does not apply: " + miss.notApplicable());
        }
        Secret wrong = Secret.of(miss.value().get());
        ctx.transcript.note("near miss: " + nearMiss.words() + " — " + wrong + " instead of " + right);
        return wrong;
    }

    private String password(Credential credential) {
        Device d = ctx.subject;
        return switch (credential) {
            case PRODUCT_SECRET -> d.productSecret().reveal();
            case WRONG_SECRET -> Secret.of("wrong" + ScenarioContext.random(11)).reveal();
            case EMPTY_PASSWORD -> "";
            case NO_PASSWORD -> null;
            case OTHER_PRODUCT_SECRET -> ctx.fixture().productWithoutDynamicRegistration().productSecret().reveal();
            case OWN_SECRET -> ownSecret().reveal();
            case OTHER_DEVICE_SECRET -> ctx.otherRegistered().devSecret().orElseThrow().reveal();
        };
    }

    /** The subject's DevSecret: known from its registration, or taken from the reply it just received. */
    private Secret ownSecret() {
        Device d = ctx.subject;
        Device.Request last = ctx.request();
        if (d.devSecret().isEmpty() && last != null && last.reply().isPresent()) {
            PasswordReply.parse(last.reply().get().payload()).password().ifPresent(p -> d.knowSecret(Secret.of(p)));
        }
        return d.devSecret().orElseThrow(() -> ctx.notRun(d.label() + " received no usable secret (see SECRET-1 and SECRET-2)"));
    }
}
