package zvt.crypto.feed.publish;

import org.agrona.DirectBuffer;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.decimal.MutableDecimal;

/**
 * One decoded trade, filled by a venue decoder and handed to {@link FeedPublisher#publishTrade()}. The trade id is a
 * view of its ASCII bytes in the frame (valid during the frame's decoding only). Reused: not thread-safe.
 */
public final class TradeFields
{
    private final MutableDecimal price = new MutableDecimal();
    private final MutableDecimal size = new MutableDecimal();
    private int instrumentId;
    private long exchangeTimeNanos;
    private Side aggressorSide = Side.UNKNOWN;
    private DirectBuffer idBuffer;
    private int idOffset;
    private int idLength;
    private long numericId;

    public TradeFields instrumentId(final int instrumentId)
    {
        this.instrumentId = instrumentId;
        return this;
    }

    public TradeFields exchangeTimeNanos(final long exchangeTimeNanos)
    {
        this.exchangeTimeNanos = exchangeTimeNanos;
        return this;
    }

    /** The taker's side: BUY when the buyer took liquidity. */
    public TradeFields aggressorSide(final Side aggressorSide)
    {
        this.aggressorSide = aggressorSide;
        return this;
    }

    /** Filled in place by the decoder's decimal parser. */
    public MutableDecimal price()
    {
        return price;
    }

    public MutableDecimal size()
    {
        return size;
    }

    /** The venue's trade id as it appears in the frame (digits or, e.g. on Bybit linear, a UUID). */
    public TradeFields tradeId(final DirectBuffer buffer, final int offset, final int length)
    {
        return tradeId(buffer, offset, length, VenueIds.parse(buffer, offset, length));
    }

    /**
     * For a decoder that has already parsed the id's digits.
     *
     * @param numericId the id's value as {@link VenueIds#parse} gives it ({@link VenueIds#INVALID} if not all digits).
     */
    public TradeFields tradeId(final DirectBuffer buffer, final int offset, final int length, final long numericId)
    {
        idBuffer = buffer;
        idOffset = offset;
        idLength = length;
        this.numericId = numericId;
        return this;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public long exchangeTimeNanos()
    {
        return exchangeTimeNanos;
    }

    public Side aggressorSide()
    {
        return aggressorSide;
    }

    public DirectBuffer idBuffer()
    {
        return idBuffer;
    }

    public int idOffset()
    {
        return idOffset;
    }

    public int idLength()
    {
        return idLength;
    }

    /** The trade id's value if it is all digits, else {@link VenueIds#INVALID}. */
    public long numericId()
    {
        return numericId;
    }
}
