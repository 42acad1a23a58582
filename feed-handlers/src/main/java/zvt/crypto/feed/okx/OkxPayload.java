package zvt.crypto.feed.okx;

import org.agrona.DirectBuffer;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.decimal.DecimalError;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.book.LevelBuffer;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.publish.VenueIds;

import java.nio.charset.StandardCharsets;

/**
 * One pass over an OKX v5 frame {@code {"arg":{"channel","instId"},["action",]"data":[…]}} (or a control reply
 * {@code {"event",…}}): the envelope's fields are remembered by position and the {@code data} array is read, as the
 * cursor reaches it, into the shape of the channel: trades and candle rows into {@link OkxRows}, book and
 * best-level sides into the given {@link LevelBuffer}, a ticker's best bid and ask into decimals. OKX writes
 * {@code arg} before {@code data}; should a frame not, the data is skipped and read afterwards from its extent.
 * Data of an instrument the feed does not follow is skipped unread.
 * <p>
 * The first problem in the data is kept in {@link #dataError()}; malformed JSON ends the pass. Nothing is copied or
 * allocated. Not thread-safe: one per decoder.
 */
final class OkxPayload
{
    static final long NANOS_PER_MILLI = 1_000_000L;
    static final long NONE = Long.MIN_VALUE;
    static final int ACTION_NONE = 0;
    static final int ACTION_SNAPSHOT = 1;
    static final int ACTION_UPDATE = 2;
    static final int ACTION_OTHER = 3;
    private static final long MAX_TIME_MS = Long.MAX_VALUE / NANOS_PER_MILLI;
    private static final int MIN_CANDLE_COLUMNS = 7;
    private static final int MAX_PLAIN_DIGITS = 18;

    private static final byte[] ARG = ascii("arg");
    private static final byte[] CHANNEL = ascii("channel");
    private static final byte[] INST_ID = ascii("instId");
    private static final byte[] EVENT = ascii("event");
    private static final byte[] ACTION = ascii("action");
    private static final byte[] DATA = ascii("data");
    private static final byte[] SNAPSHOT = ascii("snapshot");
    private static final byte[] UPDATE = ascii("update");
    private static final byte[] ASKS = ascii("asks");
    private static final byte[] BIDS = ascii("bids");
    private static final byte[] TS = ascii("ts");
    private static final byte[] CHECKSUM = ascii("checksum");
    private static final byte[] SEQ_ID = ascii("seqId");
    private static final byte[] PREV_SEQ_ID = ascii("prevSeqId");
    private static final byte[] TRADE_ID = ascii("tradeId");
    private static final byte[] PX = ascii("px");
    private static final byte[] SZ = ascii("sz");
    private static final byte[] SIDE = ascii("side");
    private static final byte[] BUY = ascii("buy");
    private static final byte[] SELL = ascii("sell");
    private static final byte[] BID_PX = ascii("bidPx");
    private static final byte[] BID_SZ = ascii("bidSz");
    private static final byte[] ASK_PX = ascii("askPx");
    private static final byte[] ASK_SZ = ascii("askSz");

    private final JsonCursor cursor = new JsonCursor();
    private final JsonCursor deferred = new JsonCursor();
    private final FeedPublisher publisher;
    private final LevelBuffer levels;
    private final OkxRows rows = new OkxRows();
    private final MutableDecimal price = new MutableDecimal();
    private final MutableDecimal size = new MutableDecimal();
    private final MutableDecimal bidPrice = new MutableDecimal();
    private final MutableDecimal bidSize = new MutableDecimal();
    private final MutableDecimal askPrice = new MutableDecimal();
    private final MutableDecimal askSize = new MutableDecimal();

    private DirectBuffer buffer;
    private OkxChannel channel;
    private int instIdOffset;
    private int instIdLength;
    private int instrumentId;
    private int eventOffset;
    private int eventLength;
    private int action;
    private boolean hasData;
    private int dataOffset;
    private OkxDecodeError dataError;
    private long timeNanos;
    private long seqId;
    private long prevSeqId;
    private boolean hasChecksum;
    private int checksum;
    private int tickerFields;

