package zvt.crypto.bench.gateway;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies and outcomes of one phase of the load. Answers to queries scheduled before {@link #measureFromNs} are
 * warm-up: counted as answered, not recorded. Thread-safe: answers arrive on event loops and query threads.
 */
final class LoadResults
{
    private static final long HIGHEST_NS = 600_000_000_000L;

    private final Recorder recorder = new Recorder(HIGHEST_NS, 3);
    private final long measureFromNs;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong lastAnswerNs = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    LoadResults(final long measureFromNs)
    {
        this.measureFromNs = measureFromNs;
    }

    void success(final long intendedNs)
    {
        record(intendedNs);
    }

    /** A wrong answer (status, row count) or a failure; still timed, so errors cannot flatter the latency. */
    void error(final long intendedNs, final String what)
    {
        if (intendedNs >= measureFromNs)
        {
            errors.incrementAndGet();
            firstError.compareAndSet(null, what);
        }
        record(intendedNs);
    }

    private void record(final long intendedNs)
    {
        final long nowNs = System.nanoTime();
        if (intendedNs >= measureFromNs)
        {
            recorder.recordValue(Math.min(nowNs - intendedNs, HIGHEST_NS));
            lastAnswerNs.accumulateAndGet(nowNs, Math::max);
        }
        answered.incrementAndGet();
    }

    long answered()
    {
        return answered.get();
    }

    long errors()
    {
        return errors.get();
    }

    String firstError()
    {
        return firstError.get();
    }

    long lastAnswerNs()
    {
        return lastAnswerNs.get();
    }

    /** The measured latencies so far; call once, after every query has been answered. */
    Histogram histogram()
    {
        return recorder.getIntervalHistogram();
    }
}
