package zvt.crypto.feed.coinbase;

import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.publish.TopFields;

/**
 * {@code ticker} (and {@code ticker_batch}) events → TopOfBook: {@code tickers:[{product_id, best_bid,
 * best_bid_quantity, best_ask, best_ask_quantity, ...}]}. A ticker has no time and no per-product sequence, so the
 * quote's exchange time is the envelope's {@code timestamp} and {@link TopFields#sequence} is
 * {@link TopFields#NO_SEQUENCE}: the publisher orders quotes by that time. Each ticker is validated, then published.
 */
final class CoinbaseTickerReader extends CoinbaseEventReader
{
    private static final int PRODUCT = 0;
    private static final int BID = 1;
    private static final int BID_SIZE = 2;
    private static final int ASK = 3;
    private static final int ASK_SIZE = 4;

    private final CoinbaseFields fields =
        new CoinbaseFields("product_id", "best_bid", "best_bid_quantity", "best_ask", "best_ask_quantity");
    private long timestampNanos;

    CoinbaseTickerReader(final FeedPublisher publisher)
    {
        super(publisher, "tickers");
    }

    void begin(final long timestampNanos, final long sequence)
    {
        this.timestampNanos = timestampNanos;
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
        final TopFields top = publisher.top();
        if (!fields.decimal(BID, top.bidPrice()) || !fields.decimal(ASK, top.askPrice()))
        {
            return CoinbaseDecodeError.BAD_PRICE;
        }
        if (!fields.decimal(BID_SIZE, top.bidSize()) || !fields.decimal(ASK_SIZE, top.askSize()))
        {
            return CoinbaseDecodeError.BAD_QUANTITY;
        }
        top.instrumentId(instrumentId).exchangeTimeNanos(timestampNanos).sequence(TopFields.NO_SEQUENCE);
        publisher.publishTop();
        return null;
    }

    CoinbaseDecodeError end()
    {
        return null;
    }
}
