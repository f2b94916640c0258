package org.dynreg.tck.submission;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The test classes (the certification suites) that ran in this JVM: failsafe writes one JUnit XML
 * per class, {@code TEST-<class>.xml}, which the bundle waits for. Registered through
 * {@code META-INF/services/org.junit.platform.launcher.TestExecutionListener}.
 */
public class RunSuites implements TestExecutionListener {

    private static final Set<String> FINISHED = ConcurrentHashMap.newKeySet();
    private volatile TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        TestPlan p = plan;
        if (p != null && id.getSource().orElse(null) instanceof ClassSource source
                && id.getParentIdObject().map(parent -> p.getRoots().stream().anyMatch(r -> r.getUniqueIdObject().equals(parent)))
                .orElse(false)) {
            FINISHED.add(source.getClassName());
        }
    }

    /** The classes whose execution finished, sorted. */
    public static List<String> finished() {
        return FINISHED.stream().sorted().toList();
    }
}
