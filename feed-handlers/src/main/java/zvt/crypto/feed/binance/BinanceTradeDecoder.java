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
 * {@code @trade} or {@code @aggTrade} payload → SBE Trade: price {@code p}, size {@code q}, exchange time = trade
 * time {@code T}, aggressor SELL when the buyer is the maker ({@code m}), venue trade id = the digits of the id field:
 * {@code t} for trades, the aggregate id {@code a} for aggregate trades (the id the venue dedupes by). Order ids
 * {@code b}/{@code a} of older {@code @trade} frames are ignored. Validates everything before claiming a slot.
 * Not thread-safe.
 */
final class BinanceTradeDecoder
{
    static final char TRADE_ID = 't';
    static final char AGGREGATE_TRADE_ID = 'a';

    private final RingBuffer<MarketEvent> ring;
    private final char idField;
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final MutableDecimal price = new MutableDecimal();
    private final MutableDecimal quantity = new MutableDecimal();

    BinanceTradeDecoder(final RingBuffer<MarketEvent> ring, final char idField)
    {
        this.ring = ring;
        this.idField = idField;
    }

    /** @return null when published, else why not. */
    BinanceFrameError decode(final BinancePayload payload, final int instrumentId, final long receiveTimeNanos)
    {
        if (payload.token(idField) == BinancePayload.ABSENT || payload.token('p') == BinancePayload.ABSENT ||
            payload.token('q') == BinancePayload.ABSENT || payload.token('T') == BinancePayload.ABSENT ||
            payload.token('m') == BinancePayload.ABSENT)
        {
            return BinanceFrameError.MISSING_FIELD;
        }
        if (!isId(payload, idField))
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
            trade.putVenueTradeId(payload.buffer(), payload.offset(idField), payload.length(idField));
            event.length(MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
        }
        finally
        {
            ring.publish(sequence);
        }
        return null;
    }

    /** Binance ids are signed 64-bit: 1 to 19 plain digits. */
    private static boolean isId(final BinancePayload payload, final char field)
    {
        final int length = payload.length(field);
        if (payload.token(field) != JsonCursor.NUMBER || length == 0 || length > 19)
        {
            return false;
        }
        for (int i = payload.offset(field); i < payload.offset(field) + length; i++)
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