    /**
     * @param publisher maps {@code arg.instId} to the feed's instrument (null for REST bodies).
     * @param levels    where book and best-level sides are read (the publisher's book message, so a book frame's
     *                  levels are read once, in place).
     */
    OkxPayload(final FeedPublisher publisher, final LevelBuffer levels)
    {
        this.publisher = publisher;
        this.levels = levels;
    }

    /** @return false if the frame is not one well-formed JSON object. */
    boolean parse(final DirectBuffer buffer, final int offset, final int length)
    {
        start(buffer, offset, length);
        if (cursor.next() != JsonCursor.BEGIN_OBJECT || !readEnvelope() || cursor.next() != JsonCursor.END)
        {
            return false;
        }
        if (dataOffset >= 0 && channel != null)
        {
            deferred.wrap(buffer, dataOffset, offset + length - dataOffset);
            deferred.next();
            return readData(deferred);
        }
        return true;
    }

    /**
     * Reads a REST {@code /api/v5/market/books} body {@code {"code":"0","msg":"","data":[{asks,bids,ts,seqId}]}}
     * as a {@code books} entry of {@code instrumentId} (no lookup).
     *
     * @return false if the body is not well-formed JSON; data problems are in {@link #dataError()}.
     */
    boolean parseRestBook(final DirectBuffer buffer, final int offset, final int length, final int instrumentId)
    {
        start(buffer, offset, length);
        channel = OkxChannel.of("books");
        this.instrumentId = instrumentId;
        return cursor.next() == JsonCursor.BEGIN_OBJECT && readEnvelope() && cursor.next() == JsonCursor.END;
    }

    private void start(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        channel = null;
        instIdLength = -1;
        instrumentId = InstrumentRegistry.NO_INSTRUMENT;
        eventLength = -1;
        action = ACTION_NONE;
        hasData = false;
        dataOffset = -1;
        dataError = null;
        timeNanos = NONE;
        seqId = NONE;
        prevSeqId = NONE;
        hasChecksum = false;
        tickerFields = 0;
        levels.clear();
        rows.clear();
        cursor.wrap(buffer, offset, length);
    }

    DirectBuffer buffer()
    {
        return buffer;
    }

    /** True for a control reply ({@code subscribe}, {@code error}, {@code notice}, ...). */
    boolean isEvent()
    {
        return eventLength >= 0;
    }

    boolean eventEquals(final byte[] ascii)
    {
        return equals(eventOffset, eventLength, ascii);
    }

    /** The channel of {@code arg.channel} if this feed decodes it, else null. */
    OkxChannel channel()
    {
        return channel;
    }

    boolean hasData()
    {
        return hasData;
    }

    /** The instrument of {@code arg.instId}, {@link InstrumentRegistry#NO_INSTRUMENT} if not followed. */
    int instrumentId()
    {
        return instrumentId;
    }

    /** True for a derivative instId ({@code -SWAP}, dated futures and options: more than one dash). */
    boolean isDerivative()
    {
        int dashes = 0;
        for (int i = instIdOffset; i < instIdOffset + instIdLength; i++)
        {
            if (buffer.getByte(i) == '-')
            {
                dashes++;
            }
        }
        return dashes > 1;
    }

    int action()
    {
        return action;
    }

    /** The first problem found in {@code data}, or null. */
    OkxDecodeError dataError()
    {
        return dataError;
    }

    LevelBuffer levels()
    {
        return levels;
    }

    OkxRows rows()
    {
        return rows;
    }

    /** {@code ts} of a book, best-level or ticker entry in nanos, or {@link #NONE}. */
    long timeNanos()
    {
        return timeNanos;
    }

    /** {@code seqId}, or {@link #NONE}. */
    long seqId()
    {
        return seqId;
    }

    /** {@code prevSeqId} (-1 on a snapshot), or {@link #NONE}. */
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

