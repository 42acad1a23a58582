package zvt.crypto.feed.simulator.bybit;

import org.agrona.ExpandableArrayBuffer;
import zvt.crypto.core.json.JsonWriter;
import zvt.crypto.feed.simulator.BookChange;
import zvt.crypto.feed.simulator.BookView;
import zvt.crypto.feed.simulator.CandleBar;
import zvt.crypto.feed.simulator.MarketStream;
import zvt.crypto.feed.simulator.StreamKind;
import zvt.crypto.feed.simulator.WireEncoder;
import zvt.crypto.feed.simulator.WireSink;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

import static zvt.crypto.feed.simulator.WireBytes.ascii;
import static zvt.crypto.feed.simulator.WireBytes.beginObject;
import static zvt.crypto.feed.simulator.WireBytes.put;
import static zvt.crypto.feed.simulator.WireDecimals.trimmedExponent;
import static zvt.crypto.feed.simulator.WireDecimals.trimmedMantissa;

/**
 * Bybit v5's JSON for one symbol of one category (PROTOCOLS.md §3.2–3.3). {@code orderbook.50} and
 * {@code orderbook.200} each have their own {@code u}, +1 for every change of the book whether anyone subscribes or
 * not (as Bybit's own counter runs), and a connection that subscribes gets a {@code snapshot} with the current
 * {@code u} (never 1, which means a restart); {@code seq} is the market's update id, so the ground truth at a
 * {@code seq} is the book a client holds after that message. Both depths count the same changes, so they share one
 * {@code u}, and {@link #seqOf} maps a recent {@code u} back to its {@code seq} for tests that only see {@code u}.
 * Deltas carry every level the change touched: exact while the simulated book has no more levels per side than the
 * depth. {@code orderbook.1} is a snapshot of the best level on every change, with its own {@code u} (+1 on every
 * change of the top). {@code publicTrade} (side = taker side, {@code i} a numeric string in both categories, tick
 * direction on linear only), {@code tickers} (always full snapshots) and {@code kline}. Used on the simulator's event
 * loop only.
 */
final class BybitWireEncoder implements WireEncoder
{
    private static final long FIRST_UPDATE_ID = 1_000;
    private static final int MAX_LEVELS = 200;
    /** Book update ids remembered for {@link #seqOf}: about a minute of one symbol's changes at test rates. */
    private static final int SEQ_HISTORY = 1 << 16;
    private static final byte[] TOPIC = ascii("{\"topic\":\"");

    private final String symbol;
    private final boolean linear;
    private final WireSink sink;
    private final byte[] tradeTopic;
    private final byte[] tickerTopic;
    private final byte[] book1Topic;
    private final byte[] book50Topic;
    private final byte[] book200Topic;
    private final Map<String, byte[]> klineTopics = new HashMap<>();
    private final JsonWriter writer = new JsonWriter();
    private final ExpandableArrayBuffer payload = new ExpandableArrayBuffer(8 * 1024);
    private final long[] prices = new long[MAX_LEVELS];
    private final long[] sizes = new long[MAX_LEVELS];
    private long book1UpdateId = FIRST_UPDATE_ID;
    /** Pairs {@code u, seq} at index {@code 2 * (u % SEQ_HISTORY)}; read from other threads by {@link #seqOf}. */
    private final AtomicLongArray seqByUpdateId = new AtomicLongArray(2 * SEQ_HISTORY);
    private long bookUpdateId = FIRST_UPDATE_ID;
    private long seq;
    private long lastPrice;
    private long highPrice;
    private long lowPrice = Long.MAX_VALUE;
    private long openPrice;
    private long volume;
    private long turnover;

    BybitWireEncoder(final String marketSymbol, final WireSink sink)
    {
        this.symbol = marketSymbol.substring(marketSymbol.indexOf(':') + 1);
        this.linear = marketSymbol.startsWith("LINEAR:");
        this.sink = sink;
        this.tradeTopic = topic("publicTrade." + symbol);
        this.tickerTopic = topic("tickers." + symbol);
        this.book1Topic = topic("orderbook.1." + symbol);
        this.book50Topic = topic("orderbook.50." + symbol);
        this.book200Topic = topic("orderbook.200." + symbol);
    }

