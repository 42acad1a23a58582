package zvt.crypto.feed.book;

import org.agrona.concurrent.status.AtomicCounter;
import zvt.crypto.core.counters.CountersRegistry;

/**
 * Sequencing counters of one feed: gaps detected, resyncs completed, snapshots requested and failed, updates dropped
 * as stale or duplicate. A typed view over the feed's counters in the node's {@link CountersRegistry}. Single writer
 * (the feed's event loop: release stores), readable from any thread.
 */
public final class SyncCounters
{
    private final AtomicCounter gaps;
    private final AtomicCounter resyncs;
    private final AtomicCounter snapshotRequests;
    private final AtomicCounter snapshotFailures;
    private final AtomicCounter droppedUpdates;
    private final AtomicCounter duplicates;
    private final AtomicCounter discardedUpdates;

    /** @param venue the venue's config name, the {@code venue} label. */
    public SyncCounters(final CountersRegistry registry, final String venue)
    {
        gaps = registry.counter("zvt_feed_book_gaps", "sequence gaps detected in venue books", "venue", venue);
        resyncs = registry.counter("zvt_feed_book_resyncs", "books rebuilt from a fresh snapshot", "venue", venue);
        snapshotRequests = registry.counter("zvt_feed_book_snapshot_requests", "book snapshots requested",
            "venue", venue);
        snapshotFailures = registry.counter("zvt_feed_book_snapshot_failures",
            "book snapshot requests that failed or returned an unusable snapshot (retried)", "venue", venue);
        droppedUpdates = registry.counter("zvt_feed_book_dropped_updates",
            "depth updates dropped because the book already had them", "venue", venue);
        duplicates = registry.counter("zvt_feed_duplicates",
            "duplicate updates dropped across overlapping connections", "venue", venue);
        discardedUpdates = registry.counter("zvt_feed_book_discarded_updates",
            "depth updates buffered for a snapshot and thrown away unapplied (the book resyncs)", "venue", venue);
    }

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
        discardedUpdates.getAndAddRelease(count);
    }

    /** Trades, aggregate trades, book tickers and kline updates dropped as already published (overlap). */
    public long duplicates()
    {
        return duplicates.get();
    }

    public void incrementGaps()
    {
        gaps.incrementRelease();
    }

    public void incrementResyncs()
    {
        resyncs.incrementRelease();
    }

    public void incrementSnapshotRequests()
    {
        snapshotRequests.incrementRelease();
    }

    public void incrementSnapshotFailures()
    {
        snapshotFailures.incrementRelease();
    }

    public void incrementDroppedUpdates()
    {
        droppedUpdates.incrementRelease();
    }

    public void incrementDuplicates()
    {
        duplicates.incrementRelease();
    }

    public String toString()
    {
        return CountersRegistry.describe(
            gaps, resyncs, snapshotRequests, snapshotFailures, droppedUpdates, duplicates, discardedUpdates);
    }
}
