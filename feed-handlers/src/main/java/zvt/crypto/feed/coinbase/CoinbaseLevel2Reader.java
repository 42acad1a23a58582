package zvt.crypto.feed.coinbase;

import zvt.crypto.core.codec.Side;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.book.BookFields;
import zvt.crypto.feed.publish.FeedPublisher;

/**
 * {@code l2_data} events (channel {@code level2}) → one book message each: {@code {type: snapshot|update,
 * product_id, updates:[{side: bid|offer, event_time, price_level, new_quantity}]}}; {@code new_quantity} is the
 * level's absolute size, {@code "0"} removes it. Levels are read straight into the publisher's
 * {@link BookFields#levels()} in frame order (a snapshot of 46,000 levels is read once). The message's ids are the
 * envelope's {@code sequence_num} (level2 has no per-product sequence: Coinbase "guarantees delivery", and a loss
 * shows only as a connection {@code sequence_num} gap); its exchange time is the latest {@code event_time} of its
 * levels, or the envelope's {@code timestamp} for an event without levels.
 */
final class CoinbaseLevel2Reader extends CoinbaseEventReader
{
    private static final int SIDE = 0;
    private static final int EVENT_TIME = 1;
    private static final int PRICE = 2;
    private static final int QUANTITY = 3;
    private static final byte[] BID = CoinbaseFields.ascii("bid");
    private static final byte[] OFFER = CoinbaseFields.ascii("offer");
    private static final byte[] SNAPSHOT = CoinbaseFields.ascii("snapshot");
    private static final byte[] UPDATE = CoinbaseFields.ascii("update");
    private static final int UNKNOWN = -1;

    private final CoinbaseFields fields = new CoinbaseFields("side", "event_time", "price_level", "new_quantity");
    private final MutableDecimal price = new MutableDecimal();
    private final MutableDecimal quantity = new MutableDecimal();
    private long timestampNanos;
    private long sequence;
    private long latestEventTime;
    private int snapshot;
    private boolean productSeen;
    private int instrumentId;

    CoinbaseLevel2Reader(final FeedPublisher publisher)
    {
        super(publisher, "updates");
    }

    void begin(final long timestampNanos, final long sequence)
    {
        this.timestampNanos = timestampNanos;
        this.sequence = sequence;
        latestEventTime = CoinbaseTime.INVALID;
        snapshot = UNKNOWN;
        productSeen = false;
        instrumentId = InstrumentRegistry.NO_INSTRUMENT;
        publisher.book().reset(InstrumentRegistry.NO_INSTRUMENT, false);
    }

    void onType(final JsonCursor cursor)
    {
        snapshot = cursor.tokenEquals(SNAPSHOT) ? 1 : cursor.tokenEquals(UPDATE) ? 0 : UNKNOWN;
    }

    void onProduct(final JsonCursor cursor)
    {
        productSeen = true;
        instrumentId = publisher.instrumentId(cursor.buffer(), cursor.tokenOffset(), cursor.tokenLength());
    }

    CoinbaseDecodeError readList(final JsonCursor cursor)
    {
        if (productSeen && instrumentId == InstrumentRegistry.NO_INSTRUMENT)
        {
            return cursor.skipValue() ? null : CoinbaseDecodeError.MALFORMED_JSON; // not subscribed
        }
        return super.readList(cursor);
    }

    CoinbaseDecodeError readItem(final JsonCursor cursor)
    {
        if (!fields.read(cursor))
        {
            return CoinbaseDecodeError.MALFORMED_JSON;
        }
        if (!fields.hasAll())
        {
            return CoinbaseDecodeError.MISSING_FIELD;
        }
        final Side side = fields.equals(SIDE, BID) ? Side.BUY : fields.equals(SIDE, OFFER) ? Side.SELL : null;
        if (side == null)
        {
            return CoinbaseDecodeError.BAD_SIDE;
        }
        final long eventTime = fields.time(EVENT_TIME);
        if (eventTime == CoinbaseTime.INVALID)
        {
            return CoinbaseDecodeError.BAD_TIME;
        }
        if (!fields.decimal(PRICE, price))
        {
            return CoinbaseDecodeError.BAD_PRICE;
        }
        if (!fields.decimal(QUANTITY, quantity))
        {
            return CoinbaseDecodeError.BAD_QUANTITY;
        }
        latestEventTime = Math.max(latestEventTime, eventTime);
        publisher.book().levels().add(
            side, price.mantissa(), price.exponent(), quantity.mantissa(), quantity.exponent());
        return null;
    }

    CoinbaseDecodeError end()
    {
        if (!productSeen)
        {
            return CoinbaseDecodeError.MISSING_FIELD;
        }
        if (instrumentId == InstrumentRegistry.NO_INSTRUMENT)
        {
            return null;
        }
        if (snapshot == UNKNOWN)
        {
            return CoinbaseDecodeError.BAD_EVENT_TYPE;
        }
        final long id = sequence < 0 ? BookFields.NO_ID : sequence;
        publisher.book().resetHeader(instrumentId, snapshot == 1)
            .ids(id, id)
            .exchangeTimeNanos(latestEventTime != CoinbaseTime.INVALID ? latestEventTime :
                Math.max(timestampNanos, 0));
        publisher.publishBook();
        return null;
    }
}
