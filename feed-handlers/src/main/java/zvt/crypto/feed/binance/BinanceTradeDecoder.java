package zvt.crypto.feed.binance;

import com.lmax.disruptor.RingBuffer;
import zvt.crypto.core.codec.MessageHeaderEncoder;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.codec.TradeEncoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.json.JsonCursor;

/**
 * {@code @trade} payload → SBE Trade: price {@code p}, size {@code q}, exchange time = trade time {@code T},
 * aggressor SELL when the buyer is the maker ({@code m}), venue trade id = the digits of {@code t}. Order ids
 * {@code b}/{@code a} of older frames are ignored. Validates everything before claiming a slot. Not thread-safe.
 */
final class BinanceTradeDecoder
{
    private final RingBuffer<MarketEvent> ring;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final MutableDecimal price = new MutableDecimal();
    private final MutableDecimal quantity = new MutableDecimal();

    BinanceTradeDecoder(final RingBuffer<MarketEvent> ring)
    {
        this.ring = ring;
    }

    /** @return null when published, else why not. */
    BinanceFrameError decode(final BinancePayload payload, final int instrumentId, final long receiveTimeNanos)
    {
        if (payload.token('t') == BinancePayload.ABSENT || payload.token('p') == BinancePayload.ABSENT ||
            payload.token('q') == BinancePayload.ABSENT || payload.token('T') == BinancePayload.ABSENT ||
            payload.token('m') == BinancePayload.ABSENT)
        {
            return BinanceFrameError.MISSING_FIELD;
        }
        if (!isTradeId(payload))
        {
            return BinanceFrameError.BAD_ID;
        }
        if (!payload.decimal('p', price))
        {
            return BinanceFrameError.BAD_PRICE;
        }
        if (!payload.decimal('q', quantity))
        {
            return BinanceFrameError.BAD_QUANTITY;
        }
        final long tradeTime = payload.millisAsNanos('T');
        if (tradeTime < 0)
        {
            return BinanceFrameError.BAD_TIME;
        }
        final int buyerIsMaker = payload.flag('m');
        if (buyerIsMaker < 0)
        {
            return BinanceFrameError.BAD_FLAG;
        }

        final long sequence = ring.next();
        try
        {
            final MarketEvent event = ring.get(sequence).reset();
            trade.wrapAndApplyHeader(event.buffer(), 0, header)
                .receiveTimeNanos(receiveTimeNanos)
                .exchangeTimeNanos(tradeTime)
                .instrumentId(instrumentId)
                .venue(Venue.BINANCE)
                .aggressorSide(buyerIsMaker == 1 ? Side.SELL : Side.BUY);
            trade.price().mantissa(price.mantissa()).exponent((byte)price.exponent());
            trade.size().mantissa(quantity.mantissa()).exponent((byte)quantity.exponent());
            trade.putVenueTradeId(payload.buffer(), payload.offset('t'), payload.length('t'));
            event.length(MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
        }
        finally
        {
            ring.publish(sequence);
        }
        return null;
    }

    /** Binance ids are signed 64-bit: 1 to 19 plain digits. */
    private static boolean isTradeId(final BinancePayload payload)
    {
        final int length = payload.length('t');
        if (payload.token('t') != JsonCursor.NUMBER || length == 0 || length > 19)
        {
            return false;
        }
        for (int i = payload.offset('t'); i < payload.offset('t') + length; i++)
        {
            final byte b = payload.buffer().getByte(i);
            if (b < '0' || b > '9')
            {
                return false;
            }
        }
        return true;
    }
}