    private boolean readEnvelope()
    {
        while (true)
        {
            final int name = cursor.next();
            if (name == JsonCursor.END_OBJECT)
            {
                return true;
            }
            if (name != JsonCursor.FIELD_NAME)
            {
                return false;
            }
            final boolean isArg = cursor.tokenEquals(ARG);
            final boolean isEvent = cursor.tokenEquals(EVENT);
            final boolean isAction = cursor.tokenEquals(ACTION);
            final boolean isData = cursor.tokenEquals(DATA);
            final int value = cursor.next();
            if (!isValue(value))
            {
                return false;
            }
            if (isArg && value == JsonCursor.BEGIN_OBJECT)
            {
                if (!readArg())
                {
                    return false;
                }
            }
            else if (isEvent && value == JsonCursor.STRING)
            {
                eventOffset = cursor.tokenOffset();
                eventLength = cursor.tokenLength();
            }
            else if (isAction && value == JsonCursor.STRING)
            {
                action = cursor.tokenEquals(SNAPSHOT) ? ACTION_SNAPSHOT :
                    cursor.tokenEquals(UPDATE) ? ACTION_UPDATE : ACTION_OTHER;
            }
            else if (isData && value == JsonCursor.BEGIN_ARRAY)
            {
                hasData = true;
                if (instIdLength < 0 && channel == null)
                {
                    dataOffset = cursor.tokenOffset();
                    if (!cursor.skipValue())
                    {
                        return false;
                    }
                }
                else if (!readData(cursor))
                {
                    return false;
                }
            }
            else if (!cursor.skipValue())
            {
                return false;
            }
        }
    }

    private boolean readArg()
    {
        while (true)
        {
            final int name = cursor.next();
            if (name == JsonCursor.END_OBJECT)
            {
                return true;
            }
            if (name != JsonCursor.FIELD_NAME)
            {
                return false;
            }
            final boolean isChannel = cursor.tokenEquals(CHANNEL);
            final boolean isInstId = cursor.tokenEquals(INST_ID);
            final int value = cursor.next();
            if (!isValue(value))
            {
                return false;
            }
            if (isChannel && value == JsonCursor.STRING)
            {
                channel = OkxChannel.of(buffer, cursor.tokenOffset(), cursor.tokenLength());
            }
            else if (isInstId && value == JsonCursor.STRING)
            {
                instIdOffset = cursor.tokenOffset();
                instIdLength = cursor.tokenLength();
            }
            else if (!cursor.skipValue())
            {
                return false;
            }
        }
    }

    /** Reads {@code data} (the cursor just returned its opening bracket) through its closing bracket. */
    private boolean readData(final JsonCursor c)
    {
        if (channel != null && instIdLength > 0 && publisher != null)
        {
            instrumentId = publisher.instrumentId(buffer, instIdOffset, instIdLength);
        }
        if (channel == null || instrumentId == InstrumentRegistry.NO_INSTRUMENT)
        {
            return c.skipValue();
        }
        final OkxChannel.Kind kind = channel.kind();
        int entries = 0;
        while (true)
        {
            final int token = c.next();
            if (token == JsonCursor.END_ARRAY)
            {
                if (entries == 0 || (entries > 1 && kind != OkxChannel.Kind.TRADES && kind != OkxChannel.Kind.CANDLE))
                {
                    error(OkxDecodeError.BAD_DATA); // one book, best-level or ticker entry per message
                }
                return true;
            }
            entries++;
            final boolean ok;
            if (kind == OkxChannel.Kind.CANDLE)
            {
                ok = token == JsonCursor.BEGIN_ARRAY ? readCandle(c) : badEntry(c, token);
            }
            else if (token != JsonCursor.BEGIN_OBJECT)
            {
                ok = badEntry(c, token);
            }
            else
            {
                ok = switch (kind)
                {
                    case TRADES -> readTrade(c);
                    case TICKER -> readTicker(c);
                    default -> readBook(c);
                };
            }
            if (!ok)
            {
                return false;
            }
        }
    }

    private boolean badEntry(final JsonCursor c, final int token)
    {
        error(OkxDecodeError.BAD_DATA);
        return isValue(token) && c.skipValue();
    }

