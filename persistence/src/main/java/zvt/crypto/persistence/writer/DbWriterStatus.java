package zvt.crypto.persistence.writer;

import org.agrona.concurrent.status.AtomicCounter;
import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.persistence.sink.SinkStatus;
import zvt.crypto.persistence.schema.StorageStatus;

/**
 * What the database writer has done and how far behind it is: the tailer's progress ({@link SinkStatus}) and the
 * database's own counts (counters of the node's registry). Each value is individually current; they are not a
 * consistent snapshot together.
 * <p>
 * Thread-safety: single writer (the tailer thread), any number of readers.
 */
public final class DbWriterStatus extends SinkStatus
{
    private final AtomicCounter rowsWritten;
    private final AtomicCounter skippedEvents;
    private final AtomicCounter lateCandleTrades;
    private volatile StorageStatus storage;

    public DbWriterStatus(final CountersRegistry counters)
    {
        super(counters, "zvt_db_writer", "database writer");
        rowsWritten = counters.counter("zvt_db_writer_rows", "rows inserted or updated");
        skippedEvents = counters.counter("zvt_db_writer_skipped_events",
            "events skipped (no instrument definition, undecodable, other candle intervals)");
        lateCandleTrades = counters.counter("zvt_db_writer_late_candle_trades",
            "trades stored but left out of candles because their minute had already closed");
    }

    /** @return rows this writer inserted or updated (duplicates ignored by ON CONFLICT are not counted). */
    public long rowsWritten()
    {
        return rowsWritten.get();
    }

    /** @return events skipped: no instrument definition, undecodable definitions, candles of other intervals. */
    public long skippedEvents()
    {
        return skippedEvents.get();
    }

    /**
     * @return trades stored but left out of candles because their minute had already closed (late across a
     * reconnect); counted since this writer started.
     */
    public long lateCandleTrades()
    {
        return lateCandleTrades.get();
    }

    /** @return what the schema migration found (storage path, version), or null before the first connection. */
    public StorageStatus storage()
    {
        return storage;
    }

    public String toString()
    {
        return "DbWriterStatus{storage=" + (storage == null ? "unknown" : storage.storagePath()) + ", " +
            super.toString() + ", rowsWritten=" + rowsWritten() + ", skipped=" + skippedEvents() +
            ", lateCandleTrades=" + lateCandleTrades() + '}';
    }

    void storage(final StorageStatus storage)
    {
        this.storage = storage;
    }

    void onCommit(final long rowsWritten, final long skippedEvents, final long lateCandleTrades)
    {
        this.rowsWritten.getAndAddRelease(rowsWritten);
        // the sink's running totals since it started
        this.skippedEvents.setRelease(skippedEvents);
        this.lateCandleTrades.setRelease(lateCandleTrades);
    }
}
