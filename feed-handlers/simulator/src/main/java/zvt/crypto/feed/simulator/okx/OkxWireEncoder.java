package zvt.crypto.feed.simulator.okx;

import org.agrona.ExpandableArrayBuffer;
import zvt.crypto.core.json.JsonWriter;
import zvt.crypto.feed.simulator.BookChange;
import zvt.crypto.feed.simulator.BookView;
import zvt.crypto.feed.simulator.CandleBar;
import zvt.crypto.feed.simulator.FaultKind;
import zvt.crypto.feed.simulator.FaultRecord;
import zvt.crypto.feed.simulator.MarketStream;
import zvt.crypto.feed.simulator.SimulatedMarket;
import zvt.crypto.feed.simulator.StreamKind;
import zvt.crypto.feed.simulator.WireEncoder;
import zvt.crypto.feed.simulator.WireSink;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;

import static zvt.crypto.feed.simulator.WireBytes.ascii;
import static zvt.crypto.feed.simulator.WireBytes.put;
import static zvt.crypto.feed.simulator.WireDecimals.trimmedExponent;
import static zvt.crypto.feed.simulator.WireDecimals.trimmedMantissa;

/**
 * OKX v5's JSON for one instrument (PROTOCOLS.md §2.2–2.4). A book change is a {@code books} {@code update} with
 * {@code seqId} = the change's last update id and {@code prevSeqId} = the previous change's, so updates chain on
 * {@code prevSeqId} and one update may advance {@code seqId} by more than 1, as at OKX; every connection gets a
 * {@code snapshot} ({@code prevSeqId} -1) of the whole book when it subscribes. Every books message carries the
 * CRC32 of the best 25 levels after it applies, over the price and size strings as sent, as a signed int
 * ({@link OkxChecksum}); {@link zvt.crypto.feed.simulator.SimulatorFaults#corruptChecksum} makes it wrong on purpose.
 * A trade is a {@code trades} message (side = taker side), a top-of-book change a {@code bbo-tbt} and a
 * {@code tickers} message, a candle a {@code candle<bar>} row. Prices and sizes without trailing zeros. Used on the
 * simulator's event loop only.
 */
final class OkxWireEncoder implements WireEncoder
{
    private static final int MAX_SNAPSHOT_LEVELS = 400;
    private static final byte[] UPDATE = ascii("\"action\":\"update\",\"data\":[{");
    private static final byte[] SNAPSHOT = ascii("\"action\":\"snapshot\",\"data\":[{");
    private static final byte[] DATA = ascii("\"data\":[{");
    private static final byte[] CANDLE_DATA = ascii("\"data\":[");

    private final String instId;
    private final WireSink sink;
    private final SimulatedMarket market;
    private final SplittableRandom faultRandom;
    private final byte[] booksArg;
    private final byte[] tradesArg;
    private final byte[] bboArg;
    private final byte[] tickersArg;
    private final String instType;
    private final JsonWriter writer = new JsonWriter();
    private final ExpandableArrayBuffer payload = new ExpandableArrayBuffer(8 * 1024);
    private final OkxChecksum checksum = new OkxChecksum();
    private final Map<String, byte[]> candleArgs = new HashMap<>();
    private final long[] prices = new long[MAX_SNAPSHOT_LEVELS];
    private final long[] sizes = new long[MAX_SNAPSHOT_LEVELS];
    private long lastPrice;
    private long lastSize;
    private long openPrice;
    private long highPrice;
    private long lowPrice = Long.MAX_VALUE;
    private long baseVolume;
    private long quoteVolume;

    OkxWireEncoder(final String instId, final WireSink sink, final SimulatedMarket market)
    {
        this.instId = instId;
        this.sink = sink;
        this.market = market;
        this.faultRandom = new SplittableRandom(
            (market == null ? 0 : market.context().seed()) ^ instId.hashCode() * 0x9E3779B97F4A7C15L);
        this.booksArg = arg(OkxProtocol.BOOKS, instId);
        this.tradesArg = arg(OkxProtocol.TRADES, instId);
        this.bboArg = arg(OkxProtocol.BBO, instId);
        this.tickersArg = arg(OkxProtocol.TICKERS, instId);
        this.instType = instId.endsWith("-SWAP") ? "SWAP" : "SPOT";
    }

