package zvt.crypto.core.test;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.util.Map;
import java.util.TreeMap;

/**
 * Prints, at the end of a module's test run, why tests were skipped (e.g. "recorded fixtures not found at ..."),
 * grouped by reason: Maven's summary alone only counts them. Registered for every module through the core
 * test-jar's {@code META-INF/services}.
 */
public final class SkippedTestsReport implements TestExecutionListener
{
    private final Map<String, Integer> reasons = new TreeMap<>();

    public void executionSkipped(final TestIdentifier test, final String reason)
    {
        count(reason);
    }

    public void executionFinished(final TestIdentifier test, final TestExecutionResult result)
    {
        if (test.isTest() && result.getStatus() == TestExecutionResult.Status.ABORTED)
        {
            count(result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        }
    }

    public void testPlanExecutionFinished(final TestPlan plan)
    {
        if (!reasons.isEmpty())
        {
            final StringBuilder report = new StringBuilder("[WARNING] skipped tests, by reason:");
            reasons.forEach((reason, count) -> report.append("\n[WARNING]   ").append(count).append(" × ")
                .append(reason));
            System.out.println(report);
        }
    }

    private synchronized void count(final String reason)
    {
        reasons.merge(String.valueOf(reason), 1, Integer::sum);
    }
}
