package zvt.crypto.feed.binance;

import com.lmax.disruptor.RingBuffer;
import zvt.crypto.core.codec.BooleanType;
import zvt.crypto.core.codec.CandleEncoder;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.CandleSource;
import zvt.crypto.core.codec.MessageHeaderEncoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.json.JsonCursor;

/**
 * {@code @kline_<i>} payload → SBE Candle (source VENUE_STREAM): exchange time {@code E}; from {@code k}: open and
 * close time {@code t}/{@code T}, interval {@code i}, OHLC {@code o h l c}, volume {@code v}, quote volume
 * {@code q}, trade count {@code n}, closed {@code x}. Not thread-safe.
 */
final class BinanceKlineDecoder
{
    private final RingBuffer<MarketEvent> ring;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final CandleEncoder candle = new CandleEncoder();
    private final MutableDecimal open = new MutableDecimal();
    private final MutableDecimal high = new MutableDecimal();
    private final MutableDecimal low = new MutableDecimal();
    private final MutableDecimal close = new MutableDecimal();
    private final MutableDecimal volume = new MutableDecimal();
    private final MutableDecimal quoteVolume = new MutableDecimal();

    BinanceKlineDecoder(final RingBuffer<MarketEvent> ring)
    {
        this.ring = ring;
    }

    BinanceFrameError decode(final BinancePayload payload, final int instrumentId, final long receiveTimeNanos)
    {
        final char openTimeKey = BinancePayload.klineKey('t');
        final char closeTimeKey = BinancePayload.klineKey('T');
        final char intervalKey = BinancePayload.klineKey('i');
        if (payload.token('E') == BinancePayload.ABSENT || payload.token(openTimeKey) == BinancePayload.ABSENT ||
            payload.token(closeTimeKey) == BinancePayload.ABSENT ||
            payload.token(intervalKey) == BinancePayload.ABSENT ||
            payload.token(BinancePayload.klineKey('x')) == BinancePayload.ABSENT ||
            payload.token(BinancePayload.klineKey('n')) == BinancePayload.ABSENT)
        {
            return BinanceFrameError.MISSING_FIELD;
        }
        final long eventTime = payload.millisAsNanos('E');
        final long openTime = payload.millisAsNanos(openTimeKey);
        final long closeTime = payload.millisAsNanos(closeTimeKey);
        if (eventTime < 0 || openTime < 0 || closeTime < 0)
        {
            return BinanceFrameError.BAD_TIME;
        }
        final CandleInterval interval = interval(payload, intervalKey);
        if (interval == null)
        {
            return BinanceFrameError.BAD_INTERVAL;
        }
        if (!payload.decimal(BinancePayload.klineKey('o'), open) ||
            !payload.decimal(BinancePayload.klineKey('h'), high) ||
            !payload.decimal(BinancePayload.klineKey('l'), low) ||
            !payload.decimal(BinancePayload.klineKey('c'), close))
        {
            return BinanceFrameError.BAD_PRICE;
        }
        if (!payload.decimal(BinancePayload.klineKey('v'), volume) ||
            !payload.decimal(BinancePayload.klineKey('q'), quoteVolume))
        {
            return BinanceFrameError.BAD_QUANTITY;
        }
        final long tradeCount = payload.id(BinancePayload.klineKey('n'));
        if (tradeCount < 0)
        {
            return BinanceFrameError.BAD_ID;
        }
        final int closed = payload.flag(BinancePayload.klineKey('x'));
        if (closed < 0)
        {
            return BinanceFrameError.BAD_FLAG;
        }

        final long sequence = ring.next();
        try
        {
            final MarketEvent event = ring.get(sequence).reset();
            candle.wrapAndApplyHeader(event.buffer(), 0, header)
                .receiveTimeNanos(receiveTimeNanos)
                .exchangeTimeNanos(eventTime)
                .instrumentId(instrumentId)
                .venue(Venue.BINANCE)
                .interval(interval)
                .closed(closed == 1 ? BooleanType.TRUE : BooleanType.FALSE)
                .source(CandleSource.VENUE_STREAM)
                .openTimeNanos(openTime)
                .closeTimeNanos(closeTime)
                .tradeCount(tradeCount);
            candle.openPrice().mantissa(open.mantissa()).exponent((byte)open.exponent());
            candle.highPrice().mantissa(high.mantissa()).exponent((byte)high.exponent());
            candle.lowPrice().mantissa(low.mantissa()).exponent((byte)low.exponent());
            candle.closePrice().mantissa(close.mantissa()).exponent((byte)close.exponent());
            candle.volume().mantissa(volume.mantissa()).exponent((byte)volume.exponent());
            candle.quoteVolume().mantissa(quoteVolume.mantissa()).exponent((byte)quoteVolume.exponent());
            event.length(MessageHeaderEncoder.ENCODED_LENGTH + candle.encodedLength());
        }
        finally
        {
            ring.publish(sequence);
        }
        return null;
    }

    /** @return the update's stream (instrument and interval) as one key, or -1 when its interval is unusable. */
    static long streamKey(final BinancePayload payload, final int instrumentId)
    {
        final CandleInterval interval = interval(payload, BinancePayload.klineKey('i'));
        return interval == null ? -1 : ((long)instrumentId << 8) | interval.value();
    }

    /** Binance interval text ({@code 1s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h 1d 3d 1w 1M}) without a String. */
    private static CandleInterval interval(final BinancePayload payload, final char key)
    {
        if (payload.token(key) != JsonCursor.STRING)
        {
            return null;
        }
        final int length = payload.length(key);
        if (length < 2 || length > 3)
        {
            return null;
        }
        final int offset = payload.offset(key);
        final long count = BinancePayload.digits(payload.buffer(), offset, length - 1);
        final byte unit = payload.buffer().getByte(offset + length - 1);
        return BinanceIntervals.of(count, unit);
    }
}
