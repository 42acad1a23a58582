package zvt.crypto.persistence.writer;

import zvt.crypto.persistence.schema.StorageStatus;

/**
 * What the database writer has done and how far behind it is, published by the writer thread and read by anyone
 * (metrics, readiness). Each value is individually current; they are not a consistent snapshot together.
 * <p>
 * Thread-safety: single writer (the agent), any number of readers.
 */
public final class DbWriterStatus
{
    private volatile boolean connected;
    private volatile long committedIndex = -1;
    private volatile long journalHeadIndex = -1;
    private volatile long lagEntries;
    private volatile long lagNanos;
    private volatile long rowsWritten;
    private volatile long entriesCommitted;
    private volatile long batches;
    private volatile long failures;
    private volatile long skippedEvents;
    private volatile long lateCandleTrades;
    private volatile StorageStatus storage;

    /** @return true while the writer holds a working database connection. */
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

    /** @return rows this writer inserted or updated (duplicates ignored by ON CONFLICT are not counted). */
    public long rowsWritten()
    {
        return rowsWritten;
    }

    /** @return rows staged in committed batches, duplicates included. */
    public long rowsStaged()
    {
        return entriesCommitted;
    }

    public long batches()
    {
        return batches;
    }

    /** @return failed connection attempts and batches. */
    public long failures()
    {
        return failures;
    }

    /** @return events skipped: no instrument definition, undecodable definitions, candles of other intervals. */
    public long skippedEvents()
    {
        return skippedEvents;
    }

    /**
     * @return trades stored but left out of candles because their minute had already closed (late across a
     * reconnect); counted since this writer started.
     */
    public long lateCandleTrades()
    {
        return lateCandleTrades;
    }

    /** @return what the schema migration found (storage path, version), or null before the first connection. */
    public StorageStatus storage()
    {
        return storage;
    }

    public String toString()
    {
        return "DbWriterStatus{storage=" + (storage == null ? "unknown" : storage.storagePath()) +
            ", connected=" + connected + ", committedIndex=" + committedIndex +
            ", lagEntries=" + lagEntries + ", lagMs=" + lagNanos / 1_000_000 + ", rowsWritten=" + rowsWritten +
            ", batches=" + batches + ", failures=" + failures + ", skipped=" + skippedEvents +
            ", lateCandleTrades=" + lateCandleTrades + '}';
    }

    void storage(final StorageStatus storage)
    {
        this.storage = storage;
    }

    void connected(final boolean connected)
    {
        this.connected = connected;
    }

    void onBatch(final long committedIndex, final long rowsWritten, final int rowsStaged)
    {
        this.committedIndex = committedIndex;
        if (rowsStaged > 0 || rowsWritten > 0)
        {
            this.rowsWritten += rowsWritten;
            this.entriesCommitted += rowsStaged;
            batches++;
        }
    }

    void onFailure()
    {
        failures++;
    }

    void lag(
        final long head,
        final long entries,
        final long nanos,
        final long unknown,
        final long skippedCandles,
        final long lateCandleTrades)
    {
        this.lateCandleTrades = lateCandleTrades;
        journalHeadIndex = head;
        lagEntries = entries;
        lagNanos = nanos;
        skippedEvents = unknown + skippedCandles;
    }
}
