package zvt.crypto.feed.okx;

import org.agrona.DirectBuffer;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.book.LevelBuffer;
import zvt.crypto.feed.publish.FeedPublisher;

import java.nio.charset.StandardCharsets;

/**
 * One pass over an OKX v5 frame {@code {"arg":{"channel","instId"},["action",]"data":[…]}} (or a control reply
 * {@code {"event",…}}): the envelope's fields are remembered by position and the {@code data} array is read, as the
 * cursor reaches it, by the channel's reader: trades and candle rows into {@link OkxRows} ({@link OkxTradeReader},
 * {@link OkxCandleReader}), book and best-level sides into the given {@link LevelBuffer} ({@link OkxBookReader}), a
 * ticker's best bid and ask into decimals ({@link OkxTickerReader}). OKX writes
 * {@code arg} before {@code data}; should a frame not, the data is skipped and read afterwards from its extent.
 * Data of an instrument the feed does not follow is skipped unread.
 * <p>
 * The first problem in the data is kept in {@link #dataError()} ({@link OkxValues}); malformed JSON ends the pass.
 * Nothing is copied or allocated. Not thread-safe: one per decoder.
 */
final class OkxPayload
{
    static final long NANOS_PER_MILLI = 1_000_000L;
    static final long NONE = Long.MIN_VALUE;
    static final int ACTION_NONE = 0;
    static final int ACTION_SNAPSHOT = 1;
    static final int ACTION_UPDATE = 2;
    static final int ACTION_OTHER = 3;

    private static final byte[] ARG = ascii("arg");
    private static final byte[] CHANNEL = ascii("channel");
    private static final byte[] INST_ID = ascii("instId");
    private static final byte[] EVENT = ascii("event");
    private static final byte[] ACTION = ascii("action");
    private static final byte[] DATA = ascii("data");
    private static final byte[] SNAPSHOT = ascii("snapshot");
    private static final byte[] UPDATE = ascii("update");

    private final JsonCursor cursor = new JsonCursor();
    private final JsonCursor deferred = new JsonCursor();
    private final FeedPublisher publisher;
    private final LevelBuffer levels;
    private final OkxRows rows = new OkxRows();
    private final OkxValues values = new OkxValues();
    private final OkxTradeReader trades = new OkxTradeReader(values, rows);
    private final OkxCandleReader candles = new OkxCandleReader(values, rows);
    private final OkxTickerReader ticker = new OkxTickerReader(values);
    private final OkxBookReader book;

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

    /**
     * @param publisher maps {@code arg.instId} to the feed's instrument (null for REST bodies).
     * @param levels    where book and best-level sides are read (the publisher's book message, so a book frame's
     *                  levels are read once, in place).
     */
    OkxPayload(final FeedPublisher publisher, final LevelBuffer levels)
    {
        this.publisher = publisher;
        this.levels = levels;
        this.book = new OkxBookReader(values, levels);
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
        values.reset(buffer);
        book.reset();
        ticker.reset();
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
        return values.error();
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
        return channel != null && channel.kind() == OkxChannel.Kind.TICKER ? ticker.timeNanos() : book.timeNanos();
    }

    /** {@code seqId}, or {@link #NONE}. */
    long seqId()
    {
        return book.seqId();
    }

    /** {@code prevSeqId} (-1 on a snapshot), or {@link #NONE}. */
    long prevSeqId()
    {
        return book.prevSeqId();
    }

    boolean hasChecksum()
    {
        return book.hasChecksum();
    }

    int checksum()
    {
        return book.checksum();
    }

    MutableDecimal bidPrice()
    {
        return ticker.bidPrice();
    }

    MutableDecimal bidSize()
    {
        return ticker.bidSize();
    }

    MutableDecimal askPrice()
    {
        return ticker.askPrice();
    }

    MutableDecimal askSize()
    {
        return ticker.askSize();
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
            if (!OkxValues.isValue(value))
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
            if (!OkxValues.isValue(value))
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
                    values.error(OkxDecodeError.BAD_DATA); // one book, best-level or ticker entry per message
                }
                return true;
            }
            entries++;
            final boolean ok;
            if (kind == OkxChannel.Kind.CANDLE)
            {
                ok = token == JsonCursor.BEGIN_ARRAY ? candles.read(c) : badEntry(c, token);
            }
            else if (token != JsonCursor.BEGIN_OBJECT)
            {
                ok = badEntry(c, token);
            }
            else
            {
                ok = switch (kind)
                {
                    case TRADES -> trades.read(c);
                    case TICKER -> ticker.read(c);
                    default -> book.read(c);
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
        values.error(OkxDecodeError.BAD_DATA);
        return OkxValues.isValue(token) && c.skipValue();
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

    static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
