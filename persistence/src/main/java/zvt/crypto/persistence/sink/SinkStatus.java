package zvt.crypto.persistence.sink;

import org.agrona.concurrent.status.AtomicCounter;
import zvt.crypto.core.counters.CountersRegistry;

/**
 * What a sink has committed and how far behind the journal it is, published by the tailer thread and read by anyone
 * (metrics, readiness). Each value is individually current; they are not a consistent snapshot together. A sink
 * with more to say extends it. Its counts (batches, items, failures) are counters of the node's
 * {@link CountersRegistry}; its state (connection, positions, lag) is read at scrape time.
 * <p>
 * Thread-safety: single writer (the tailer thread), any number of readers.
 */
public class SinkStatus
{
    private volatile boolean connected;
    private volatile long committedIndex = -1;
    private volatile long journalHeadIndex = -1;
    private volatile long lagEntries;
    private volatile long lagNanos;
    private final AtomicCounter rowsStaged;
    private final AtomicCounter batches;
    private final AtomicCounter failures;

    /**
     * @param prefix the metrics' names start with it, e.g. {@code zvt_db_writer}.
     * @param what   the sink, for the help, e.g. {@code "database writer"}.
     */
    public SinkStatus(final CountersRegistry counters, final String prefix, final String what)
    {
        batches = counters.counter(prefix + "_batches", "batches the " + what + " committed");
        rowsStaged = counters.counter(prefix + "_batched_items", "items in the " + what + "'s batches");
        failures = counters.counter(prefix + "_failures", "failed connects and batches of the " + what);
    }

    /** @return true while the sink holds a working connection. */
    public boolean connected()
    {
        return connected;
    }

    /** @return the journal index of the last committed checkpoint, or -1 before the first. */
    public long committedIndex()
    {
        return committedIndex;
    }

    /** @return the journal's last index when lag was last measured. */
    public long journalHeadIndex()
    {
        return journalHeadIndex;
    }

    /** @return journal entries after the checkpoint (measured every 100 ms); -1 when unknown. */
    public long lagEntries()
    {
        return lagEntries;
    }

    /** @return while behind: age (receive time to now) of the last committed entry; 0 when caught up. */
    public long lagNanos()
    {
        return lagNanos;
    }

    /** @return items (rows, stream entries) in committed batches, duplicates included. */
    public long rowsStaged()
    {
        return rowsStaged.get();
    }

    public long batches()
    {
        return batches.get();
    }

    /** @return failed connection attempts and batches. */
    public long failures()
    {
        return failures.get();
    }

    public String toString()
    {
        return "connected=" + connected + ", committedIndex=" + committedIndex + ", lagEntries=" + lagEntries +
            ", lagMs=" + lagNanos / 1_000_000 + ", batches=" + batches() + ", failures=" + failures();
    }

    void connected(final boolean connected)
    {
        this.connected = connected;
    }

    void onBatch(final long committedIndex, final int items)
    {
        this.committedIndex = committedIndex;
        if (items > 0)
        {
            rowsStaged.getAndAddRelease(items);
            batches.incrementRelease();
        }
    }

    void onFailure()
    {
        failures.incrementRelease();
    }

    void lag(final long head, final long entries, final long nanos)
    {
        journalHeadIndex = head;
        lagEntries = entries;
        lagNanos = nanos;
    }
}
