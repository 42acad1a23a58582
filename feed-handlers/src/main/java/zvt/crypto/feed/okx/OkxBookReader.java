package zvt.crypto.feed.okx;

import zvt.crypto.core.codec.Side;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.book.LevelBuffer;

import static zvt.crypto.feed.okx.OkxPayload.ascii;

/**
 * One book or best-level entry {@code {asks, bids, ts, checksum, seqId, prevSeqId}} (WebSocket {@code books*} and
 * {@code bbo-tbt}, and the REST book): levels {@code [price, size, "0", numOrders]} into the {@link LevelBuffer},
 * the rest into fields. {@code asks}, {@code bids} and {@code ts} are required; a problem is recorded in
 * {@link OkxValues}. Not thread-safe.
 */
final class OkxBookReader extends OkxObjectReader
{
    private static final byte[] ASKS = ascii("asks");
    private static final byte[] BIDS = ascii("bids");
    private static final byte[] TS = ascii("ts");
    private static final byte[] CHECKSUM = ascii("checksum");
    private static final byte[] SEQ_ID = ascii("seqId");
    private static final byte[] PREV_SEQ_ID = ascii("prevSeqId");
    private static final int ASKS_FIELD = 1;
    private static final int BIDS_FIELD = 2;
    private static final int TS_FIELD = 3;
    private static final int CHECKSUM_FIELD = 4;
    private static final int SEQ_ID_FIELD = 5;
    private static final int PREV_SEQ_ID_FIELD = 6;
    private static final int REQUIRED = 1 << ASKS_FIELD | 1 << BIDS_FIELD | 1 << TS_FIELD;

    private final LevelBuffer levels;
    private final MutableDecimal price = new MutableDecimal();
    private final MutableDecimal size = new MutableDecimal();
    private long timeNanos;
    private long seqId;
    private long prevSeqId;
    private boolean hasChecksum;
    private int checksum;

    OkxBookReader(final OkxValues values, final LevelBuffer levels)
    {
        super(values);
        this.levels = levels;
    }

    void reset()
    {
        timeNanos = OkxPayload.NONE;
        seqId = OkxPayload.NONE;
        prevSeqId = OkxPayload.NONE;
        hasChecksum = false;
        levels.clear();
    }

    long timeNanos()
    {
        return timeNanos;
    }

    long seqId()
    {
        return seqId;
    }

    long prevSeqId()
    {
        return prevSeqId;
    }

    boolean hasChecksum()
    {
        return hasChecksum;
    }

    int checksum()
    {
        return checksum;
    }

    int field(final JsonCursor c)
    {
        return c.tokenEquals(ASKS) ? ASKS_FIELD : c.tokenEquals(BIDS) ? BIDS_FIELD : c.tokenEquals(TS) ? TS_FIELD :
            c.tokenEquals(CHECKSUM) ? CHECKSUM_FIELD : c.tokenEquals(SEQ_ID) ? SEQ_ID_FIELD :
            c.tokenEquals(PREV_SEQ_ID) ? PREV_SEQ_ID_FIELD : 0;
    }

    boolean takesContainer(final int field)
    {
        return field == ASKS_FIELD || field == BIDS_FIELD;
    }

    boolean value(final int field, final JsonCursor c, final int token)
    {
        switch (field)
        {
            case ASKS_FIELD, BIDS_FIELD ->
            {
                if (token == JsonCursor.BEGIN_ARRAY)
                {
                    return readLevels(c, field == ASKS_FIELD ? Side.SELL : Side.BUY);
                }
                values.error(OkxDecodeError.BAD_LEVELS);
                return c.skipValue();
            }
            case TS_FIELD -> timeNanos = values.millis(c, token);
            case CHECKSUM_FIELD ->
            {
                final long value = token == JsonCursor.NUMBER ? c.tokenAsLong() : Long.MIN_VALUE;
                if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)
                {
                    values.error(OkxDecodeError.BAD_ID);
                }
                hasChecksum = true;
                checksum = (int)value;
            }
            default ->
            {
                final long id = token == JsonCursor.NUMBER ? c.tokenAsLong() : Long.MIN_VALUE;
                if (id < (field == SEQ_ID_FIELD ? 0 : -1))
                {
                    values.error(OkxDecodeError.BAD_ID);
                }
                if (field == SEQ_ID_FIELD)
                {
                    seqId = id;
                }
                else
                {
                    prevSeqId = id;
                }
            }
        }
        return true;
    }

    void end(final int found)
    {
        if ((found & REQUIRED) != REQUIRED)
        {
            values.error(OkxDecodeError.MISSING_FIELD);
        }
    }

    /** Reads {@code [price, size, "0", numOrders]} levels (only the first two matter) through the closing bracket. */
    private boolean readLevels(final JsonCursor c, final Side side)
    {
        while (true)
        {
            final int token = c.next();
            if (token == JsonCursor.END_ARRAY)
            {
                return true;
            }
            if (!OkxValues.isValue(token))
            {
                return false;
            }
            if (token != JsonCursor.BEGIN_ARRAY)
            {
                values.error(OkxDecodeError.BAD_LEVELS);
                if (!c.skipValue())
                {
                    return false;
                }
                continue;
            }
            int column = 0;
            boolean valid = true;
            while (true)
            {
                final int element = c.next();
                if (element == JsonCursor.END_ARRAY)
                {
                    break;
                }
                if (!OkxValues.isValue(element))
                {
                    return false;
                }
                if (column < 2)
                {
                    valid &= (element == JsonCursor.STRING || element == JsonCursor.NUMBER) &&
                        values.parseDecimal(c, column == 0 ? price : size);
                }
                if (!c.skipValue())
                {
                    return false;
                }
                column++;
            }
            if (!valid || column < 2)
            {
                values.error(OkxDecodeError.BAD_LEVELS);
            }
            else
            {
                levels.add(side, price.mantissa(), price.exponent(), size.mantissa(), size.exponent());
            }
        }
    }
}
