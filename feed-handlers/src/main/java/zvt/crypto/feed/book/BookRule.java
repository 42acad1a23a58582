package zvt.crypto.feed.book;

/**
 * A venue's sequencing rule for one instrument's book: it sees every decoded message in arrival order and says what
 * to do with it; {@link BookSync} does the rest (publishing, statuses, buffering, resync) the same way for every
 * venue. Pure state, no I/O. Not thread-safe: one per instrument, on the feed's event loop.
 */
public interface BookRule
{
    /** What to do with a message. */
    enum Action
    {
        /** Publish it as a delta; the book stays good. */
        APPLY,
        /** It is already in the book (a duplicate or older than the snapshot): drop it. */
        DROP,
        /** No usable book yet: keep it until a snapshot arrives. */
        BUFFER,
        /** The book missed messages: it is stale from now until a resync. */
        GAP,
        /** It replaces the book (an in-stream snapshot): publish it as a snapshot; the book is good from here. */
        SNAPSHOT
    }

    /** How a book that lost its sequence is rebuilt. */
    enum Resync
    {
        /** Keep buffering the stream and fetch a REST snapshot (Binance, OKX without a WebSocket snapshot). */
        REST_SNAPSHOT,
        /** Unsubscribe and subscribe the book's stream: the venue sends a fresh snapshot (OKX, Bybit, Coinbase). */
        RESUBSCRIBE
    }

    Action onMessage(BookFields message);

    /**
     * A REST snapshot ending at {@code snapshotId} arrived.
     *
     * @return true if it can start the book from the buffered messages (the rule is then live at that id); false
     * if it is older than the buffered messages (fetch another).
     */
    boolean onRestSnapshot(long snapshotId);

    /** Back to waiting for a snapshot (the stream was lost or a gap was found). */
    void reset();

    boolean isLive();

    Resync resync();

    /**
     * How long after the first buffered message a REST snapshot is fetched: 0 at once (Binance), a grace period
     * for venues that normally send a snapshot in the stream (OKX), or negative for never.
     */
    long restSnapshotDelayMs();

    /** After {@link Action#GAP}: what was expected, for the status message (called on gaps only). */
    String gapReason(BookFields message);
}
