package zvt.crypto.feed.book;

/**
 * Fetches a venue's order-book snapshot for one instrument (e.g. Binance REST {@code /api/v3/depth}) and answers
 * the {@link SnapshotCallback} with the response body or a failure. Implementations retry rate limits and server
 * errors on their own, with backoff, and must call back on the feed's event loop (the one that called
 * {@link #requestSnapshot}), never on the caller's stack before returning.
 */
@FunctionalInterface
public interface SnapshotSource
{
    void requestSnapshot(int instrumentId, String venueSymbol, SnapshotCallback callback);
}