    public void onTrade(
        final long tradeId, final long aggregateId, final long price, final long quantity, final long timeMs,
        final boolean buyerIsMaker)
    {
        lastPrice = price;
        lastSize = quantity;
        openPrice = openPrice == 0 ? price : openPrice;
        highPrice = Math.max(highPrice, price);
        lowPrice = Math.min(lowPrice, price);
        baseVolume += quantity;
        quoteVolume += price / 10_000 * quantity / 10_000;
        if (!sink.wants(StreamKind.TRADE, 0))
        {
            return;
        }
        begin(tradesArg, DATA)
            .field("instId", instId).decimalField("tradeId", tradeId, 0)
            .decimalField("px", trimmedMantissa(price), trimmedExponent(price))
            .decimalField("sz", trimmedMantissa(quantity), trimmedExponent(quantity))
            .field("side", buyerIsMaker ? "sell" : "buy").decimalField("ts", timeMs, 0)
            .endObject().endArray().endObject();
        sink.emit(StreamKind.TRADE, 0, payload, writer.position(), WireSink.NO_SPLICE, tradeId, tradeId);
    }

    public void onBookChange(final BookChange change, final BookView book)
    {
        if (!sink.wants(StreamKind.DEPTH, 0))
        {
            return;
        }
        begin(booksArg, UPDATE).beginArray("asks");
        writeChanges(change, false);
        writer.endArray().beginArray("bids");
        writeChanges(change, true);
        writer.endArray();
        finishBooks(book, change.timeMs(), change.lastUpdateId(), change.firstUpdateId() - 1, sink);
    }

    public void onTopOfBook(
        final long updateId, final long bidPrice, final long bidSize, final long askPrice, final long askSize,
        final long timeMs)
    {
        if (sink.wants(StreamKind.BOOK_TICKER, 0))
        {
            begin(bboArg, DATA).beginArray("asks");
            writeLevel(askPrice, askSize);
            writer.endArray().beginArray("bids");
            writeLevel(bidPrice, bidSize);
            writer.endArray().decimalField("ts", timeMs, 0).field("seqId", updateId)
                .endObject().endArray().endObject();
            sink.emit(StreamKind.BOOK_TICKER, 0, payload, writer.position(), WireSink.NO_SPLICE, updateId, updateId);
        }
        if (sink.wants(StreamKind.TICKER, 0))
        {
            begin(tickersArg, DATA).field("instType", instType).field("instId", instId);
            decimal("last", lastPrice).decimal("lastSz", lastSize).decimal("askPx", askPrice).decimal("askSz", askSize)
                .decimal("bidPx", bidPrice).decimal("bidSz", bidSize).decimal("open24h", openPrice)
                .decimal("high24h", highPrice).decimal("low24h", lowPrice == Long.MAX_VALUE ? 0 : lowPrice)
                .decimal("sodUtc0", openPrice).decimal("sodUtc8", openPrice).decimal("volCcy24h", quoteVolume)
                .decimal("vol24h", baseVolume);
            writer.decimalField("ts", timeMs, 0).endObject().endArray().endObject();
            sink.emit(StreamKind.TICKER, 0, payload, writer.position(), WireSink.NO_SPLICE, updateId, updateId);
        }
    }

