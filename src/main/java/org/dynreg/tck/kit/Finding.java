package org.dynreg.tck.kit;

import org.opentest4j.TestAbortedException;

/**
 * How a scenario that did not pass ends, as a type (never recognised by its message text): a MUST rule
 * violated, a SHOULD rule not followed, or a check that could not run — with why. JUnit and Allure see a
 * failure (an {@link AssertionError}) or a skip (a {@link TestAbortedException}); the results see the type.
 */
public final class Finding {

    private Finding() {
    }

    /** Why a check did not run. */
    public enum Why {
        /** a precondition failed: the kit could not get the device, the reply or the session it needed */
        PRECONDITION,
        /** the check needs an observer and the fixture has none (or the broker refused it) */
        NO_OBSERVER,
        /** the facet does not apply to this platform (e.g. a secret without letters has no case) */
        NOT_APPLICABLE,
        /** the fixture does not list this MQTT version */
        VERSION_NOT_LISTED,
        /** the broker stopped answering: nothing after that was certified */
        BROKER_GONE
    }

    /** A MUST rule violated (or any rule in strict mode): the scenario fails. */
    public static final class Violation extends AssertionError {
        public Violation(String message) {
            super(message);
            setStackTrace(new StackTraceElement[0]); // only the kit's own frames: no evidence for a vendor
        }
    }

    /** A SHOULD rule not followed: the scenario is skipped with a warning. */
    public static final class Warning extends TestAbortedException {
        public Warning(String message) {
            super(message);
        }
    }

    /** A check that could not run, and why: the scenario is skipped. */
    public static final class NotRun extends TestAbortedException {
        private final Why why;

        public NotRun(Why why, String message) {
            super(message);
            this.why = why;
        }

        public Why why() {
            return why;
        }
    }
}
