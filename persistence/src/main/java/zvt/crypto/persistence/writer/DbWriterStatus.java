package zvt.crypto.persistence.writer;

import zvt.crypto.persistence.sink.SinkStatus;
import zvt.crypto.persistence.schema.StorageStatus;

/**
 * What the database writer has done and how far behind it is: the tailer's progress ({@link SinkStatus}) and the
 * database's own counts. Each value is individually current; they are not a consistent snapshot together.
 * <p>
 * Thread-safety: single writer (the tailer thread), any number of readers.
 */
public final class DbWriterStatus extends SinkStatus
{
    private volatile long rowsWritten;
    private volatile long skippedEvents;
    private volatile long lateCandleTrades;
    private volatile StorageStatus storage;

    /** @return rows this writer inserted or updated (duplicates ignored by ON CONFLICT are not counted). */
    public long rowsWritten()
    {
        return rowsWritten;
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
        return "DbWriterStatus{storage=" + (storage == null ? "unknown" : storage.storagePath()) + ", " +
            super.toString() + ", rowsWritten=" + rowsWritten + ", skipped=" + skippedEvents +
            ", lateCandleTrades=" + lateCandleTrades + '}';
    }

    void storage(final StorageStatus storage)
    {
        this.storage = storage;
    }

    void onCommit(final long rowsWritten, final long skippedEvents, final long lateCandleTrades)
    {
        this.rowsWritten += rowsWritten;
        this.skippedEvents = skippedEvents;
        this.lateCandleTrades = lateCandleTrades;
    }
}
