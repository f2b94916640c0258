package org.dynreg.tck.report;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.dynreg.tck.kit.CertificationRun;

/**
 * Everything of one certification run, and nothing of any other: its settings (quiet or not, where the
 * summary goes, as well as what the run certifies), the {@link CertificationRun} — or why it could not start —
 * and its {@link RunResults}. Whoever starts a run creates its scope: the certification JVM's launcher
 * session for {@code mvn verify}, the self-test for each of the runs it makes in one JVM. The scope holds no
 * static state; the classes the frameworks instantiate find the current one through the one bridge the test
 * tree keeps for them.
 */
public final class RunScope {

    private final CertificationRun.Settings settings;
    private final Function<CertificationRun.Settings, CertificationRun> start;
    private final RunResults results = new RunResults();
    private volatile CertificationRun run;
    private volatile RuntimeException setupFailure;
    private boolean tried;

    private RunScope(CertificationRun.Settings settings, Function<CertificationRun.Settings, CertificationRun> start,
                     CertificationRun run) {
        this.settings = Objects.requireNonNull(settings);
        this.start = start;
        this.run = run;
        this.tried = run != null;
    }

    /** A run that {@code start} sets up from {@code settings} when it is first asked for (see {@link #run()}). */
    public static RunScope starting(CertificationRun.Settings settings,
                                    Function<CertificationRun.Settings, CertificationRun> start) {
        return new RunScope(settings, Objects.requireNonNull(start), null);
    }

    /** The scope of a run its caller has already started (the self-tests). */
    public static RunScope of(CertificationRun run) {
        return new RunScope(run.settings(), null, run);
    }

    public CertificationRun.Settings settings() {
        return settings;
    }

    public RunResults results() {
        return results;
    }

    /**
     * The run, set up on first use; a run that could not start fails the same way, at once, every time it
     * is asked for again (it does not run the preflight again).
     */
    public synchronized CertificationRun run() {
        if (!tried) {
            tried = true;
            try {
                run = start.apply(settings);
            } catch (RuntimeException e) {
                setupFailure = e;
            }
        }
        if (setupFailure != null) {
            throw setupFailure;
        }
        return run;
    }

    /** The run if it has started; empty before, or if it could not start. Never waits, never starts it. */
    public Optional<CertificationRun> started() {
        return Optional.ofNullable(run);
    }

    /** Why the run could not start (one line), if it could not. */
    public Optional<String> setupFailure() {
        RuntimeException failure = setupFailure;
        return failure == null ? Optional.empty() : Optional.of(failure.getMessage());
    }
}