    public void onTrade(
        final long tradeId, final long aggregateId, final long price, final long quantity, final long timeMs,
        final boolean buyerIsMaker)
    {
        final long tick = Long.compare(price, lastPrice);
        lastPrice = price;
        openPrice = openPrice == 0 ? price : openPrice;
        highPrice = Math.max(highPrice, price);
        lowPrice = Math.min(lowPrice, price);
        volume += quantity;
        turnover += price / 10_000 * quantity / 10_000;
        if (!sink.wants(StreamKind.TRADE, 0))
        {
            return;
        }
        begin(tradeTopic).field("type", "snapshot").field("ts", timeMs).beginArray("data").beginObject()
            .field("T", timeMs).field("s", symbol).field("S", buyerIsMaker ? "Sell" : "Buy");
        decimal("v", quantity).decimal("p", price);
        if (linear)
        {
            writer.field("L", tick > 0 ? "PlusTick" : tick < 0 ? "MinusTick" : "ZeroPlusTick");
        }
        writer.decimalField("i", tradeId, 0).field("BT", false).field("RPI", false).field("seq", seq)
            .endObject().endArray().endObject();
        sink.emit(StreamKind.TRADE, 0, payload, writer.position(), WireSink.NO_SPLICE, tradeId, tradeId);
    }

    public void onBookChange(final BookChange change, final BookView book)
    {
        seq = change.lastUpdateId();
        remember(++bookUpdateId, seq);
        if (sink.wants(StreamKind.DEPTH, 50))
        {
            delta(book50Topic, 50, bookUpdateId, change);
        }
        if (sink.wants(StreamKind.DEPTH, 200))
        {
            delta(book200Topic, 200, bookUpdateId, change);
        }
    }

    /**
     * The {@code seq} (market update id) of the book message with this {@code u} of {@code orderbook.50/200}, or -1
     * if it was not sent yet or is too old. Any thread.
     */
    long seqOf(final long updateId)
    {
        final int index = 2 * (int)(updateId % SEQ_HISTORY);
        final long before = seqByUpdateId.getAcquire(index);
        final long seqAt = seqByUpdateId.getAcquire(index + 1);
        return before == updateId && seqByUpdateId.getAcquire(index) == updateId ? seqAt : -1;
    }

    private void remember(final long updateId, final long marketUpdateId)
    {
        final int index = 2 * (int)(updateId % SEQ_HISTORY);
        seqByUpdateId.setRelease(index, -1);
        seqByUpdateId.setRelease(index + 1, marketUpdateId);
        seqByUpdateId.setRelease(index, updateId);
    }

    public void onTopOfBook(
        final long updateId, final long bidPrice, final long bidSize, final long askPrice, final long askSize,
        final long timeMs)
    {
        ++book1UpdateId; // Bybit's counter runs whether anyone subscribes or not, as the depths' do
        if (sink.wants(StreamKind.BOOK_TICKER, 1))
        {
            begin(book1Topic).field("type", "snapshot").field("ts", timeMs);
            beginObject(writer, payload, "data")
                .field("s", symbol).beginArray("b");
            level(bidPrice, bidSize);
            writer.endArray().beginArray("a");
            level(askPrice, askSize);
            writer.endArray().field("u", book1UpdateId).field("seq", updateId).endObject().field("cts", timeMs)
                .endObject();
            sink.emit(StreamKind.BOOK_TICKER, 1, payload, writer.position(), WireSink.NO_SPLICE, updateId, updateId);
        }
        if (sink.wants(StreamKind.TICKER, 0))
        {
            begin(tickerTopic).field("type", "snapshot");
            beginObject(writer, payload, "data").field("symbol", symbol);
            decimal("lastPrice", lastPrice).decimal("highPrice24h", highPrice)
                .decimal("lowPrice24h", lowPrice == Long.MAX_VALUE ? 0 : lowPrice).decimal("prevPrice24h", openPrice)
                .decimal("volume24h", volume).decimal("turnover24h", turnover).decimal("bid1Price", bidPrice)
                .decimal("bid1Size", bidSize).decimal("ask1Price", askPrice).decimal("ask1Size", askSize);
            writer.endObject().field("cs", updateId).field("ts", timeMs).endObject();
            sink.emit(StreamKind.TICKER, 0, payload, writer.position(), WireSink.NO_SPLICE, updateId, updateId);
        }
    }

