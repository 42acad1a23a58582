package zvt.crypto.feed.publish;

import zvt.crypto.core.decimal.MutableDecimal;

/**
 * One decoded best bid and offer, filled by a venue decoder and handed to {@link FeedPublisher#publishTop()}.
 * {@link #sequence} is the venue's own monotonic number for the quote (Binance {@code u}, Bybit {@code u}, OKX
 * {@code seqId}) or {@link #NO_SEQUENCE} where the venue has none (then the exchange time orders quotes). A venue
 * that restarts its numbering says so ({@link #restartedSequence}): that quote is new whatever came before it.
 * Reused: not thread-safe.
 */
public final class TopFields
{
    public static final long NO_SEQUENCE = 0;

    private final MutableDecimal bidPrice = new MutableDecimal();
    private final MutableDecimal bidSize = new MutableDecimal();
    private final MutableDecimal askPrice = new MutableDecimal();
    private final MutableDecimal askSize = new MutableDecimal();
    private int instrumentId;
    private long exchangeTimeNanos;
    private long sequence;
    private boolean sequenceRestarted;

    public TopFields instrumentId(final int instrumentId)
    {
        this.instrumentId = instrumentId;
        return this;
    }

    /** 0 when the venue does not say (Binance spot bookTicker). */
    public TopFields exchangeTimeNanos(final long exchangeTimeNanos)
    {
        this.exchangeTimeNanos = exchangeTimeNanos;
        return this;
    }

    public TopFields sequence(final long sequence)
    {
        this.sequence = sequence;
        this.sequenceRestarted = false;
        return this;
    }

    /** A sequence the venue has restarted from (Bybit {@code u == 1}, OKX after maintenance). */
    public TopFields restartedSequence(final long sequence)
    {
        this.sequence = sequence;
        this.sequenceRestarted = true;
        return this;
    }

    public MutableDecimal bidPrice()
    {
        return bidPrice;
    }

    public MutableDecimal bidSize()
    {
        return bidSize;
    }

    public MutableDecimal askPrice()
    {
        return askPrice;
    }

    public MutableDecimal askSize()
    {
        return askSize;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public long exchangeTimeNanos()
    {
        return exchangeTimeNanos;
    }

    public long sequence()
    {
        return sequence;
    }

    public boolean sequenceRestarted()
    {
        return sequenceRestarted;
    }
}
