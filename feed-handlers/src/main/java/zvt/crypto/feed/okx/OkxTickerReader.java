package zvt.crypto.feed.okx;

import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.json.JsonCursor;

import static zvt.crypto.feed.okx.OkxPayload.ascii;

/**
 * One {@code tickers} entry's best bid and ask {@code {bidPx, bidSz, askPx, askSz, ts, ...}}; an empty price or size
 * (a side with no order) reads as 0. Every one of the five is required; a problem is recorded in {@link OkxValues}.
 * Not thread-safe.
 */
final class OkxTickerReader extends OkxObjectReader
{
    private static final byte[] BID_PX = ascii("bidPx");
    private static final byte[] BID_SZ = ascii("bidSz");
    private static final byte[] ASK_PX = ascii("askPx");
    private static final byte[] ASK_SZ = ascii("askSz");
    private static final byte[] TS = ascii("ts");
    private static final int ALL_FIELDS = 0b111110;

    private final MutableDecimal bidPrice = new MutableDecimal();
    private final MutableDecimal bidSize = new MutableDecimal();
    private final MutableDecimal askPrice = new MutableDecimal();
    private final MutableDecimal askSize = new MutableDecimal();
    private long timeNanos;
    private int fields;

    OkxTickerReader(final OkxValues values)
    {
        super(values);
    }

    void reset()
    {
        timeNanos = OkxPayload.NONE;
        fields = 0;
    }

    long timeNanos()
    {
        return timeNanos;
    }

    MutableDecimal bidPrice()
    {
        return bidPrice;
    }

    MutableDecimal bidSize()
    {
        return bidSize;
    }

    MutableDecimal askPrice()
    {
        return askPrice;
    }

    MutableDecimal askSize()
    {
        return askSize;
    }

    int field(final JsonCursor c)
    {
        return c.tokenEquals(BID_PX) ? 1 : c.tokenEquals(BID_SZ) ? 2 : c.tokenEquals(ASK_PX) ? 3 :
            c.tokenEquals(ASK_SZ) ? 4 : c.tokenEquals(TS) ? 5 : 0;
    }

    boolean value(final int field, final JsonCursor c, final int token)
    {
        switch (field)
        {
            case 1 -> values.optionalDecimal(c, token, bidPrice, OkxDecodeError.BAD_PRICE);
            case 2 -> values.optionalDecimal(c, token, bidSize, OkxDecodeError.BAD_SIZE);
            case 3 -> values.optionalDecimal(c, token, askPrice, OkxDecodeError.BAD_PRICE);
            case 4 -> values.optionalDecimal(c, token, askSize, OkxDecodeError.BAD_SIZE);
            default -> timeNanos = values.millis(c, token);
        }
        return true;
    }

    /** The fields seen add up over the frame's entries (a second entry is refused by the payload anyway). */
    void end(final int found)
    {
        fields |= found;
        if (fields != ALL_FIELDS)
        {
            values.error(OkxDecodeError.MISSING_FIELD);
        }
    }
}
