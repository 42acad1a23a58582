package zvt.crypto.feed.binance;

import com.lmax.disruptor.RingBuffer;
import zvt.crypto.core.codec.MessageHeaderEncoder;
import zvt.crypto.core.codec.TopOfBookEncoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.event.MarketEvent;

/**
 * {@code @bookTicker} payload → SBE TopOfBook: sequence = order-book update id {@code u}; bid {@code b}/{@code B},
 * ask {@code a}/{@code A}. Spot bookTicker carries no time, so the exchange time is the transaction time {@code T}
 * or event time {@code E} when present (futures), else 0 (unknown). Not thread-safe.
 */
final class BinanceBookTickerDecoder
{
    private final RingBuffer<MarketEvent> ring;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TopOfBookEncoder top = new TopOfBookEncoder();
    private final MutableDecimal bidPrice = new MutableDecimal();
    private final MutableDecimal bidSize = new MutableDecimal();
    private final MutableDecimal askPrice = new MutableDecimal();
    private final MutableDecimal askSize = new MutableDecimal();

    BinanceBookTickerDecoder(final RingBuffer<MarketEvent> ring)
    {
        this.ring = ring;
    }

    /** True if the payload has the shape of a bookTicker (no event type, but u, b, B, a, A). */
    static boolean isBookTicker(final BinancePayload payload)
    {
        return payload.token('u') != BinancePayload.ABSENT && payload.token('b') != BinancePayload.ABSENT &&
            payload.token('B') != BinancePayload.ABSENT && payload.token('A') != BinancePayload.ABSENT;
    }

    BinanceFrameError decode(final BinancePayload payload, final int instrumentId, final long receiveTimeNanos)
    {
        if (payload.token('a') == BinancePayload.ABSENT)
        {
            return BinanceFrameError.MISSING_FIELD;
        }
        final long updateId = payload.id('u');
        if (updateId < 0)
        {
            return BinanceFrameError.BAD_ID;
        }
        if (!payload.decimal('b', bidPrice) || !payload.decimal('a', askPrice))
        {
            return BinanceFrameError.BAD_PRICE;
        }
        if (!payload.decimal('B', bidSize) || !payload.decimal('A', askSize))
        {
            return BinanceFrameError.BAD_QUANTITY;
        }
        final char timeKey = payload.token('T') != BinancePayload.ABSENT ? 'T' : 'E';
        final long exchangeTime = payload.token(timeKey) == BinancePayload.ABSENT ? 0 : payload.millisAsNanos(timeKey);
        if (exchangeTime < 0)
        {
            return BinanceFrameError.BAD_TIME;
        }

        final long sequence = ring.next();
        try
        {
            final MarketEvent event = ring.get(sequence).reset();
            top.wrapAndApplyHeader(event.buffer(), 0, header)
                .receiveTimeNanos(receiveTimeNanos)
                .exchangeTimeNanos(exchangeTime)
                .instrumentId(instrumentId)
                .venue(Venue.BINANCE)
                .sequence(updateId);
            top.bidPrice().mantissa(bidPrice.mantissa()).exponent((byte)bidPrice.exponent());
            top.bidSize().mantissa(bidSize.mantissa()).exponent((byte)bidSize.exponent());
            top.askPrice().mantissa(askPrice.mantissa()).exponent((byte)askPrice.exponent());
            top.askSize().mantissa(askSize.mantissa()).exponent((byte)askSize.exponent());
            event.length(MessageHeaderEncoder.ENCODED_LENGTH + top.encodedLength());
        }
        finally
        {
            ring.publish(sequence);
        }
        return null;
    }
}
