package zvt.crypto.feed.simulator.coinbase;

import org.agrona.ExpandableArrayBuffer;
import zvt.crypto.core.json.JsonWriter;
import zvt.crypto.feed.simulator.BookChange;
import zvt.crypto.feed.simulator.BookView;
import zvt.crypto.feed.simulator.CandleBar;
import zvt.crypto.feed.simulator.MarketStream;
import zvt.crypto.feed.simulator.Rfc3339;
import zvt.crypto.feed.simulator.StreamKind;
import zvt.crypto.feed.simulator.WireEncoder;
import zvt.crypto.feed.simulator.WireSink;

import static zvt.crypto.feed.simulator.WireBytes.ascii;
import static zvt.crypto.feed.simulator.WireDecimals.trimmedExponent;
import static zvt.crypto.feed.simulator.WireDecimals.trimmedMantissa;

/**
 * Coinbase Advanced Trade's JSON for one product (PROTOCOLS.md §4.2). Every message is spliced with the receiving
 * connection's {@code sequence_num} ({@link CoinbaseEnvelope}). A book change is an {@code l2_data} {@code update}
 * (side {@code bid}/{@code offer}, absolute {@code new_quantity}); a connection that subscribes to {@code level2}
 * gets an {@code l2_data} {@code snapshot} of the whole book first. A trade is a {@code market_trades} update (side =
 * taker side, uncertain in PROTOCOLS.md), a top-of-book change a {@code ticker} update, a candle a {@code candles}
 * update ({@code start} in UNIX seconds). Used on the simulator's event loop only.
 */
final class CoinbaseWireEncoder implements WireEncoder
{
    private static final int MAX_SNAPSHOT_LEVELS = 1_000;
    private static final byte[] L2_DATA = ascii("l2_data");
    private static final byte[] MARKET_TRADES = ascii(CoinbaseProtocol.MARKET_TRADES);
    private static final byte[] TICKER = ascii(CoinbaseProtocol.TICKER);
    private static final byte[] CANDLES = ascii(CoinbaseProtocol.CANDLES);

    private final String productId;
    private final WireSink sink;
    private final JsonWriter writer = new JsonWriter();
    private final ExpandableArrayBuffer payload = new ExpandableArrayBuffer(8 * 1024);
    private final ExpandableArrayBuffer time = new ExpandableArrayBuffer(Rfc3339.LENGTH);
    private final StringBuilder timeText = new StringBuilder(Rfc3339.LENGTH);
    private final long[] prices = new long[MAX_SNAPSHOT_LEVELS];
    private final long[] sizes = new long[MAX_SNAPSHOT_LEVELS];
    private int spliceAt;
    private long lastPrice;
    private long openPrice;
    private long highPrice;
    private long lowPrice = Long.MAX_VALUE;
    private long volume;

    CoinbaseWireEncoder(final String productId, final WireSink sink)
    {
        this.productId = productId;
        this.sink = sink;
    }

    public void onTrade(
        final long tradeId, final long aggregateId, final long price, final long quantity, final long timeMs,
        final boolean buyerIsMaker)
    {
        lastPrice = price;
        openPrice = openPrice == 0 ? price : openPrice;
        highPrice = Math.max(highPrice, price);
        lowPrice = Math.min(lowPrice, price);
        volume += quantity;
        if (!sink.wants(StreamKind.TRADE, 0))
        {
            return;
        }
        event(MARKET_TRADES, timeMs, "update").beginArray("trades").beginObject()
            .decimalField("trade_id", tradeId, 0).field("product_id", productId);
        decimal("price", price).decimal("size", quantity);
        writer.field("side", buyerIsMaker ? "SELL" : "BUY").field("time", timeText(timeMs))
            .endObject().endArray();
        finish(sink, StreamKind.TRADE, tradeId);
    }

    public void onBookChange(final BookChange change, final BookView book)
    {
        if (!sink.wants(StreamKind.DEPTH, 0))
        {
            return;
        }
        final CharSequence eventTime = timeText(change.timeMs());
        event(L2_DATA, change.timeMs(), "update").field("product_id", productId).beginArray("updates");
        for (int i = 0; i < change.count(); i++)
        {
            update(change.isBid(i), eventTime, change.price(i), change.size(i));
        }
        writer.endArray();
        finish(sink, StreamKind.DEPTH, change.lastUpdateId());
    }

