package zvt.crypto.persistence.redis;

import org.agrona.concurrent.status.AtomicCounter;
import zvt.crypto.core.counters.CountersRegistry;

/**
 * What the Redis state flusher has done, for metrics and readiness: its counts are counters of the node's
 * {@link CountersRegistry}.
 * <p>
 * Thread-safety: single writer (the flusher), any number of readers.
 */
public final class RedisStateStatus
{
    private volatile boolean connected;
    private final AtomicCounter flushes;
    private final AtomicCounter instrumentsWritten;
    private final AtomicCounter failures;

    RedisStateStatus(final CountersRegistry counters)
    {
        flushes = counters.counter("zvt_redis_state_flushes", "pipelines the state flusher sent");
        instrumentsWritten = counters.counter("zvt_redis_state_writes", "instrument hashes written");
        failures = counters.counter("zvt_redis_state_failures", "failed connects and flushes");
    }

    public boolean connected()
    {
        return connected;
    }

    /** @return pipelines sent (one per drain of the queue). */
    public long flushes()
    {
        return flushes.get();
    }

    /** @return instrument hashes written (each with the fields that changed). */
    public long instrumentsWritten()
    {
        return instrumentsWritten.get();
    }

    /** @return failed connection attempts and flushes. */
    public long failures()
    {
        return failures.get();
    }

    public String toString()
    {
        return "RedisStateStatus{connected=" + connected + ", flushes=" + flushes() + ", instrumentsWritten=" +
            instrumentsWritten() + ", failures=" + failures() + '}';
    }

    void connected(final boolean connected)
    {
        this.connected = connected;
    }

    void onFlush(final int instruments)
    {
        flushes.incrementRelease();
        instrumentsWritten.getAndAddRelease(instruments);
    }

    void onFailure()
    {
        failures.incrementRelease();
    }
}
