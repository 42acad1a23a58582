package zvt.crypto.feed.simulator;

/**
 * Read access to one symbol's book as it is now, for encoders that write snapshots or checksums. Allocation free:
 * the caller owns the arrays. Valid on the simulator's event loop only.
 */
public interface BookView
{
    /** The update id of the last change applied (Binance's {@code lastUpdateId}). */
    long lastUpdateId();

    /**
     * Copies the best levels of one side, best first, into the arrays.
     *
     * @return the number of levels copied, at most {@code max}.
     */
    int bestLevels(boolean bids, long[] prices, long[] sizes, int max);
}