    public void onTopOfBook(
        final long updateId, final long bidPrice, final long bidSize, final long askPrice, final long askSize,
        final long timeMs)
    {
        if (!sink.wants(StreamKind.TICKER, 0))
        {
            return;
        }
        event(TICKER, timeMs, "update").beginArray("tickers").beginObject().field("type", "ticker")
            .field("product_id", productId);
        decimal("price", lastPrice).decimal("volume_24_h", volume)
            .decimal("low_24_h", lowPrice == Long.MAX_VALUE ? 0 : lowPrice).decimal("high_24_h", highPrice)
            .decimal("low_52_w", lowPrice == Long.MAX_VALUE ? 0 : lowPrice).decimal("high_52_w", highPrice);
        writer.field("price_percent_chg_24_h", "0");
        decimal("best_bid", bidPrice).decimal("best_ask", askPrice).decimal("best_bid_quantity", bidSize)
            .decimal("best_ask_quantity", askSize);
        writer.endObject().endArray();
        finish(sink, StreamKind.TICKER, updateId);
    }

    public void onSubscribe(
        final StreamKind kind, final int variant, final BookView book, final long nowMs, final WireSink target)
    {
        if (kind != StreamKind.DEPTH)
        {
            return;
        }
        final CharSequence eventTime = timeText(nowMs);
        event(L2_DATA, nowMs, "snapshot").field("product_id", productId).beginArray("updates");
        int count = book.bestLevels(true, prices, sizes, MAX_SNAPSHOT_LEVELS);
        for (int i = 0; i < count; i++)
        {
            update(true, eventTime, prices[i], sizes[i]);
        }
        count = book.bestLevels(false, prices, sizes, MAX_SNAPSHOT_LEVELS);
        for (int i = 0; i < count; i++)
        {
            update(false, eventTime, prices[i], sizes[i]);
        }
        writer.endArray();
        finish(target, StreamKind.DEPTH, book.lastUpdateId());
    }

    public void onCandle(
        final MarketStream stream, final CandleBar candle, final boolean closed, final long nowMs,
        final WireSink target)
    {
        event(CANDLES, nowMs, "update").beginArray("candles").beginObject()
            .decimalField("start", candle.openTime() / 1_000, 0);
        decimal("high", candle.high()).decimal("low", candle.low()).decimal("open", candle.open())
            .decimal("close", candle.close()).decimal("volume", candle.volume());
        writer.field("product_id", productId).endObject().endArray();
        finish(target, StreamKind.KLINE, candle.openTime());
    }

    /** Writes the envelope and opens the one event, {@code {"type":"..",}, leaving the writer inside it. */
    private JsonWriter event(final byte[] channel, final long timeMs, final String type)
    {
        spliceAt = CoinbaseEnvelope.head(payload, channel, timeMs);
        return writer.wrap(payload, CoinbaseEnvelope.events(payload, spliceAt)).beginObject().field("type", type);
    }

    /** Closes the event, the events array and the message, and hands it on. */
    private void finish(final WireSink target, final StreamKind kind, final long id)
    {
        writer.endObject().endArray().endObject();
        target.emit(kind, 0, payload, writer.position(), spliceAt, id, id);
    }

    private void update(final boolean bid, final CharSequence eventTime, final long price, final long size)
    {
        writer.beginObject().field("side", bid ? "bid" : "offer").field("event_time", eventTime);
        decimal("price_level", price).decimal("new_quantity", size);
        writer.endObject();
    }

    private CoinbaseWireEncoder decimal(final String name, final long mantissa)
    {
        writer.decimalField(name, trimmedMantissa(mantissa), trimmedExponent(mantissa));
        return this;
    }

    /** The time as RFC 3339 text in a reused builder. */
    private CharSequence timeText(final long timeMs)
    {
        final int length = Rfc3339.write(time, 0, timeMs);
        timeText.setLength(0);
        for (int i = 0; i < length; i++)
        {
            timeText.append((char)time.getByte(i));
        }
        return timeText;
    }
}
