package zvt.crypto.ops.launch;

import zvt.crypto.persistence.writer.DbWriterStatus;

/**
 * The node's readiness details for the gateway's {@code /health}: which storage path the database runs (TimescaleDB
 * or plain PostgreSQL), how far the writer is behind the journal, and how many trades came too late for their candle.
 */
final class ReadinessDetails
{
    private ReadinessDetails()
    {
    }

    /** @return one JSON object describing the database side. */
    static String of(final NodeDatabase database)
    {
        if (database == null)
        {
            return "{\"database\":\"disabled\"}";
        }
        final DbWriterStatus status = database.status();
        if (status == null)
        {
            return "{\"database\":\"starting\"}";
        }
        return "{\"database\":\"" + (status.connected() ? "connected" : "unreachable") + '"' +
            ",\"storage\":\"" + (status.storage() == null ? "unknown" : status.storage().storagePath()) + '"' +
            ",\"committedIndex\":" + status.committedIndex() +
            ",\"lagEntries\":" + status.lagEntries() +
            ",\"lagMs\":" + status.lagNanos() / 1_000_000 +
            ",\"rowsWritten\":" + status.rowsWritten() +
            ",\"lateCandleTrades\":" + status.lateCandleTrades() +
            ",\"failures\":" + status.failures() + '}';
    }
}