    private boolean readTrade(final JsonCursor c)
    {
        int idOffset = -1;
        int idLength = 0;
        long id = VenueIds.INVALID;
        long time = NONE;
        Side side = null;
        boolean hasPrice = false;
        boolean hasSize = false;
        int found = 0;
        while (true)
        {
            final int name = c.next();
            if (name == JsonCursor.END_OBJECT)
            {
                break;
            }
            if (name != JsonCursor.FIELD_NAME)
            {
                return false;
            }
            final int field = c.tokenEquals(TRADE_ID) ? 1 : c.tokenEquals(PX) ? 2 : c.tokenEquals(SZ) ? 3 :
                c.tokenEquals(SIDE) ? 4 : c.tokenEquals(TS) ? 5 : 0;
            final int value = c.next();
            if (!isValue(value))
            {
                return false;
            }
            if (field != 0 && isContainer(value))
            {
                error(OkxDecodeError.BAD_DATA);
                found |= 1 << field;
                if (!c.skipValue())
                {
                    return false;
                }
                continue;
            }
            switch (field)
            {
                case 1 ->
                {
                    id = value == JsonCursor.STRING ? digits(c.tokenOffset(), c.tokenLength()) : VenueIds.INVALID;
                    if (id == VenueIds.INVALID)
                    {
                        error(OkxDecodeError.BAD_ID);
                    }
                    idOffset = c.tokenOffset();
                    idLength = c.tokenLength();
                }
                case 2 -> hasPrice = decimal(c, value, price, OkxDecodeError.BAD_PRICE);
                case 3 -> hasSize = decimal(c, value, size, OkxDecodeError.BAD_SIZE);
                case 4 ->
                {
                    side = value != JsonCursor.STRING ? null : c.tokenEquals(BUY) ? Side.BUY :
                        c.tokenEquals(SELL) ? Side.SELL : null;
                    if (side == null)
                    {
                        error(OkxDecodeError.BAD_SIDE);
                    }
                }
                case 5 -> time = millis(c, value);
                default ->
                {
                    if (!c.skipValue())
                    {
                        return false;
                    }
                }
            }
            if (field != 0)
            {
                found |= 1 << field;
            }
        }
        if (found != 0b111110)
        {
            error(OkxDecodeError.MISSING_FIELD);
        }
        else if (hasPrice && hasSize && side != null && time != NONE && id != VenueIds.INVALID)
        {
            rows.addTrade(price, size, side, time, idOffset, idLength, id);
        }
        return true;
    }

    private boolean readBook(final JsonCursor c)
    {
        int found = 0;
        while (true)
        {
            final int name = c.next();
            if (name == JsonCursor.END_OBJECT)
            {
                break;
            }
            if (name != JsonCursor.FIELD_NAME)
            {
                return false;
            }
            final boolean isAsks = c.tokenEquals(ASKS);
            final boolean isBids = c.tokenEquals(BIDS);
            final boolean isTs = c.tokenEquals(TS);
            final boolean isChecksum = c.tokenEquals(CHECKSUM);
            final boolean isSeqId = c.tokenEquals(SEQ_ID);
            final boolean isPrevSeqId = c.tokenEquals(PREV_SEQ_ID);
            final int value = c.next();
            if (!isValue(value))
            {
                return false;
            }
            if ((isTs || isChecksum || isSeqId || isPrevSeqId) && isContainer(value))
            {
                error(OkxDecodeError.BAD_DATA);
                found |= isTs ? 4 : 0;
                if (!c.skipValue())
                {
                    return false;
                }
            }
            else if (isAsks || isBids)
            {
                found |= isAsks ? 1 : 2;
                if (value != JsonCursor.BEGIN_ARRAY)
                {
                    error(OkxDecodeError.BAD_LEVELS);
                    if (!c.skipValue())
                    {
                        return false;
                    }
                }
                else if (!readLevels(c, isAsks ? Side.SELL : Side.BUY))
                {
                    return false;
                }
            }
            else if (isTs)
            {
                found |= 4;
                timeNanos = millis(c, value);
            }
            else if (isChecksum)
            {
                final long value64 = value == JsonCursor.NUMBER ? c.tokenAsLong() : Long.MIN_VALUE;
                if (value64 < Integer.MIN_VALUE || value64 > Integer.MAX_VALUE)
                {
                    error(OkxDecodeError.BAD_ID);
                }
                hasChecksum = true;
                checksum = (int)value64;
            }
            else if (isSeqId || isPrevSeqId)
            {
                final long id = value == JsonCursor.NUMBER ? c.tokenAsLong() : Long.MIN_VALUE;
                if (id < (isSeqId ? 0 : -1))
                {
                    error(OkxDecodeError.BAD_ID);
                }
                if (isSeqId)
                {
                    seqId = id;
                }
                else
                {
                    prevSeqId = id;
                }
            }
            else if (!c.skipValue())
            {
                return false;
            }
        }
        if (found != 0b111)
        {
            error(OkxDecodeError.MISSING_FIELD);
        }
        return true;
    }

