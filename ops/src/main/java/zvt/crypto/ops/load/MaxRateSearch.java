package zvt.crypto.ops.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code --find-max}: runs at the start rate, then at {@code factor} times the last rate that held, until a run
 * loses or duplicates a trade, lets the database writer's lag grow, exceeds the p99 limit, or the simulators cannot
 * offer the rate (then the harness, not the node, is the limit, and the search says so). Reports the highest rate
 * that held.
 */
final class MaxRateSearch
{
    /** Below this share of the requested steps the simulators, not the node, set the pace. */
    static final double MIN_OFFERED_SHARE = 0.9;

    private MaxRateSearch()
    {
    }

    /** @return why a run did not hold its rate, or null if it held. */
    static String failure(final LoadResult result, final long p99LimitNanos)
    {
        if (result.lostOrDuplicated() != 0)
        {
            return "lost or duplicated " + result.lostOrDuplicated() + " trades";
        }
        if (result.dbLagGrowing())
        {
            return "database writer lag growing";
        }
        if (result.p99Nanos() > p99LimitNanos)
        {
            return "p99 " + TimeUnit.NANOSECONDS.toMicros(result.p99Nanos()) + " us over the limit";
        }
        if (result.offeredShare() < MIN_OFFERED_SHARE)
        {
            return "simulators offered only " + Math.round(result.offeredShare() * 100) + "% of the rate";
        }
        return null;
    }

    static Map<String, Object> search(
        final LoadSettings start,
        final double factor,
        final long maxRate,
        final long p99LimitNanos,
        final String p99Hop,
        final Path out,
        final PrintWriter progress) throws IOException, InterruptedException
    {
        final List<Object> steps = new ArrayList<>();
        long rate = start.stepsPerSecond();
        long highestHeld = 0;
        String stoppedBy = "reached --max-rate " + maxRate;
        while (rate <= maxRate)
        {
            final LoadResult result = LoadRun.run(start.withRate(rate), out.resolve("rate-" + rate), p99Hop);
            final String failure = failure(result, p99LimitNanos);
            final Map<String, Object> step = new LinkedHashMap<>();
            step.put("stepsPerSecond", rate);
            step.put("held", failure == null);
            step.put("failure", failure);
            step.put("report", result.report());
            steps.add(step);
            progress.println("loadtest: " + rate + " steps/s " + (failure == null ? "held" : "failed: " + failure));
            if (failure != null)
            {
                progress.flush();
                stoppedBy = failure + " at " + rate + " steps/s";
                break;
            }
            highestHeld = rate;
            rate = Math.max(rate + 1, Math.round(rate * factor));
        }
        final Map<String, Object> search = new LinkedHashMap<>();
        search.put("highestStepsPerSecondHeld", highestHeld);
        search.put("stoppedBy", stoppedBy);
        search.put("p99Hop", p99Hop);
        search.put("p99LimitUs", TimeUnit.NANOSECONDS.toMicros(p99LimitNanos));
        search.put("steps", steps);
        return search;
    }
}
