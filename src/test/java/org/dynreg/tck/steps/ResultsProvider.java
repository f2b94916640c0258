package org.dynreg.tck.steps;

import io.cucumber.picocontainer.CucumberPicoProvider;
import org.dynreg.tck.report.RunResults;
import org.picocontainer.injectors.Provider;

/** Hands the results of the current scope's run to whatever glue asks for them in its constructor (PicoContainer). */
@CucumberPicoProvider
public class ResultsProvider implements Provider {

    public RunResults provide() {
        return CurrentScope.get().results();
    }
}