    private boolean readTicker(final JsonCursor c)
    {
        while (true)
        {
            final int name = c.next();
            if (name == JsonCursor.END_OBJECT)
            {
                break;
            }
            if (name != JsonCursor.FIELD_NAME)
            {
                return false;
            }
            final int field = c.tokenEquals(BID_PX) ? 1 : c.tokenEquals(BID_SZ) ? 2 : c.tokenEquals(ASK_PX) ? 3 :
                c.tokenEquals(ASK_SZ) ? 4 : c.tokenEquals(TS) ? 5 : 0;
            final int value = c.next();
            if (!isValue(value))
            {
                return false;
            }
            if (field != 0 && isContainer(value))
            {
                error(OkxDecodeError.BAD_DATA);
                tickerFields |= 1 << field;
                if (!c.skipValue())
                {
                    return false;
                }
                continue;
            }
            switch (field)
            {
                case 1 -> optionalDecimal(c, value, bidPrice, OkxDecodeError.BAD_PRICE);
                case 2 -> optionalDecimal(c, value, bidSize, OkxDecodeError.BAD_SIZE);
                case 3 -> optionalDecimal(c, value, askPrice, OkxDecodeError.BAD_PRICE);
                case 4 -> optionalDecimal(c, value, askSize, OkxDecodeError.BAD_SIZE);
                case 5 -> timeNanos = millis(c, value);
                default ->
                {
                    if (!c.skipValue())
                    {
                        return false;
                    }
                }
            }
            if (field != 0)
            {
                tickerFields |= 1 << field;
            }
        }
        if (tickerFields != 0b111110)
        {
            error(OkxDecodeError.MISSING_FIELD);
        }
        return true;
    }

