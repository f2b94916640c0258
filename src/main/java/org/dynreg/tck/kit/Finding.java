package org.dynreg.tck.kit;

import java.util.Optional;
import org.dynreg.tck.spec.Rule;
import org.opentest4j.TestAbortedException;

/**
 * How a scenario that did not pass ends, as a type (never recognised by its message text): a MUST rule
 * violated, a SHOULD rule not followed, or a check that could not run — with why, and the rule it is
 * about. JUnit and Allure see a failure (an {@link AssertionError}) or a skip (a {@link TestAbortedException});
 * the results, the Allure labels and the verifier see the {@link Kind} and the {@link Rule}.
 */
public final class Finding {

    private Finding() {
    }

    /** What a finding says about its rule. */
    public enum Kind {
        /** a rule violated: a MUST rule, or any rule in strict mode; the scenario fails */
        VIOLATION("violation"),
        /** a SHOULD rule not followed: a warning, the scenario is skipped */
        WARNING("warning"),
        /** the check could not run: the scenario is skipped, with {@link Why} */
        NOT_RUN("not-run");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** As the Allure label {@code dynreg.outcome} has it. */
        public String label() {
            return label;
        }

        public static Optional<Kind> byLabel(String label) {
            for (Kind k : values()) {
                if (k.label.equals(label)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
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

    /** What a finding says, whichever exception it travels as: its kind, its rule, its one line, and why it did not run. */
    public record Facts(Kind kind, Rule rule, String headline, Why why) {
    }

    /** What every finding carries, whichever exception it travels as. */
    public interface Typed {
        /** What it says (each finding class holds one). */
        Facts facts();

        default Kind kind() {
            return facts().kind();
        }

        /** The rule it is about; empty for a finding that is about no one rule (several late deliveries, a version not listed). */
        default Optional<Rule> rule() {
            return Optional.ofNullable(facts().rule());
        }

        /** What was found, in one line, without the rule's ID and the kind (the message holds them, and the evidence). */
        default String headline() {
            return facts().headline();
        }

        /** Why it did not run; empty unless {@link Kind#NOT_RUN}. */
        default Optional<Why> notRunBecause() {
            return Optional.ofNullable(facts().why());
        }
    }

    /** A MUST rule violated (or any rule in strict mode): the scenario fails. */
    public static final class Violation extends AssertionError implements Typed {
        private final transient Facts facts;

        public Violation(String message) {
            this(null, firstLine(message), message);
        }

        public Violation(Rule rule, String headline, String message) {
            super(message);
            this.facts = new Facts(Kind.VIOLATION, rule, headline, null);
            setStackTrace(new StackTraceElement[0]); // only the kit's own frames: no evidence for a vendor
        }

        @Override
        public Facts facts() {
            return facts;
        }
    }

    /** A SHOULD rule not followed: the scenario is skipped with a warning. */
    public static final class Warning extends TestAbortedException implements Typed {
        private final transient Facts facts;

        public Warning(Rule rule, String headline, String message) {
            super(message);
            this.facts = new Facts(Kind.WARNING, rule, headline, null);
        }

        @Override
        public Facts facts() {
            return facts;
        }
    }

    /** A check that could not run, and why: the scenario is skipped. */
    public static final class NotRun extends TestAbortedException implements Typed {
        private final transient Facts facts;

        public NotRun(Why why, String message) {
            this(why, null, firstLine(message), message);
        }

        public NotRun(Why why, Rule rule, String headline, String message) {
            super(message);
            this.facts = new Facts(Kind.NOT_RUN, rule, headline, why);
        }

        @Override
        public Facts facts() {
            return facts;
        }

        public Why why() {
            return facts.why();
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").strip();
    }
}