    public void onSubscribe(
        final StreamKind kind, final int variant, final BookView book, final long nowMs, final WireSink target)
    {
        if (kind != StreamKind.DEPTH)
        {
            return;
        }
        final double omit = market == null ? 0 : market.context().faults().omitSnapshot();
        if (omit > 0 && faultRandom.nextDouble() < omit)
        {
            market.faultLog().record(new FaultRecord(FaultKind.OMITTED_SNAPSHOT, 0, StreamKind.DEPTH, instId,
                book.lastUpdateId(), book.lastUpdateId(), 1, nowMs));
            return;
        }
        begin(booksArg, SNAPSHOT).beginArray("asks");
        writeLevels(book.bestLevels(false, prices, sizes, MAX_SNAPSHOT_LEVELS));
        writer.endArray().beginArray("bids");
        writeLevels(book.bestLevels(true, prices, sizes, MAX_SNAPSHOT_LEVELS));
        writer.endArray();
        finishBooks(book, nowMs, book.lastUpdateId(), -1, target);
    }

    public void onCandle(
        final MarketStream stream, final CandleBar candle, final boolean closed, final long nowMs,
        final WireSink target)
    {
        byte[] candleArg = candleArgs.get(stream.ref().interval());
        if (candleArg == null)
        {
            candleArg = arg(OkxProtocol.CANDLE + stream.ref().interval(), instId);
            candleArgs.put(stream.ref().interval(), candleArg);
        }
        final int position = put(payload, put(payload, 0, candleArg), CANDLE_DATA);
        writer.wrap(payload, position).beginArray().decimal(candle.openTime(), 0);
        decimalValue(candle.open());
        decimalValue(candle.high());
        decimalValue(candle.low());
        decimalValue(candle.close());
        decimalValue(candle.volume());
        decimalValue(candle.quoteVolume());
        decimalValue(candle.quoteVolume());
        writer.decimal(closed ? 1 : 0, 0).endArray().endArray().endObject();
        target.emit(StreamKind.KLINE, 0, payload, writer.position(), WireSink.NO_SPLICE,
            candle.openTime(), candle.openTime());
    }

    private void finishBooks(
        final BookView book, final long timeMs, final long seqId, final long prevSeqId, final WireSink target)
    {
        int sum = checksum.of(book);
        if (market != null && faultRandom.nextDouble() < market.context().faults().corruptChecksum())
        {
            sum = ~sum;
            market.faultLog().record(new FaultRecord(FaultKind.CORRUPT_CHECKSUM, 0, StreamKind.DEPTH, instId,
                prevSeqId, seqId, 1, timeMs));
        }
        writer.decimalField("ts", timeMs, 0).field("checksum", sum).field("seqId", seqId)
            .field("prevSeqId", prevSeqId).endObject().endArray().endObject();
        target.emit(StreamKind.DEPTH, 0, payload, writer.position(), WireSink.NO_SPLICE, prevSeqId, seqId);
    }

    private JsonWriter begin(final byte[] arg, final byte[] data)
    {
        return writer.wrap(payload, put(payload, put(payload, 0, arg), data));
    }

    private OkxWireEncoder decimal(final String name, final long mantissa)
    {
        writer.decimalField(name, trimmedMantissa(mantissa), trimmedExponent(mantissa));
        return this;
    }

    private void decimalValue(final long mantissa)
    {
        writer.decimal(trimmedMantissa(mantissa), trimmedExponent(mantissa));
    }

    private void writeChanges(final BookChange change, final boolean bids)
    {
        for (int i = 0; i < change.count(); i++)
        {
            if (change.isBid(i) == bids)
            {
                writeLevel(change.price(i), change.size(i));
            }
        }
    }

    private void writeLevels(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            writeLevel(prices[i], sizes[i]);
        }
    }

    /** {@code [px, sz, "0", numOrders]}; nothing for an empty side (price 0). */
    private void writeLevel(final long price, final long size)
    {
        if (price == 0)
        {
            return;
        }
        writer.beginArray().decimal(trimmedMantissa(price), trimmedExponent(price))
            .decimal(trimmedMantissa(size), trimmedExponent(size)).decimal(0, 0).decimal(size == 0 ? 0 : 1, 0)
            .endArray();
    }

    private static byte[] arg(final String channel, final String instId)
    {
        return ascii("{\"arg\":{\"channel\":\"" + channel + "\",\"instId\":\"" + instId + "\"},");
    }
}
