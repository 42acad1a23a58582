package zvt.crypto.feed.coinbase;

import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.publish.CandleFields;
import zvt.crypto.feed.publish.FeedPublisher;

/**
 * {@code candles} events → Candle: {@code candles:[{product_id, start, open, high, low, close, volume}]}, always
 * 5-minute bars, {@code start} in UNIX seconds (a snapshot holds the last 100 bars). Coinbase says neither when a bar
 * closed nor how many trades or how much quote volume it had: a bar is marked closed when the message's
 * {@code timestamp} (the exchange time of the update) is at or after the bar's end, and quote volume and trade count
 * stay 0. Bars are published in ascending {@code start} order (the publisher drops a bar older than the last one).
 */
final class CoinbaseCandleReader extends CoinbaseEventReader
{
    static final long INTERVAL_NANOS = 300 * CoinbaseTime.NANOS_PER_SECOND;
    /** The bar's last nanosecond as the platform writes it (Binance's {@code T}: open + interval - 1 ms). */
    static final long CLOSE_OFFSET_NANOS = INTERVAL_NANOS - 1_000_000L;
    private static final int PRODUCT = 0;
    private static final int START = 1;
    private static final int[] VALUES = {2, 3, 4, 5, 6};

    private final CoinbaseFields fields =
        new CoinbaseFields("product_id", "start", "open", "high", "low", "close", "volume");
    private final StagedItems items = new StagedItems(VALUES.length);
    private final MutableDecimal value = new MutableDecimal();
    private long timestampNanos;

    CoinbaseCandleReader(final FeedPublisher publisher)
    {
        super(publisher, "candles");
    }

    void begin(final long timestampNanos, final long sequence)
    {
        this.timestampNanos = timestampNanos;
        items.clear();
    }

    CoinbaseDecodeError readItem(final JsonCursor cursor)
    {
        if (!fields.read(cursor))
        {
            return CoinbaseDecodeError.MALFORMED_JSON;
        }
        if (!fields.has(PRODUCT))
        {
            return CoinbaseDecodeError.MISSING_FIELD;
        }
        final int instrumentId =
            publisher.instrumentId(fields.buffer(), fields.offset(PRODUCT), fields.length(PRODUCT));
        if (instrumentId == InstrumentRegistry.NO_INSTRUMENT)
        {
            return null;
        }
        if (!fields.hasAll() || timestampNanos == CoinbaseTime.INVALID)
        {
            return CoinbaseDecodeError.MISSING_FIELD;
        }
        final long open = CoinbaseTime.secondsAsNanos(fields.buffer(), fields.offset(START), fields.length(START));
        if (open == CoinbaseTime.INVALID || open > Long.MAX_VALUE - INTERVAL_NANOS)
        {
            return CoinbaseDecodeError.BAD_TIME;
        }
        final int item = items.add(instrumentId, open, timestampNanos);
        for (int i = 0; i < VALUES.length; i++)
        {
            if (!fields.decimal(VALUES[i], value))
            {
                return i < 4 ? CoinbaseDecodeError.BAD_PRICE : CoinbaseDecodeError.BAD_QUANTITY;
            }
            items.decimal(item, i, value);
        }
        return null;
    }

    CoinbaseDecodeError end()
    {
        items.sort();
        for (int i = 0; i < items.count(); i++)
        {
            final int item = items.at(i);
            final long open = items.key(item);
            final CandleFields candle = publisher.candle()
                .instrumentId(items.instrumentId(item))
                .exchangeTimeNanos(items.timeNanos(item))
                .interval(CandleInterval.M5)
                .openTimeNanos(open)
                .closeTimeNanos(open + CLOSE_OFFSET_NANOS)
                .closed(items.timeNanos(item) >= open + INTERVAL_NANOS);
            items.copyDecimal(item, 0, candle.open());
            items.copyDecimal(item, 1, candle.high());
            items.copyDecimal(item, 2, candle.low());
            items.copyDecimal(item, 3, candle.close());
            items.copyDecimal(item, 4, candle.volume());
            publisher.publishCandle();
        }
        return null;
    }
}
