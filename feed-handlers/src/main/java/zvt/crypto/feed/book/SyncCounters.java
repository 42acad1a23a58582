package zvt.crypto.feed.book;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Sequencing counters of one feed: gaps detected, resyncs completed, snapshots requested and failed, updates dropped
 * as stale or duplicate. Single writer (the feed's event loop), readable from any thread.
 */
public final class SyncCounters
{
    private final AtomicLong gaps = new AtomicLong();
    private final AtomicLong resyncs = new AtomicLong();
    private final AtomicLong snapshotRequests = new AtomicLong();
    private final AtomicLong snapshotFailures = new AtomicLong();
    private final AtomicLong droppedUpdates = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong discardedUpdates = new AtomicLong();

    /** Sequence breaks (VenueStatus GAP_DETECTED published). */
    public long gaps()
    {
        return gaps.get();
    }

    /** Books rebuilt from a snapshot (VenueStatus RESYNCED published), the first sync included. */
    public long resyncs()
    {
        return resyncs.get();
    }

    public long snapshotRequests()
    {
        return snapshotRequests.get();
    }

    /** Snapshot requests that failed or returned an unusable snapshot (retried). */
    public long snapshotFailures()
    {
        return snapshotFailures.get();
    }

    /** Depth updates dropped because the book already had them ({@code u <= local id}). */
    public long droppedUpdates()
    {
        return droppedUpdates.get();
    }

    /**
     * Depth updates buffered while waiting for a snapshot and then thrown away unapplied: their stream was lost, or
     * the backlog outgrew the buffer. The book they belonged to is resynced from a fresh snapshot.
     */
    public long discardedUpdates()
    {
        return discardedUpdates.get();
    }

    public void addDiscardedUpdates(final int count)
    {
        discardedUpdates.setRelease(discardedUpdates.getPlain() + count);
    }

    /** Trades, aggregate trades, book tickers and kline updates dropped as already published (overlap). */
    public long duplicates()
    {
        return duplicates.get();
    }

    public void incrementGaps()
    {
        increment(gaps);
    }

    public void incrementResyncs()
    {
        increment(resyncs);
    }

    public void incrementSnapshotRequests()
    {
        increment(snapshotRequests);
    }

    public void incrementSnapshotFailures()
    {
        increment(snapshotFailures);
    }

    public void incrementDroppedUpdates()
    {
        increment(droppedUpdates);
    }

    public void incrementDuplicates()
    {
        increment(duplicates);
    }

    public String toString()
    {
        return "gaps=" + gaps() + " resyncs=" + resyncs() + " snapshotRequests=" + snapshotRequests() +
            " snapshotFailures=" + snapshotFailures() + " droppedUpdates=" + droppedUpdates() +
            " discardedUpdates=" + discardedUpdates() +
            " duplicates=" + duplicates();
    }

    private static void increment(final AtomicLong counter)
    {
        counter.setRelease(counter.getPlain() + 1);
    }
}
