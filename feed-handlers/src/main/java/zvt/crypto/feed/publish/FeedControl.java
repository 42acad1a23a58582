package zvt.crypto.feed.publish;

/**
 * What a venue decoder may ask of the feed runner that owns its connections; called on the feed's event loop.
 */
public interface FeedControl
{
    /** The venue announced it will close its connections (Binance {@code serverShutdown}): replace them now. */
    void rotateAll(String reason);

    /**
     * A session's own stream is broken (Coinbase: a gap in its {@code sequence_num}): its books are stale and the
     * session is replaced.
     */
    void resync(int session, String reason);
}
