package org.dynreg.tck.steps;

import io.cucumber.java.en.Given;
import org.dynreg.tck.fixture.Fixture;
import org.dynreg.tck.kit.TakesDevices;

/** Which device a scenario drives. */
public class DeviceSteps {

    private final ScenarioContext ctx;

    public DeviceSteps(ScenarioContext ctx) {
        this.ctx = ctx;
    }

    @Given("the probe device of the product")
    public void probeDevice() {
        ctx.subject = ctx.deviceOfProduct(ctx.run.pool().probe(), "probe device");
    }

    @Given("a fresh whitelisted device of the product")
    @TakesDevices(fresh = 1)
    public void freshDevice() {
        ctx.subject = ctx.freshDevice("device");
    }

    @Given("another fresh whitelisted device of the product")
    @TakesDevices(fresh = 1)
    public void anotherFreshDevice() {
        ctx.other = ctx.freshDevice("other device");
    }

    @Given("an unlisted device of the product")
    public void unlistedDevice() {
        ctx.subject = ctx.deviceOfProduct(ctx.fixture().product().unlistedDevices().get(0), "unlisted device");
    }

    @Given("a whitelisted device of the product without dynamic registration")
    public void deviceOfProductWithoutDynamicRegistration() {
        Fixture.Product off = ctx.fixture().productWithoutDynamicRegistration();
        ctx.subject = ctx.device(off, off.whitelistedDevices().get(0), "device of the switched-off product");
    }

    @Given("a registered device of the product")
    @TakesDevices(shared = true)
    public void registeredDevice() {
        ctx.subject = ctx.sharedRegistered();
    }
}
