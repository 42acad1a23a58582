package zvt.crypto.feed.bybit;

import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.publish.CandleFields;
import zvt.crypto.feed.publish.FeedPublisher;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code kline.<interval>} data → Candles: {@code [{start, end, interval, open, close, high, low, volume, turnover,
 * confirm, timestamp}, ...]} (a closing bar and the next one can share a message). Open time = {@code start},
 * close time = {@code end} (its last millisecond, as Binance's), closed = {@code confirm}, exchange time =
 * {@code timestamp} (the envelope's {@code ts} if absent), quote volume = {@code turnover}; Bybit gives no trade
 * count. The interval is the topic's. Every bar is validated before the first is published. Not thread-safe.
 */
final class BybitKlineReader
{
    private static final int FIELDS = 6;
    private static final byte[][] NAMES = {ascii("open"), ascii("high"), ascii("low"), ascii("close"),
        ascii("volume"), ascii("turnover")};
    private static final byte[] START = ascii("start");
    private static final byte[] END = ascii("end");
    private static final byte[] CONFIRM = ascii("confirm");
    private static final byte[] TIMESTAMP = ascii("timestamp");

    private final FeedPublisher publisher;
    private JsonCursor cursor;
    private final MutableDecimal value = new MutableDecimal();
    private int count;
    /** Per bar: start, end, timestamp (nanos), confirm (0/1). */
    private long[] times = new long[4 * 4];
    /** Per bar: the six decimals' mantissas and exponents. */
    private long[] mantissas = new long[4 * FIELDS];
    private byte[] exponents = new byte[4 * FIELDS];

    BybitKlineReader(final FeedPublisher publisher)
    {
        this.publisher = publisher;
    }

    /** Reads the data value that starts with {@code token}. @return null if every bar is valid, else why not. */
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
            final BybitDecodeError error = readBar();
            if (error != null)
            {
                return error;
            }
        }
    }

    /** Publishes the bars read last. */
    void publish(final BybitEnvelope envelope, final int instrumentId, final CandleInterval interval)
    {
        for (int i = 0; i < count; i++)
        {
            final CandleFields candle = publisher.candle();
            candle.instrumentId(instrumentId)
                .interval(interval)
                .openTimeNanos(times[i * 4])
                .closeTimeNanos(times[i * 4 + 1])
                .exchangeTimeNanos(times[i * 4 + 2] < 0 ? envelope.timeNanos() : times[i * 4 + 2])
                .closed(times[i * 4 + 3] == 1);
            final int at = i * FIELDS;
            candle.open().set(mantissas[at], exponents[at]);
            candle.high().set(mantissas[at + 1], exponents[at + 1]);
            candle.low().set(mantissas[at + 2], exponents[at + 2]);
            candle.close().set(mantissas[at + 3], exponents[at + 3]);
            candle.volume().set(mantissas[at + 4], exponents[at + 4]);
            candle.quoteVolume().set(mantissas[at + 5], exponents[at + 5]);
            publisher.publishCandle();
        }
    }

    private BybitDecodeError readBar()
    {
        ensureCapacity();
        final int timeAt = count * 4;
        final int at = count * FIELDS;
        long start = -2;
        long end = -2;
        long timestamp = -1;
        int confirm = -2;
        int present = 1 << 5; // turnover is optional
        mantissas[at + 5] = 0;
        exponents[at + 5] = 0;
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
            final int field = decimalField();
            final boolean isStart = field < 0 && cursor.tokenEquals(START);
            final boolean isEnd = field < 0 && cursor.tokenEquals(END);
            final boolean isConfirm = field < 0 && cursor.tokenEquals(CONFIRM);
            final boolean isTimestamp = field < 0 && cursor.tokenEquals(TIMESTAMP);
            final int token = cursor.next();
            if (field >= 0)
            {
                if (!BybitJson.decimal(cursor, token, value))
                {
                    return field < 4 ? BybitDecodeError.BAD_PRICE : BybitDecodeError.BAD_SIZE;
                }
                mantissas[at + field] = value.mantissa();
                exponents[at + field] = (byte)value.exponent();
                present |= 1 << field;
            }
            else if (isStart || isEnd || isTimestamp)
            {
                final long nanos = BybitJson.millisAsNanos(cursor, token);
                if (nanos < 0)
                {
                    return BybitDecodeError.BAD_TIME;
                }
                start = isStart ? nanos : start;
                end = isEnd ? nanos : end;
                timestamp = isTimestamp ? nanos : timestamp;
            }
            else if (isConfirm)
            {
                confirm = token == JsonCursor.TRUE ? 1 : token == JsonCursor.FALSE ? 0 : -1;
            }
            if (!cursor.skipValue())
            {
                return BybitDecodeError.MALFORMED_JSON;
            }
        }
        if (start == -2 || end == -2 || confirm == -2 || present != (1 << FIELDS) - 1)
        {
            return BybitDecodeError.MISSING_FIELD;
        }
        if (confirm < 0)
        {
            return BybitDecodeError.BAD_FLAG;
        }
        times[timeAt] = start;
        times[timeAt + 1] = end;
        times[timeAt + 2] = timestamp;
        times[timeAt + 3] = confirm;
        count++;
        return null;
    }

    private int decimalField()
    {
        for (int i = 0; i < FIELDS; i++)
        {
            if (cursor.tokenEquals(NAMES[i]))
            {
                return i;
            }
        }
        return -1;
    }

    private void ensureCapacity()
    {
        if ((count + 1) * FIELDS > mantissas.length)
        {
            times = Arrays.copyOf(times, times.length * 2);
            mantissas = Arrays.copyOf(mantissas, mantissas.length * 2);
            exponents = Arrays.copyOf(exponents, exponents.length * 2);
        }
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
