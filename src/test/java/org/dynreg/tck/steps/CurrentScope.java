package org.dynreg.tck.steps;

import java.util.Optional;
import org.dynreg.tck.kit.CertificationRun;
import org.dynreg.tck.report.RunScope;

/**
 * The kit's one JVM-wide static: the bridge to the current {@link RunScope} for the classes the frameworks
 * instantiate and that therefore cannot be handed it — the Cucumber plugins ({@code ConformanceReporter},
 * {@code Progress}), the launcher session listener ({@code RunLifecycle}), the PicoContainer providers
 * ({@link RunProvider}, {@link ResultsProvider}) and the run-level hooks ({@link RunHooks}, static by
 * Cucumber's design). Everything else is handed the scope, the run or the results: the glue by
 * PicoContainer, through those providers. Whoever starts a run opens its scope here and closes it at the
 * end (the certification JVM's {@code RunLifecycle}, the self-tests' {@code SuiteRunner}); one run at a
 * time per JVM.
 */
public final class CurrentScope {

    private static volatile RunScope current;

    private CurrentScope() {
    }

    /**
     * The current scope; if nobody opened one (the suite run without the certification JVM's lifecycle, e.g.
     * from an IDE), one set up from the system properties, opened now.
     */
    public static synchronized RunScope get() {
        if (current == null) {
            current = RunScope.starting(CertificationRun.Settings.fromSystemProperties(), BrokerUnderTest::start);
        }
        return current;
    }

    /** The current scope, if one is open. */
    public static Optional<RunScope> opened() {
        return Optional.ofNullable(current);
    }

    /** Makes {@code scope} the current one. */
    public static synchronized void open(RunScope scope) {
        current = scope;
    }

    /** Ends {@code scope}, if it is the current one. */
    public static synchronized void close(RunScope scope) {
        if (current == scope) {
            current = null;
        }
    }
}
