package zvt.crypto.feed.connection;

import org.slf4j.Logger;
import org.slf4j.event.Level;

import java.util.concurrent.TimeUnit;

/**
 * A warning that may repeat at the venue's pace (gaps, stale books, resyncs): the first is logged at once, then at
 * most one line per interval, each saying how many were suppressed since the last. Every occurrence is counted
 * elsewhere; this only keeps a storm of them from flooding the log. Not thread-safe: one owner thread.
 */
public final class RateLimitedLog
{
    public static final long INTERVAL_MS_DEFAULT = 10_000;

    private final Logger log;
    private final long intervalNanos;
    private long nextLogNanos = Long.MIN_VALUE;
    private long suppressed;

    public RateLimitedLog(final Logger log, final long intervalMs)
    {
        this.log = log;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
    }

    /** Logs {@code format} with {@code args} as a warning unless a line was logged within the interval. */
    public void warn(final String format, final Object... args)
    {
        log(Level.WARN, format, args);
    }

    /** As {@link #warn}, for what is expected but worth seeing (a book resynced). */
    public void info(final String format, final Object... args)
    {
        log(Level.INFO, format, args);
    }

    private void log(final Level level, final String format, final Object... args)
    {
        final long now = System.nanoTime();
        if (nextLogNanos != Long.MIN_VALUE && now - nextLogNanos < 0)
        {
            suppressed++;
            return;
        }
        nextLogNanos = now + intervalNanos;
        final String line = suppressed > 0 ? format + " (and " + suppressed + " more like it since the last line)" :
            format;
        suppressed = 0;
        log.atLevel(level).log(line, args);
    }
}
