package zvt.crypto.persistence.redis;

/**
 * What the Redis state flusher has done, for metrics and readiness.
 * <p>
 * Thread-safety: single writer (the flusher), any number of readers.
 */
public final class RedisStateStatus
{
    private volatile boolean connected;
    private volatile long flushes;
    private volatile long instrumentsWritten;
    private volatile long failures;

    public boolean connected()
    {
        return connected;
    }

    /** @return pipelines sent (one per drain of the queue). */
    public long flushes()
    {
        return flushes;
    }

    /** @return instrument hashes written (each with the fields that changed). */
    public long instrumentsWritten()
    {
        return instrumentsWritten;
    }

    /** @return failed connection attempts and flushes. */
    public long failures()
    {
        return failures;
    }

    public String toString()
    {
        return "RedisStateStatus{connected=" + connected + ", flushes=" + flushes + ", instrumentsWritten=" +
            instrumentsWritten + ", failures=" + failures + '}';
    }

    void connected(final boolean connected)
    {
        this.connected = connected;
    }

    void onFlush(final int instruments)
    {
        flushes++;
        instrumentsWritten += instruments;
    }

    void onFailure()
    {
        failures++;
    }
}
