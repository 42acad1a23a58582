package zvt.crypto.feed.simulator.binance;

import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.json.JsonWriter;
import zvt.crypto.feed.simulator.BookChange;
import zvt.crypto.feed.simulator.BookView;
import zvt.crypto.feed.simulator.CandleBar;
import zvt.crypto.feed.simulator.GroundTruthBook;
import zvt.crypto.feed.simulator.MarketStream;
import zvt.crypto.feed.simulator.StreamKind;
import zvt.crypto.feed.simulator.WireEncoder;
import zvt.crypto.feed.simulator.WireSink;

/**
 * Binance spot's JSON for one symbol (PROTOCOLS.md §1.2): a trade as {@code trade} then {@code aggTrade}, a book
 * change as {@code depthUpdate} with {@code U}/{@code u} (bids then asks), a top-of-book change as
 * {@code bookTicker}, a candle as {@code kline}; prices and sizes with eight decimals. No snapshot on subscribe:
 * Binance clients take it over REST. Writes into one reused buffer. Used on the simulator's event loop only.
 */
final class BinanceWireEncoder implements WireEncoder
{
    private static final int EXPONENT = GroundTruthBook.EXPONENT;

    private final String venueSymbol;
    private final WireSink sink;
    private final JsonWriter writer = new JsonWriter();
    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[4096]);

    BinanceWireEncoder(final String venueSymbol, final WireSink sink)
    {
        this.venueSymbol = venueSymbol;
        this.sink = sink;
    }

    public void onTrade(
        final long tradeId, final long aggregateId, final long price, final long quantity, final long timeMs,
        final boolean buyerIsMaker)
    {
        writer.wrap(payload, 0).beginObject()
            .field("e", "trade").field("E", timeMs).field("s", venueSymbol).field("t", tradeId)
            .decimalField("p", price, EXPONENT).decimalField("q", quantity, EXPONENT)
            .field("T", timeMs).field("m", buyerIsMaker).field("M", true).endObject();
        sink.emit(StreamKind.TRADE, 0, payload, writer.position(), WireSink.NO_SPLICE, tradeId, tradeId);

        writer.wrap(payload, 0).beginObject()
            .field("e", "aggTrade").field("E", timeMs).field("s", venueSymbol).field("a", aggregateId)
            .decimalField("p", price, EXPONENT).decimalField("q", quantity, EXPONENT)
            .field("f", tradeId).field("l", tradeId).field("T", timeMs).field("m", buyerIsMaker).field("M", true)
            .endObject();
        sink.emit(StreamKind.AGG_TRADE, 0, payload, writer.position(), WireSink.NO_SPLICE, aggregateId, aggregateId);
    }

    public void onBookChange(final BookChange change, final BookView book)
    {
        writer.wrap(payload, 0).beginObject()
            .field("e", "depthUpdate").field("E", change.timeMs()).field("s", venueSymbol)
            .field("U", change.firstUpdateId()).field("u", change.lastUpdateId()).beginArray("b");
        writeChanges(change, true);
        writer.endArray().beginArray("a");
        writeChanges(change, false);
        writer.endArray().endObject();
        sink.emit(StreamKind.DEPTH, 0, payload, writer.position(), WireSink.NO_SPLICE,
            change.firstUpdateId(), change.lastUpdateId());
    }

    public void onTopOfBook(
        final long updateId, final long bidPrice, final long bidSize, final long askPrice, final long askSize,
        final long timeMs)
    {
        writer.wrap(payload, 0).beginObject()
            .field("u", updateId).field("s", venueSymbol)
            .decimalField("b", bidPrice, EXPONENT).decimalField("B", bidSize, EXPONENT)
            .decimalField("a", askPrice, EXPONENT).decimalField("A", askSize, EXPONENT)
            .endObject();
        sink.emit(StreamKind.BOOK_TICKER, 0, payload, writer.position(), WireSink.NO_SPLICE, updateId, updateId);
    }

    public void onSubscribe(
        final StreamKind kind, final int variant, final BookView book, final long nowMs, final WireSink target)
    {
    }

    public void onCandle(
        final MarketStream stream, final CandleBar candle, final boolean closed, final long nowMs,
        final WireSink target)
    {
        writer.wrap(payload, 0).beginObject()
            .field("e", "kline").field("E", nowMs).field("s", venueSymbol);
        writer.field("k", "");
        // "k" was written as an empty string to get the name and colon; replace the two quotes with the object.
        final int objectStart = writer.position() - 2;
        writer.wrap(payload, objectStart).beginObject()
            .field("t", candle.openTime()).field("T", candle.closeTime()).field("s", venueSymbol)
            .field("i", stream.ref().interval()).field("f", candle.firstTradeId()).field("L", candle.lastTradeId())
            .decimalField("o", candle.open(), EXPONENT).decimalField("c", candle.close(), EXPONENT)
            .decimalField("h", candle.high(), EXPONENT).decimalField("l", candle.low(), EXPONENT)
            .decimalField("v", candle.volume(), EXPONENT).field("n", candle.trades()).field("x", closed)
            .decimalField("q", candle.quoteVolume(), EXPONENT).decimalField("V", candle.takerBuyVolume(), EXPONENT)
            .decimalField("Q", candle.takerBuyQuoteVolume(), EXPONENT).field("B", "0")
            .endObject().endObject();
        target.emit(StreamKind.KLINE, 0, payload, writer.position(), WireSink.NO_SPLICE,
            candle.openTime(), candle.openTime());
    }

    private void writeChanges(final BookChange change, final boolean bids)
    {
        for (int i = 0; i < change.count(); i++)
        {
            if (change.isBid(i) == bids)
            {
                writer.beginArray().decimal(change.price(i), EXPONENT).decimal(change.size(i), EXPONENT).endArray();
            }
        }
    }
}
