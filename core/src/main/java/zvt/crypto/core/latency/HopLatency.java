package zvt.crypto.core.latency;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntervalHistogramProvider;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;
import org.HdrHistogram.ValueRecorder;

/**
 * The latency of one hop of the pipeline (exchange → receive, receive → journal, ...): recorded on the hot path
 * without allocation or locks (an HdrHistogram recorder, wait-free for its writers), read at scrape time as the
 * quantiles since the previous read plus running totals.
 * <p>
 * A hop that one stage records from its one thread takes {@link #recordedByOneThread}: its histogram's counts are
 * plain longs, two atomic increments per value instead of about six, and the pipeline's hops are recorded several times per
 * event on the feed loop (4 % of its samples at 20,000 events/s with the concurrent recorder).
 * <p>
 * Thread-safety: {@link #record} from one thread at a time or from any thread, as created; {@link #read} from one
 * reader at a time (it is synchronized).
 */
public final class HopLatency
{
    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final String hop;
    private final ValueRecorder recorder;
    private final IntervalHistogramProvider<Histogram> intervals;
    private Histogram interval;
    private long totalCount;
    private long totalNanos;

    private <R extends ValueRecorder & IntervalHistogramProvider<Histogram>> HopLatency(
        final String hop, final R recorder)
    {
        this.hop = hop;
        this.recorder = recorder;
        this.intervals = recorder;
    }

    /** A hop recorded by one thread at a time (a stage's own thread, or its host's). */
    public static HopLatency recordedByOneThread(final String hop)
    {
        return new HopLatency(hop, new SingleWriterRecorder(HIGHEST_NANOS, 3));
    }

    /** A hop recorded by several threads at once (e.g. requests answered on different event loops). */
    public static HopLatency recordedByAnyThread(final String hop)
    {
        return new HopLatency(hop, new Recorder(HIGHEST_NANOS, 3));
    }

    /** e.g. {@code receive_to_journal}. */
    public String hop()
    {
        return hop;
    }

    /** Records one latency; negative ones (clocks apart) count as 0, longer than 10 minutes as 10 minutes. */
    public void record(final long nanos)
    {
        recorder.recordValue(nanos < 0 ? 0 : Math.min(nanos, HIGHEST_NANOS));
    }

    /** What the reader gets: totals since start and the quantiles of the latencies recorded since the last read. */
    public interface Reading
    {
        void read(long totalCount, long totalNanos, Histogram sinceLastRead);
    }

    public synchronized void read(final Reading reading)
    {
        interval = intervals.getIntervalHistogram(interval);
        totalCount += interval.getTotalCount();
        totalNanos += (long)(interval.getMean() * interval.getTotalCount());
        reading.read(totalCount, totalNanos, interval);
    }
}