    /** A row {@code [ts,o,h,l,c,vol,volCcy(,volCcyQuote(,confirm))]}; 2022 rows have only the first seven. */
    private boolean readCandle(final JsonCursor c)
    {
        int column = 0;
        long time = NONE;
        int confirm = OkxRows.UNCONFIRMED;
        boolean valid = true;
        final int row = rows.beginCandle();
        while (true)
        {
            final int token = c.next();
            if (token == JsonCursor.END_ARRAY)
            {
                break;
            }
            if (!isValue(token))
            {
                return false;
            }
            if (token != JsonCursor.STRING && token != JsonCursor.NUMBER)
            {
                error(OkxDecodeError.BAD_DATA);
                valid = false;
                if (!c.skipValue())
                {
                    return false;
                }
            }
            else if (column == 0)
            {
                time = millis(c, token);
            }
            else if (column <= OkxRows.CANDLE_DECIMALS)
            {
                final boolean isPrice = column <= 4;
                valid &= decimal(c, token, price, isPrice ? OkxDecodeError.BAD_PRICE : OkxDecodeError.BAD_SIZE);
                rows.candleDecimal(row, column - 1, price);
            }
            else if (column == OkxRows.CANDLE_DECIMALS + 1)
            {
                confirm = c.tokenLength() != 1 ? -1 : c.buffer().getByte(c.tokenOffset()) - '0';
                if (confirm != 0 && confirm != 1)
                {
                    error(OkxDecodeError.BAD_CONFIRM);
                    valid = false;
                }
            }
            column++;
        }
        if (column < MIN_CANDLE_COLUMNS)
        {
            error(OkxDecodeError.MISSING_FIELD);
        }
        else if (valid && time != NONE)
        {
            rows.endCandle(row, time, Math.min(column - 1, OkxRows.CANDLE_DECIMALS), confirm);
        }
        return true;
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
            if (!isValue(token))
            {
                return false;
            }
            if (token != JsonCursor.BEGIN_ARRAY)
            {
                error(OkxDecodeError.BAD_LEVELS);
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
                if (!isValue(element))
                {
                    return false;
                }
                if (column < 2)
                {
                    valid &= (element == JsonCursor.STRING || element == JsonCursor.NUMBER) &&
                        parseDecimal(c, column == 0 ? price : size);
                }
                if (!c.skipValue())
                {
                    return false;
                }
                column++;
            }
            if (!valid || column < 2)
            {
                error(OkxDecodeError.BAD_LEVELS);
            }
            else
            {
                levels.add(side, price.mantissa(), price.exponent(), size.mantissa(), size.exponent());
            }
        }
    }

    /** @return true if the value is a non-negative decimal read into {@code result}; else records {@code bad}. */
    private boolean decimal(final JsonCursor c, final int token, final MutableDecimal result, final OkxDecodeError bad)
    {
        if ((token == JsonCursor.STRING || token == JsonCursor.NUMBER) && parseDecimal(c, result))
        {
            return true;
        }
        error(bad);
        return false;
    }

    /** As {@link #decimal}, but the empty string (a side with no order, e.g. an illiquid option) reads as 0. */
    private void optionalDecimal(
        final JsonCursor c, final int token, final MutableDecimal result, final OkxDecodeError bad)
    {
        if (token == JsonCursor.STRING && c.tokenLength() == 0)
        {
            result.set(0, 0);
            return;
        }
        decimal(c, token, result, bad);
    }

    private boolean parseDecimal(final JsonCursor c, final MutableDecimal result)
    {
        return AsciiDecimal.parse(buffer, c.tokenOffset(), c.tokenLength(), result) == DecimalError.NONE &&
            result.mantissa() >= 0;
    }

    /** @return a millisecond time (string or number) as nanos, or {@link #NONE} after recording the error. */
    private long millis(final JsonCursor c, final int token)
    {
        final long ms = token == JsonCursor.STRING || token == JsonCursor.NUMBER ?
            digits(c.tokenOffset(), c.tokenLength()) : VenueIds.INVALID;
        if (ms == VenueIds.INVALID || ms > MAX_TIME_MS)
        {
            error(OkxDecodeError.BAD_TIME);
            return NONE;
        }
        return ms * NANOS_PER_MILLI;
    }

    /**
     * An id or time as plain ASCII digits: up to 18 digits (which cannot overflow) are read in a tight loop, 19 by
     * {@link VenueIds#parse} (exact, with its overflow check); {@link VenueIds#INVALID} for anything else.
     */
    private long digits(final int offset, final int length)
    {
        if (length == 0 || length > MAX_PLAIN_DIGITS)
        {
            return VenueIds.parse(buffer, offset, length);
        }
        long value = 0;
        for (int i = offset; i < offset + length; i++)
        {
            final int digit = buffer.getByte(i) - '0';
            if (digit < 0 || digit > 9)
            {
                return VenueIds.INVALID;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private void error(final OkxDecodeError error)
    {
        if (dataError == null)
        {
            dataError = error;
        }
    }

    private boolean equals(final int offset, final int length, final byte[] ascii)
    {
        if (length != ascii.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != ascii[i])
            {
                return false;
            }
        }
        return true;
    }

    private static boolean isContainer(final int token)
    {
        return token == JsonCursor.BEGIN_OBJECT || token == JsonCursor.BEGIN_ARRAY;
    }

    private static boolean isValue(final int token)
    {
        return token == JsonCursor.BEGIN_OBJECT || token == JsonCursor.BEGIN_ARRAY || token >= JsonCursor.STRING;
    }

    static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
