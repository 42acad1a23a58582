package zvt.crypto.feed.bybit;

import zvt.crypto.core.codec.Side;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.publish.TradeFields;
import zvt.crypto.feed.publish.VenueIds;

import java.util.Arrays;

/**
 * {@code publicTrade} data → Trades: {@code [{T, S, v, p, i, ...}, ...]}, up to 1,024 per message. Price {@code p},
 * size {@code v}, exchange time = fill time {@code T} (ms), aggressor = taker side {@code S} ({@code Buy}/{@code
 * Sell}), venue trade id = {@code i} as written (a UUID on linear, digits on spot; the publisher's duplicate filter
 * orders numeric ids and remembers recent UUIDs). Every trade of the message is validated before the first is
 * published, so a malformed message publishes nothing. Bybit lists trades oldest first; should a message list
 * numeric ids newest first it is published in reverse, so the duplicate filter's ascending-id rule holds.
 * Not thread-safe.
 */
final class BybitTradeReader
{
    /** Longest trade id accepted (a UUID is 36). */
    static final int MAX_ID_LENGTH = 64;

    private final FeedPublisher publisher;
    private JsonCursor cursor;
    private final MutableDecimal price = new MutableDecimal();
    private final MutableDecimal size = new MutableDecimal();
    private int count;
    private long[] prices = new long[16];
    private byte[] priceExponents = new byte[16];
    private long[] sizes = new long[16];
    private byte[] sizeExponents = new byte[16];
    private long[] times = new long[16];
    private boolean[] buys = new boolean[16];
    private int[] idOffsets = new int[16];
    private int[] idLengths = new int[16];

    BybitTradeReader(final FeedPublisher publisher)
    {
        this.publisher = publisher;
    }

    /**
     * Reads the data value that starts with {@code token} into the reader's table, validating every trade.
     *
     * @return null if all are valid, else why the frame is rejected.
     */
    BybitDecodeError read(final JsonCursor cursor, final int token)
    {
        this.cursor = cursor;
        count = 0;
        if (token != JsonCursor.BEGIN_ARRAY)
        {
            return BybitDecodeError.BAD_DATA;
        }
        while (true)
        {
            final int next = cursor.next();
            if (next == JsonCursor.END_ARRAY)
            {
                return null;
            }
            if (next != JsonCursor.BEGIN_OBJECT)
            {
                return BybitDecodeError.BAD_DATA;
            }
            final BybitDecodeError error = readTrade();
            if (error != null)
            {
                return error;
            }
        }
    }

    private BybitDecodeError readTrade()
    {
        long time = -2;
        int side = -2;
        int idOffset = -1;
        int idLength = -2;
        boolean hasPrice = false;
        boolean hasSize = false;
        while (true)
        {
            final int name = cursor.next();
            if (name == JsonCursor.END_OBJECT)
            {
                break;
            }
            if (name != JsonCursor.FIELD_NAME)
            {
                return BybitDecodeError.BAD_DATA;
            }
            final boolean isTime = BybitJson.isName(cursor, 'T');
            final boolean isSide = BybitJson.isName(cursor, 'S');
            final boolean isSize = BybitJson.isName(cursor, 'v');
            final boolean isPrice = BybitJson.isName(cursor, 'p');
            final boolean isId = BybitJson.isName(cursor, 'i');
            final int value = cursor.next();
            if (isTime)
            {
                time = BybitJson.millisAsNanos(cursor, value);
            }
            else if (isSide)
            {
                side = side(value);
            }
            else if (isSize)
            {
                if (!BybitJson.decimal(cursor, value, size))
                {
                    return BybitDecodeError.BAD_SIZE;
                }
                hasSize = true;
            }
            else if (isPrice)
            {
                if (!BybitJson.decimal(cursor, value, price))
                {
                    return BybitDecodeError.BAD_PRICE;
                }
                hasPrice = true;
            }
            else if (isId)
            {
                idOffset = cursor.tokenOffset();
                idLength = value == JsonCursor.STRING ? cursor.tokenLength() : -1;
            }
            if (!cursor.skipValue())
            {
                return BybitDecodeError.MALFORMED_JSON;
            }
        }
        if (time == -2 || side == -2 || idLength == -2 || !hasPrice || !hasSize)
        {
            return BybitDecodeError.MISSING_FIELD;
        }
        if (time < 0)
        {
            return BybitDecodeError.BAD_TIME;
        }
        if (side < 0)
        {
            return BybitDecodeError.BAD_SIDE;
        }
        if (idLength < 1 || idLength > MAX_ID_LENGTH)
        {
            return BybitDecodeError.BAD_ID;
        }
        add(time, side == 1, idOffset, idLength);
        return null;
    }

    /** Publishes the trades read last. */
    void publish(final BybitEnvelope envelope, final int instrumentId)
    {
        if (count == 0)
        {
            return;
        }
        final long firstId = VenueIds.parse(envelope.buffer(), idOffsets[0], idLengths[0]);
        final long lastId = VenueIds.parse(envelope.buffer(), idOffsets[count - 1], idLengths[count - 1]);
        final boolean reverse = count > 1 && lastId != VenueIds.INVALID && firstId > lastId;
        final TradeFields trade = publisher.trade();
        for (int n = 0; n < count; n++)
        {
            final int i = reverse ? count - 1 - n : n;
            trade.instrumentId(instrumentId)
                .exchangeTimeNanos(times[i])
                .aggressorSide(buys[i] ? Side.BUY : Side.SELL)
                .tradeId(envelope.buffer(), idOffsets[i], idLengths[i]);
            trade.price().set(prices[i], priceExponents[i]);
            trade.size().set(sizes[i], sizeExponents[i]);
            publisher.publishTrade();
        }
    }

    /** @return 1 for Buy, 0 for Sell, -1 otherwise. */
    private int side(final int token)
    {
        if (token != JsonCursor.STRING)
        {
            return -1;
        }
        final int length = cursor.tokenLength();
        final int at = cursor.tokenOffset();
        if (length == 3 && cursor.buffer().getByte(at) == 'B' && cursor.buffer().getByte(at + 1) == 'u' &&
            cursor.buffer().getByte(at + 2) == 'y')
        {
            return 1;
        }
        if (length == 4 && cursor.buffer().getByte(at) == 'S' && cursor.buffer().getByte(at + 1) == 'e' &&
            cursor.buffer().getByte(at + 2) == 'l' && cursor.buffer().getByte(at + 3) == 'l')
        {
            return 0;
        }
        return -1;
    }

    private void add(final long time, final boolean buy, final int idOffset, final int idLength)
    {
        if (count == times.length)
        {
            final int capacity = count << 1;
            prices = Arrays.copyOf(prices, capacity);
            priceExponents = Arrays.copyOf(priceExponents, capacity);
            sizes = Arrays.copyOf(sizes, capacity);
            sizeExponents = Arrays.copyOf(sizeExponents, capacity);
            times = Arrays.copyOf(times, capacity);
            buys = Arrays.copyOf(buys, capacity);
            idOffsets = Arrays.copyOf(idOffsets, capacity);
            idLengths = Arrays.copyOf(idLengths, capacity);
        }
        prices[count] = price.mantissa();
        priceExponents[count] = (byte)price.exponent();
        sizes[count] = size.mantissa();
        sizeExponents[count] = (byte)size.exponent();
        times[count] = time;
        buys[count] = buy;
        idOffsets[count] = idOffset;
        idLengths[count] = idLength;
        count++;
    }
}
