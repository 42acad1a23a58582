package zvt.crypto.core.latency;

import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The latency of one hop of the pipeline (exchange → receive, receive → journal, ...): recorded on the hot path
 * without allocation or locks (HdrHistogram's {@link Recorder}, wait-free for its writers), read at scrape time as
 * the quantiles since the previous read plus running totals.
 * <p>
 * Thread-safety: {@link #record} from any thread; {@link #read} from one reader at a time (it is synchronized).
 */
public final class HopLatency
{
    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final String hop;
    private final Recorder recorder = new Recorder(HIGHEST_NANOS, 3);
    private Histogram interval;
    private long totalCount;
    private long totalNanos;

    public HopLatency(final String hop)
    {
        this.hop = hop;
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
        interval = recorder.getIntervalHistogram(interval);
        totalCount += interval.getTotalCount();
        totalNanos += (long)(interval.getMean() * interval.getTotalCount());
        reading.read(totalCount, totalNanos, interval);
    }
}
