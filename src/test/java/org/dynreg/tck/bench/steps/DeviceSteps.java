package org.dynreg.tck.bench.steps;

import io.cucumber.java.After;
import io.cucumber.java.Before;
import io.cucumber.java.Scenario;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.time.Duration;
import org.dynreg.tck.bench.DeviceChecks;
import org.dynreg.tck.bench.DeviceUnderTest;
import org.dynreg.tck.platform.Bench;

/** The device bench's steps: how the platform treats the device, its starts, and the device rules. */
public class DeviceSteps {

    private final DeviceUnderTest device;
    private final DeviceChecks check;

    public DeviceSteps(DeviceUnderTest device, DeviceChecks check) {
        this.device = device;
        this.check = check;
    }

    @Before
    public void begin(Scenario scenario) {
        device.begin(scenario.getName(), scenario.getSourceTagNames());
    }

    @After
    public void end() {
        device.end();
    }

    @Given("the platform holds back the SUBACK of its password_reply for {int} ms")
    public void subackHeldBack(int millis) {
        device.treat(s -> s.withSubackDelay(Duration.ofMillis(millis)));
    }

    @Given("the platform sends its reply {int} ms after the request")
    public void replyDelayed(int millis) {
        device.treat(s -> s.withReplyDelay(Duration.ofMillis(millis)));
    }

    @Given("the platform first sends {badReply}, then the genuine reply")
    public void badReplyFirst(Bench.BadReply bad) {
        device.treat(s -> s.withBadReplyFirst(bad, true));
    }

    @Given("the platform refuses every CONNECT of the device for {int} s")
    public void refusesConnects(int seconds) {
        device.treat(s -> s.refusingConnectsFor(Duration.ofSeconds(seconds)));
    }

    @Given("the device has registered and logged in")
    public void registeredAndLoggedIn() {
        device.start();
        check.registeredAndLoggedIn();
        device.stopLatest();
    }

    @When("the device starts without a secret")
    @When("the device starts again with its stored state")
    public void starts() {
        device.start();
    }

    @Then("its first CONNECT has ClientID {string}, UserName {string} and the ProdSecret as password")
    public void firstConnect(String clientIdTemplate, String userNameTemplate) {
        check.firstConnectPreAuthenticates();
    }

    @Then("it publishes its request only after its SUBSCRIBE to its password_reply was granted")
    public void asksAfterGrant() {
        check.asksAfterItsSubscriptionIsGranted();
    }

    @Then("its request is a JSON object with a string RequestID, on its own password topic")
    public void requestShape() {
        check.requestIsJsonWithAStringRequestId();
    }

    @Then("it never logs in with that reply's Password")
    public void neverTakesTheBadReply() {
        check.neverLogsInWithTheBadReply();
    }

    @Then("it logs in with ClientID {string}, UserName {string} and the issued secret")
    public void logsIn(String clientIdTemplate, String userNameTemplate) {
        check.logsInWithTheIssuedSecret();
    }

    @Then("it logs in with the secret of that late reply")
    public void logsInAfterLateReply() {
        check.takesTheLateReply(Duration.ofSeconds(5));
    }

    @Then("it logs in with authmode 1 and its stored secret, and does not register again")
    public void nextStart() {
        check.logsInWithItsStoredSecretAndDoesNotRegisterAgain();
    }

    @Then("its restricted session subscribed only to its password_reply and published only on its password topic")
    public void restrictedOnly() {
        check.restrictedSessionStaysOnItsOwnSystemTopics();
    }

    @Then("every CONNECT has a keep-alive between {int} and {int} s")
    public void keepAlive(int min, int max) {
        check.everyKeepAliveIsWithinRange(min, max);
    }

    @Then("it sends no more than {int} CONNECTs in the {int} s after its first refused CONNECT")
    public void backoff(int most, int seconds) {
        check.backsOffAfterARefusal(most, Duration.ofSeconds(seconds));
    }
}
