package zvt.crypto.feed.publish;

import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.decimal.MutableDecimal;

/**
 * One decoded venue candle (kline) update, filled by a venue decoder and handed to
 * {@link FeedPublisher#publishCandle()}. Exchange time is the venue's event time of the update, or 0 where the
 * venue sends none (OKX); quote volume and trade count are 0 where the venue does not give them.
 * Reused: not thread-safe.
 */
public final class CandleFields
{
    private final MutableDecimal open = new MutableDecimal();
    private final MutableDecimal high = new MutableDecimal();
    private final MutableDecimal low = new MutableDecimal();
    private final MutableDecimal close = new MutableDecimal();
    private final MutableDecimal volume = new MutableDecimal();
    private final MutableDecimal quoteVolume = new MutableDecimal();
    private int instrumentId;
    private long exchangeTimeNanos;
    private CandleInterval interval;
    private long openTimeNanos;
    private long closeTimeNanos;
    private boolean closed;
    private long tradeCount;

    /** Clears the optional fields; a decoder starts every candle with it. */
    public CandleFields reset()
    {
        quoteVolume.set(0, 0);
        tradeCount = 0;
        exchangeTimeNanos = 0;
        return this;
    }

    public CandleFields instrumentId(final int instrumentId)
    {
        this.instrumentId = instrumentId;
        return this;
    }

    public CandleFields exchangeTimeNanos(final long exchangeTimeNanos)
    {
        this.exchangeTimeNanos = exchangeTimeNanos;
        return this;
    }

    public CandleFields interval(final CandleInterval interval)
    {
        this.interval = interval;
        return this;
    }

    public CandleFields openTimeNanos(final long openTimeNanos)
    {
        this.openTimeNanos = openTimeNanos;
        return this;
    }

    /** The last nanosecond of the bar, as Binance's {@code T} (open + interval - 1 ms, in nanos). */
    public CandleFields closeTimeNanos(final long closeTimeNanos)
    {
        this.closeTimeNanos = closeTimeNanos;
        return this;
    }

    public CandleFields closed(final boolean closed)
    {
        this.closed = closed;
        return this;
    }

    public CandleFields tradeCount(final long tradeCount)
    {
        this.tradeCount = tradeCount;
        return this;
    }

    public MutableDecimal open()
    {
        return open;
    }

    public MutableDecimal high()
    {
        return high;
    }

    public MutableDecimal low()
    {
        return low;
    }

    public MutableDecimal close()
    {
        return close;
    }

    public MutableDecimal volume()
    {
        return volume;
    }

    public MutableDecimal quoteVolume()
    {
        return quoteVolume;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public long exchangeTimeNanos()
    {
        return exchangeTimeNanos;
    }

    public CandleInterval interval()
    {
        return interval;
    }

    public long openTimeNanos()
    {
        return openTimeNanos;
    }

    public long closeTimeNanos()
    {
        return closeTimeNanos;
    }

    public boolean closed()
    {
        return closed;
    }

    public long tradeCount()
    {
        return tradeCount;
    }
}