    public void onSubscribe(
        final StreamKind kind, final int variant, final BookView book, final long nowMs, final WireSink target)
    {
        if (kind == StreamKind.DEPTH)
        {
            if (bookUpdateId == FIRST_UPDATE_ID)
            {
                remember(bookUpdateId, book.lastUpdateId()); // the book before its first change
            }
            snapshot(variant == 50 ? book50Topic : book200Topic, variant, bookUpdateId, book, nowMs, target);
        }
        else if (kind == StreamKind.BOOK_TICKER)
        {
            snapshot(book1Topic, 1, book1UpdateId, book, nowMs, target);
        }
    }

    public void onCandle(
        final MarketStream stream, final CandleBar candle, final boolean closed, final long nowMs,
        final WireSink target)
    {
        final String interval = stream.ref().interval();
        byte[] topic = klineTopics.get(interval);
        if (topic == null)
        {
            topic = topic("kline." + interval + "." + symbol);
            klineTopics.put(interval, topic);
        }
        begin(topic).field("type", "snapshot").field("ts", nowMs).beginArray("data").beginObject()
            .field("start", candle.openTime()).field("end", candle.closeTime()).field("interval", interval);
        decimal("open", candle.open()).decimal("close", candle.close()).decimal("high", candle.high())
            .decimal("low", candle.low()).decimal("volume", candle.volume()).decimal("turnover", candle.quoteVolume());
        writer.field("confirm", closed).field("timestamp", nowMs).endObject().endArray().endObject();
        target.emit(StreamKind.KLINE, 0, payload, writer.position(), WireSink.NO_SPLICE,
            candle.openTime(), candle.openTime());
    }

    private void delta(final byte[] topic, final int depth, final long updateId, final BookChange change)
    {
        begin(topic).field("type", "delta").field("ts", change.timeMs());
        beginObject(writer, payload, "data")
            .field("s", symbol).beginArray("b");
        for (int i = 0; i < change.count(); i++)
        {
            if (change.isBid(i))
            {
                level(change.price(i), change.size(i));
            }
        }
        writer.endArray().beginArray("a");
        for (int i = 0; i < change.count(); i++)
        {
            if (!change.isBid(i))
            {
                level(change.price(i), change.size(i));
            }
        }
        writer.endArray().field("u", updateId).field("seq", change.lastUpdateId()).endObject()
            .field("cts", change.timeMs()).endObject();
        sink.emit(StreamKind.DEPTH, depth, payload, writer.position(), WireSink.NO_SPLICE, updateId, updateId);
    }

    private void snapshot(
        final byte[] topic, final int depth, final long updateId, final BookView book, final long nowMs,
        final WireSink target)
    {
        begin(topic).field("type", "snapshot").field("ts", nowMs);
        beginObject(writer, payload, "data").field("s", symbol)
            .beginArray("b");
        levels(book.bestLevels(true, prices, sizes, depth));
        writer.endArray().beginArray("a");
        levels(book.bestLevels(false, prices, sizes, depth));
        writer.endArray().field("u", updateId).field("seq", book.lastUpdateId()).endObject().field("cts", nowMs)
            .endObject();
        target.emit(depth == 1 ? StreamKind.BOOK_TICKER : StreamKind.DEPTH, depth, payload, writer.position(),
            WireSink.NO_SPLICE, updateId, updateId);
    }

    /** Starts {@code {"topic":"...",} with the writer after the comma. */
    private JsonWriter begin(final byte[] topic)
    {
        final int position = put(payload, put(payload, 0, TOPIC), topic);
        return writer.wrap(payload, position);
    }

    private BybitWireEncoder decimal(final String name, final long mantissa)
    {
        writer.decimalField(name, trimmedMantissa(mantissa), trimmedExponent(mantissa));
        return this;
    }

    private void levels(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            level(prices[i], sizes[i]);
        }
    }

    /** {@code [price, size]}; nothing for an empty side (price 0). */
    private void level(final long price, final long size)
    {
        if (price != 0)
        {
            writer.beginArray().decimal(trimmedMantissa(price), trimmedExponent(price))
                .decimal(trimmedMantissa(size), trimmedExponent(size)).endArray();
        }
    }

    /** The topic's name and the closing quote and comma of {@code "topic":"<name>",}. */
    private static byte[] topic(final String name)
    {
        return ascii(name + "\",");
    }
}
