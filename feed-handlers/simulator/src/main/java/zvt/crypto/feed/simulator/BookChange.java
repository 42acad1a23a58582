package zvt.crypto.feed.simulator;

/**
 * One batch of level changes of one symbol's book, numbered like Binance's diff depth: the update ids
 * {@code firstUpdateId..lastUpdateId} (at least one id, {@code firstUpdateId} = the previous batch's
 * {@code lastUpdateId} + 1). A size of 0 removes the level. Reused by its {@link SyntheticSymbol} for every batch:
 * valid only during {@link MarketListener#onBookChange}.
 */
public final class BookChange
{
    private final long[] prices;
    private final long[] sizes;
    private final boolean[] bids;
    private int count;
    private long firstUpdateId;
    private long lastUpdateId;
    private long timeMs;

    BookChange(final int capacity)
    {
        prices = new long[capacity];
        sizes = new long[capacity];
        bids = new boolean[capacity];
    }

    void reset(final long firstUpdateId, final long lastUpdateId, final long timeMs)
    {
        this.firstUpdateId = firstUpdateId;
        this.lastUpdateId = lastUpdateId;
        this.timeMs = timeMs;
        count = 0;
    }

    void add(final boolean bid, final long price, final long size)
    {
        prices[count] = price;
        sizes[count] = size;
        bids[count] = bid;
        count++;
    }

    /** Changes in the batch, bids and asks mixed, in the order they happened. */
    public int count()
    {
        return count;
    }

    public boolean isBid(final int index)
    {
        return bids[index];
    }

    public long price(final int index)
    {
        return prices[index];
    }

    /** The level's new absolute size; 0 removes it. */
    public long size(final int index)
    {
        return sizes[index];
    }

    public long firstUpdateId()
    {
        return firstUpdateId;
    }

    public long lastUpdateId()
    {
        return lastUpdateId;
    }

    public long timeMs()
    {
        return timeMs;
    }
}
