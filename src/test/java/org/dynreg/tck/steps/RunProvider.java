package org.dynreg.tck.steps;

import io.cucumber.picocontainer.CucumberPicoProvider;
import org.dynreg.tck.kit.CertificationRun;
import org.picocontainer.injectors.Provider;

/**
 * Hands the certification run of the current scope to whatever glue asks for it in its constructor: the
 * object factory Cucumber already uses (PicoContainer) injects it, scenario after scenario, on whichever
 * thread runs them.
 */
@CucumberPicoProvider
public class RunProvider implements Provider {

    public CertificationRun provide() {
        return CurrentScope.get().run();
    }
}
