package zvt.crypto.feed.binance;

import com.lmax.disruptor.RingBuffer;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.codec.MessageHeaderEncoder;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.codec.TradeEncoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.decimal.DecimalError;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.AsciiSymbolTable;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.connection.DecodeErrorLog;
import zvt.crypto.feed.connection.FeedCounters;
import zvt.crypto.feed.connection.FrameAdapter;

import java.nio.charset.StandardCharsets;

/**
 * Decodes Binance spot {@code @trade} frames, combined ({@code {"stream":"btcusdt@trade","data":{...}}}) or raw
 * ({@code {"e":"trade",...}}), straight from the frame bytes into a ring slot as an SBE Trade:
 * <ul>
 *     <li>instrument id: field {@code s} looked up in the symbol table ({@link #addSymbol});</li>
 *     <li>price {@code p}, size {@code q}: exact decimals, scale kept;</li>
 *     <li>exchange time: trade time {@code T} (ms) as epoch nanos; receive time from the injected clock;</li>
 *     <li>aggressor side: SELL when the buyer is the maker ({@code m} true), else BUY;</li>
 *     <li>venue trade id: the digits of {@code t}.</li>
 * </ul>
 * Fields may come in any order; {@code b}/{@code a} (order ids of older frames) and unknown fields are skipped.
 * The frame is parsed completely before a slot is claimed, so a rejected frame never occupies one. Control replies,
 * other event types and symbols not in the table are counted as ignored; malformed trades are counted per
 * {@link BinanceTradeError} and logged once per reason. Nothing is thrown, and nothing is allocated per frame.
 * <p>
 * Not thread-safe: one instance per connection, called on its event loop. Fill the symbol table before frames
 * flow, or on that event loop.
 */
public final class BinanceTradeAdapter implements FrameAdapter
{
    private static final Logger LOG = LoggerFactory.getLogger(BinanceTradeAdapter.class);
    private static final long NANOS_PER_MILLI = 1_000_000L;
    private static final long MAX_TIME_MS = Long.MAX_VALUE / NANOS_PER_MILLI;
    /** Binance ids are signed 64-bit, so at most 19 digits. */
    private static final int MAX_TRADE_ID_DIGITS = 19;

    private static final byte[] TRADE = ascii("trade");
    private static final byte[] DATA = ascii("data");
    private static final byte[] CODE = ascii("code");

    // Payload fields read, by index; everything else is skipped.
    private static final int EVENT_TYPE = 0;
    private static final int SYMBOL = 1;
    private static final int TRADE_ID = 2;
    private static final int PRICE = 3;
    private static final int QUANTITY = 4;
    private static final int TRADE_TIME = 5;
    private static final int MAKER = 6;
    private static final int FIELD_COUNT = 7;
    private static final int ABSENT = Integer.MIN_VALUE;
    private static final int OTHER_FIELD = -1;

    private final RingBuffer<MarketEvent> ring;
    private final EpochNanoClock clock;
    private final FeedCounters counters;
    private final DecodeErrorLog errors;
    private final AsciiSymbolTable symbols = new AsciiSymbolTable();
    private final JsonCursor cursor = new JsonCursor();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TradeEncoder trade = new TradeEncoder();

    // State of the frame being decoded.
    private final int[] valueToken = new int[FIELD_COUNT];
    private final int[] valueOffset = new int[FIELD_COUNT];
    private final int[] valueLength = new int[FIELD_COUNT];
    private final MutableDecimal price = new MutableDecimal();
    private final MutableDecimal quantity = new MutableDecimal();
    private long tradeTimeMs;
    private boolean buyerIsMaker;
    private boolean venueError;
    private boolean venueErrorLogged;

    /**
     * @param ring     where trades are published.
     * @param clock    stamps the receive time of each frame.
     * @param counters trades (events), ignored frames and decode errors are counted here.
     */
    public BinanceTradeAdapter(
        final RingBuffer<MarketEvent> ring, final EpochNanoClock clock, final FeedCounters counters)
    {
        this.ring = ring;
        this.clock = clock;
        this.counters = counters;
        errors = new DecodeErrorLog("binance trade", BinanceTradeError.values(), counters);
    }

    /** Routes trades whose field {@code s} is {@code venueSymbol} (e.g. {@code BTCUSDT}) to the instrument. */
    public BinanceTradeAdapter addSymbol(final String venueSymbol, final int instrumentId)
    {
        symbols.put(venueSymbol, instrumentId);
        return this;
    }

