package zvt.crypto.feed.publish;

import com.lmax.disruptor.RingBuffer;
import zvt.crypto.core.codec.BooleanType;
import zvt.crypto.core.codec.CandleEncoder;
import zvt.crypto.core.codec.CandleSource;
import zvt.crypto.core.codec.DecimalEncoder;
import zvt.crypto.core.codec.MessageHeaderEncoder;
import zvt.crypto.core.codec.TopOfBookEncoder;
import zvt.crypto.core.codec.TradeEncoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.event.MarketEvent;

/**
 * Claims a ring slot, encodes one decoded trade, quote or candle into it through reused SBE flyweights, and
 * publishes it (in {@code finally}, so a claimed slot is never lost). The same code for every venue.
 * Not thread-safe: one per publishing thread.
 */
final class RingEncoders
{
    private final RingBuffer<MarketEvent> ring;
    private final Venue venue;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final TopOfBookEncoder top = new TopOfBookEncoder();
    private final CandleEncoder candle = new CandleEncoder();

    RingEncoders(final RingBuffer<MarketEvent> ring, final Venue venue)
    {
        this.ring = ring;
        this.venue = venue;
    }

    void trade(final TradeFields fields, final long receiveTimeNanos)
    {
        final long sequence = ring.next();
        try
        {
            final MarketEvent event = ring.get(sequence).reset();
            trade.wrapAndApplyHeader(event.buffer(), 0, header)
                .receiveTimeNanos(receiveTimeNanos)
                .exchangeTimeNanos(fields.exchangeTimeNanos())
                .instrumentId(fields.instrumentId())
                .venue(venue)
                .aggressorSide(fields.aggressorSide());
            put(trade.price(), fields.price());
            put(trade.size(), fields.size());
            trade.putVenueTradeId(fields.idBuffer(), fields.idOffset(), fields.idLength());
            event.length(MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    void top(final TopFields fields, final long receiveTimeNanos)
    {
        final long sequence = ring.next();
        try
        {
            final MarketEvent event = ring.get(sequence).reset();
            top.wrapAndApplyHeader(event.buffer(), 0, header)
                .receiveTimeNanos(receiveTimeNanos)
                .exchangeTimeNanos(fields.exchangeTimeNanos())
                .instrumentId(fields.instrumentId())
                .venue(venue)
                .sequence(fields.sequence());
            put(top.bidPrice(), fields.bidPrice());
            put(top.bidSize(), fields.bidSize());
            put(top.askPrice(), fields.askPrice());
            put(top.askSize(), fields.askSize());
            event.length(MessageHeaderEncoder.ENCODED_LENGTH + top.encodedLength());
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    void candle(final CandleFields fields, final long receiveTimeNanos)
    {
        final long sequence = ring.next();
        try
        {
            final MarketEvent event = ring.get(sequence).reset();
            candle.wrapAndApplyHeader(event.buffer(), 0, header)
                .receiveTimeNanos(receiveTimeNanos)
                .exchangeTimeNanos(fields.exchangeTimeNanos())
                .instrumentId(fields.instrumentId())
                .venue(venue)
                .interval(fields.interval())
                .closed(fields.closed() ? BooleanType.TRUE : BooleanType.FALSE)
                .source(CandleSource.VENUE_STREAM)
                .openTimeNanos(fields.openTimeNanos())
                .closeTimeNanos(fields.closeTimeNanos());
            put(candle.openPrice(), fields.open());
            put(candle.highPrice(), fields.high());
            put(candle.lowPrice(), fields.low());
            put(candle.closePrice(), fields.close());
            put(candle.volume(), fields.volume());
            put(candle.quoteVolume(), fields.quoteVolume());
            candle.tradeCount(fields.tradeCount());
            event.length(MessageHeaderEncoder.ENCODED_LENGTH + candle.encodedLength());
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    private static void put(final DecimalEncoder encoder, final MutableDecimal value)
    {
        encoder.mantissa(value.mantissa()).exponent((byte)value.exponent());
    }
}
