package zvt.crypto.ops.metrics;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import zvt.crypto.core.counters.CountersRegistry;

/**
 * The counters in the logs: one line of the registry's non-zero counters every {@code metrics.log.interval.s}, on a
 * thread of its own (never per message), and a last one when the node closes.
 */
public final class CountersLog implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(CountersLog.class);

    private final CountersRegistry counters;
    private final ScheduledExecutorService timer;

    private CountersLog(final CountersRegistry counters, final ScheduledExecutorService timer)
    {
        this.counters = counters;
        this.timer = timer;
    }

    /** @param intervalSeconds how often to log; 0 logs only at {@link #close()}. */
    public static CountersLog start(final CountersRegistry counters, final int intervalSeconds)
    {
        if (intervalSeconds < 0)
        {
            throw new IllegalArgumentException("metrics.log.interval.s must be 0 (at shutdown only) or more: " +
                intervalSeconds);
        }
        if (intervalSeconds == 0)
        {
            return new CountersLog(counters, null);
        }
        final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable ->
        {
            final Thread thread = new Thread(runnable, "counters-log");
            thread.setDaemon(true);
            return thread;
        });
        final CountersLog log = new CountersLog(counters, timer);
        timer.scheduleAtFixedRate(log::logNow, intervalSeconds, intervalSeconds, TimeUnit.SECONDS);
        return log;
    }

    /** Stops the periodic line and logs the final counts. */
    public void close()
    {
        if (timer != null)
        {
            timer.shutdownNow();
        }
        logNow();
    }

    private void logNow()
    {
        final String summary = counters.summary();
        if (!summary.isEmpty())
        {
            LOG.info("counters: {}", summary);
        }
    }
}
