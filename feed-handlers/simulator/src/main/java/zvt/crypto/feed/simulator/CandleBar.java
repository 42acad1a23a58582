package zvt.crypto.feed.simulator;

/**
 * The open candle of one kline stream, built from the symbol's trades: OHLC, base and quote volume, taker-buy
 * volumes, trade ids and count, all mantissas at exponent {@link GroundTruthBook#EXPONENT}. Buckets are aligned to
 * the epoch. Venue-neutral: each {@link WireEncoder} writes it in its own shape. Used on the simulator's event loop
 * only.
 */
public final class CandleBar
{
    private final long intervalMs;
    private long openTime = Long.MIN_VALUE;
    private long open;
    private long high;
    private long low;
    private long close;
    private long volume;
    private long quoteVolume;
    private long takerBuyVolume;
    private long takerBuyQuoteVolume;
    private long firstTradeId;
    private long lastTradeId;
    private long trades;
    private boolean changed;
    private long lastPushMs;

    public CandleBar(final long intervalMs)
    {
        this.intervalMs = intervalMs;
    }

    /** True if a trade at {@code timeMs} belongs to a later bucket than the open candle (which must close first). */
    boolean rollsOver(final long timeMs)
    {
        return openTime != Long.MIN_VALUE && bucketOf(timeMs) != openTime;
    }

    void add(final long price, final long quantity, final long timeMs, final long tradeId, final boolean buyerIsMaker)
    {
        final long bucket = bucketOf(timeMs);
        if (bucket != openTime)
        {
            openTime = bucket;
            open = high = low = price;
            volume = quoteVolume = takerBuyVolume = takerBuyQuoteVolume = trades = 0;
            firstTradeId = tradeId;
        }
        high = Math.max(high, price);
        low = Math.min(low, price);
        close = price;
        volume += quantity;
        // Quote volume at 8 decimals, price * quantity / 1e8, computed without overflow to 4 of those decimals.
        final long quote = price / 10_000 * quantity / 10_000;
        quoteVolume += quote;
        if (!buyerIsMaker)
        {
            takerBuyVolume += quantity;
            takerBuyQuoteVolume += quote;
        }
        lastTradeId = tradeId;
        trades++;
        changed = true;
    }

    boolean dueForPush(final long nowMs, final long pushIntervalMs)
    {
        return changed && nowMs - lastPushMs >= pushIntervalMs;
    }

    void pushed(final long nowMs)
    {
        changed = false;
        lastPushMs = nowMs;
    }

    private long bucketOf(final long timeMs)
    {
        return timeMs - Math.floorMod(timeMs, intervalMs);
    }

    public long intervalMs()
    {
        return intervalMs;
    }

    public long openTime()
    {
        return openTime;
    }

    /** The last millisecond of the bucket. */
    public long closeTime()
    {
        return openTime + intervalMs - 1;
    }

    public long open()
    {
        return open;
    }

    public long high()
    {
        return high;
    }

    public long low()
    {
        return low;
    }

    public long close()
    {
        return close;
    }

    public long volume()
    {
        return volume;
    }

    public long quoteVolume()
    {
        return quoteVolume;
    }

    public long takerBuyVolume()
    {
        return takerBuyVolume;
    }

    public long takerBuyQuoteVolume()
    {
        return takerBuyQuoteVolume;
    }

    public long firstTradeId()
    {
        return firstTradeId;
    }

    public long lastTradeId()
    {
        return lastTradeId;
    }

    public long trades()
    {
        return trades;
    }
}