    /** Rejected frames per reason; readable from any thread. */
    public DecodeErrorLog errors()
    {
        return errors;
    }

    public void onFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        final long receiveTimeNanos = clock.nanoTime();
        final BinanceTradeError error = parse(buffer, offset, length);
        if (error != null)
        {
            errors.record(error, buffer, offset, length);
            return;
        }
        if (!isTrade())
        {
            onNotTrade(buffer, offset, length);
            return;
        }
        final int instrumentId = symbols.get(buffer, valueOffset[SYMBOL], valueLength[SYMBOL]);
        if (instrumentId == InstrumentRegistry.NO_INSTRUMENT)
        {
            counters.incrementIgnored();
            return;
        }
        publish(buffer, instrumentId, receiveTimeNanos);
    }

    private BinanceTradeError parse(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < FIELD_COUNT; i++)
        {
            valueToken[i] = ABSENT;
        }
        venueError = false;
        cursor.wrap(buffer, offset, length);
        if (cursor.next() != JsonCursor.BEGIN_OBJECT)
        {
            return BinanceTradeError.MALFORMED_JSON;
        }
        final BinanceTradeError error = readObject(true);
        if (error != null)
        {
            return error;
        }
        if (cursor.next() != JsonCursor.END)
        {
            return BinanceTradeError.MALFORMED_JSON;
        }
        return isTrade() ? readTrade(buffer) : null;
    }

    /** Reads the fields of the object just opened; at the top level, descends into {@code data}. */
    private BinanceTradeError readObject(final boolean topLevel)
    {
        while (true)
        {
            final int nameToken = cursor.next();
            if (nameToken == JsonCursor.END_OBJECT)
            {
                return null;
            }
            if (nameToken != JsonCursor.FIELD_NAME)
            {
                return BinanceTradeError.MALFORMED_JSON;
            }
            final int field = fieldIndex();
            final boolean data = topLevel && field == OTHER_FIELD && cursor.tokenEquals(DATA);
            if (topLevel && field == OTHER_FIELD && cursor.tokenEquals(CODE))
            {
                venueError = true;
            }

            final int value = cursor.next();
            if (!isValueStart(value))
            {
                return BinanceTradeError.MALFORMED_JSON;
            }
            if (data && value == JsonCursor.BEGIN_OBJECT)
            {
                final BinanceTradeError error = readObject(false);
                if (error != null)
                {
                    return error;
                }
                continue;
            }
            if (field != OTHER_FIELD)
            {
                valueToken[field] = value;
                valueOffset[field] = cursor.tokenOffset();
                valueLength[field] = cursor.tokenLength();
            }
            if ((value == JsonCursor.BEGIN_OBJECT || value == JsonCursor.BEGIN_ARRAY) && !cursor.skipValue())
            {
                return BinanceTradeError.MALFORMED_JSON;
            }
        }
    }

    private BinanceTradeError readTrade(final DirectBuffer buffer)
    {
        if (valueToken[SYMBOL] == ABSENT)
        {
            return BinanceTradeError.MISSING_SYMBOL;
        }
        if (valueToken[SYMBOL] != JsonCursor.STRING || valueLength[SYMBOL] == 0)
        {
            return BinanceTradeError.BAD_SYMBOL;
        }

        if (valueToken[TRADE_ID] == ABSENT)
        {
            return BinanceTradeError.MISSING_TRADE_ID;
        }
        if (valueToken[TRADE_ID] != JsonCursor.NUMBER || valueLength[TRADE_ID] > MAX_TRADE_ID_DIGITS ||
            !allDigits(buffer, valueOffset[TRADE_ID], valueLength[TRADE_ID]))
        {
            return BinanceTradeError.BAD_TRADE_ID;
        }

        if (valueToken[PRICE] == ABSENT)
        {
            return BinanceTradeError.MISSING_PRICE;
        }
        if (!readDecimal(buffer, PRICE, price))
        {
            return BinanceTradeError.BAD_PRICE;
        }

        if (valueToken[QUANTITY] == ABSENT)
        {
            return BinanceTradeError.MISSING_QUANTITY;
        }
        if (!readDecimal(buffer, QUANTITY, quantity))
        {
            return BinanceTradeError.BAD_QUANTITY;
        }

        if (valueToken[TRADE_TIME] == ABSENT)
        {
            return BinanceTradeError.MISSING_TRADE_TIME;
        }
        tradeTimeMs = valueToken[TRADE_TIME] == JsonCursor.NUMBER ?
            parseMillis(buffer, valueOffset[TRADE_TIME], valueLength[TRADE_TIME]) : -1;
        if (tradeTimeMs < 0 || tradeTimeMs > MAX_TIME_MS)
        {
            return BinanceTradeError.BAD_TRADE_TIME;
        }

        switch (valueToken[MAKER])
        {
            case ABSENT:
                return BinanceTradeError.MISSING_MAKER_FLAG;
            case JsonCursor.TRUE:
                buyerIsMaker = true;
                break;
            case JsonCursor.FALSE:
                buyerIsMaker = false;
                break;
            default:
                return BinanceTradeError.BAD_MAKER_FLAG;
        }
        return null;
    }

    private boolean readDecimal(final DirectBuffer buffer, final int field, final MutableDecimal result)
    {
        final int token = valueToken[field];
        return (token == JsonCursor.STRING || token == JsonCursor.NUMBER) &&
            AsciiDecimal.parse(buffer, valueOffset[field], valueLength[field], result) == DecimalError.NONE &&
            result.mantissa() >= 0;
    }

    private void publish(final DirectBuffer buffer, final int instrumentId, final long receiveTimeNanos)
    {
        final long sequence = ring.next();
        try
        {
            final MarketEvent event = ring.get(sequence).reset();
            trade.wrapAndApplyHeader(event.buffer(), 0, header)
                .receiveTimeNanos(receiveTimeNanos)
                .exchangeTimeNanos(tradeTimeMs * NANOS_PER_MILLI)
                .instrumentId(instrumentId)
                .venue(Venue.BINANCE)
                .aggressorSide(buyerIsMaker ? Side.SELL : Side.BUY);
            trade.price().mantissa(price.mantissa()).exponent((byte)price.exponent());
            trade.size().mantissa(quantity.mantissa()).exponent((byte)quantity.exponent());
            trade.putVenueTradeId(buffer, valueOffset[TRADE_ID], valueLength[TRADE_ID]);
            event.length(MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
        }
        finally
        {
            ring.publish(sequence);
        }
        counters.incrementEvents();
    }

    private void onNotTrade(final DirectBuffer buffer, final int offset, final int length)
    {
        counters.incrementIgnored();
        if (venueError && !venueErrorLogged)
        {
            venueErrorLogged = true;
            LOG.warn("binance replied with an error (logged once): {}",
                buffer.getStringWithoutLengthUtf8(offset, Math.min(length, DecodeErrorLog.EXCERPT_LENGTH)));
        }
    }

    private boolean isTrade()
    {
        return valueToken[EVENT_TYPE] == JsonCursor.STRING && equals(EVENT_TYPE, TRADE);
    }

    private boolean equals(final int field, final byte[] ascii)
    {
        final DirectBuffer buffer = cursor.buffer();
        if (valueLength[field] != ascii.length)
        {
            return false;
        }
        for (int i = 0; i < ascii.length; i++)
        {
            if (buffer.getByte(valueOffset[field] + i) != ascii[i])
            {
                return false;
            }
        }
        return true;
    }

    /** The payload field named by the current one-letter field-name token, or {@link #OTHER_FIELD}. */
    private int fieldIndex()
    {
        if (cursor.tokenLength() != 1)
        {
            return OTHER_FIELD;
        }
        return switch (cursor.buffer().getByte(cursor.tokenOffset()))
        {
            case 'e' -> EVENT_TYPE;
            case 's' -> SYMBOL;
            case 't' -> TRADE_ID;
            case 'p' -> PRICE;
            case 'q' -> QUANTITY;
            case 'T' -> TRADE_TIME;
            case 'm' -> MAKER;
            default -> OTHER_FIELD;
        };
    }

    private static boolean isValueStart(final int token)
    {
        return token == JsonCursor.BEGIN_OBJECT || token == JsonCursor.BEGIN_ARRAY || token >= JsonCursor.STRING;
    }

    /** @return the non-negative integer spelled by the bytes, or -1 if they are not 1 to 18 plain digits. */
    private static long parseMillis(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length == 0 || length > 18)
        {
            return -1;
        }
        long value = 0;
        for (int i = offset; i < offset + length; i++)
        {
            final int digit = buffer.getByte(i) - '0';
            if (digit < 0 || digit > 9)
            {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static boolean allDigits(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length == 0)
        {
            return false;
        }
        for (int i = offset; i < offset + length; i++)
        {
            final byte b = buffer.getByte(i);
            if (b < '0' || b > '9')
            {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
