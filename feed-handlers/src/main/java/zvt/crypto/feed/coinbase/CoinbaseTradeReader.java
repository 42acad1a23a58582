package zvt.crypto.feed.coinbase;

import zvt.crypto.core.codec.Side;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.publish.TradeFields;
import zvt.crypto.feed.publish.VenueIds;

import org.agrona.DirectBuffer;

/**
 * {@code market_trades} events → Trade: {@code trades:[{product_id, trade_id, price, size, side, time}]}, exchange
 * time = the trade's {@code time}. The list (a snapshot of recent trades, or an update) comes newest first; it is
 * published in ascending {@code trade_id} order ({@link StagedItems}) so the publisher's rule "a trade id not above
 * the last one is a duplicate" keeps every trade.
 * <p>
 * {@code side} is the <em>maker</em> order's side, as on the Exchange feed's {@code match}, so the aggressor is the
 * other side. [data] In the recording 75 of 79 trades at the best bid or ask fit that (a SELL at the ask: the
 * taker bought); the docs only say "BUY/SELL". If Coinbase changes it, only the aggressor side flips here.
 */
final class CoinbaseTradeReader extends CoinbaseEventReader
{
    private static final int MAX_ID_LENGTH = 64;
    private static final int PRODUCT = 0;
    private static final int TRADE_ID = 1;
    private static final int PRICE = 2;
    private static final int SIZE = 3;
    private static final int SIDE = 4;
    private static final int TIME = 5;
    private static final byte[] BUY = CoinbaseFields.ascii("BUY");
    private static final byte[] SELL = CoinbaseFields.ascii("SELL");

    private final CoinbaseFields fields = new CoinbaseFields("product_id", "trade_id", "price", "size", "side", "time");
    private final StagedItems items = new StagedItems(2);
    private final MutableDecimal value = new MutableDecimal();
    private DirectBuffer buffer;

    CoinbaseTradeReader(final FeedPublisher publisher)
    {
        super(publisher, "trades");
    }

    void begin(final long timestampNanos, final long sequence)
    {
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
        buffer = fields.buffer();
        final int instrumentId = publisher.instrumentId(buffer, fields.offset(PRODUCT), fields.length(PRODUCT));
        if (instrumentId == InstrumentRegistry.NO_INSTRUMENT)
        {
            return null;
        }
        if (!fields.hasAll())
        {
            return CoinbaseDecodeError.MISSING_FIELD;
        }
        if (fields.length(TRADE_ID) == 0 || fields.length(TRADE_ID) > MAX_ID_LENGTH)
        {
            return CoinbaseDecodeError.BAD_ID;
        }
        final long time = fields.time(TIME);
        if (time == CoinbaseTime.INVALID)
        {
            return CoinbaseDecodeError.BAD_TIME;
        }
        final Side aggressor = fields.equals(SIDE, SELL) ? Side.BUY : fields.equals(SIDE, BUY) ? Side.SELL : null;
        if (aggressor == null)
        {
            return CoinbaseDecodeError.BAD_SIDE;
        }
        final int item = items.add(instrumentId, 0, time);
        items.tag(item, aggressor.value());
        items.id(item, fields.offset(TRADE_ID), fields.length(TRADE_ID));
        if (!fields.decimal(PRICE, value))
        {
            return CoinbaseDecodeError.BAD_PRICE;
        }
        items.decimal(item, 0, value);
        if (!fields.decimal(SIZE, value))
        {
            return CoinbaseDecodeError.BAD_QUANTITY;
        }
        items.decimal(item, 1, value);
        return null;
    }

    CoinbaseDecodeError end()
    {
        if (items.count() > 1)
        {
            for (int item = 0; item < items.count(); item++)
            {
                items.key(item, VenueIds.parse(buffer, items.idOffset(item), items.idLength(item)));
            }
        }
        items.sort();
        for (int i = 0; i < items.count(); i++)
        {
            final int item = items.at(i);
            final TradeFields trade = publisher.trade()
                .instrumentId(items.instrumentId(item))
                .exchangeTimeNanos(items.timeNanos(item))
                .aggressorSide(Side.get((short)items.tag(item)))
                .tradeId(buffer, items.idOffset(item), items.idLength(item));
            items.copyDecimal(item, 0, trade.price());
            items.copyDecimal(item, 1, trade.size());
            publisher.publishTrade();
        }
        return null;
    }
}
