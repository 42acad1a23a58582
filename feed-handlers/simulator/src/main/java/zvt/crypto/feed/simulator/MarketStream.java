package zvt.crypto.feed.simulator;

import org.agrona.MutableDirectBuffer;
import zvt.crypto.core.json.JsonWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One stream name of one symbol ({@code btcusdt@depth@100ms}) and the connections subscribed to it. A kline stream
 * also builds its candle from the symbol's trades and pushes it at most once per push interval, and once more when
 * the candle closes. Used on the simulator's event loop only.
 */
final class MarketStream
{
    private final String name;
    private final byte[] nameBytes;
    private final StreamKind kind;
    private final String venueSymbol;
    private final String klineInterval;
    private final long klineMillis;
    private final List<SimulatorSession> sessions = new ArrayList<>();

    private long candleOpenTime = Long.MIN_VALUE;
    private long open;
    private long high;
    private long low;
    private long close;
    private long volume;
    private long quoteVolume;
    private long takerBuyVolume;
    private long takerBuyQuoteVolume;
    private long firstTradeId;
    private long lastTradeId;
    private long trades;
    private boolean candleChanged;
    private long lastPushMs;

    MarketStream(final String name, final StreamKind kind, final String venueSymbol)
    {
        this.name = name;
        this.nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        this.kind = kind;
        this.venueSymbol = venueSymbol;
        this.klineInterval = kind == StreamKind.KLINE ? name.substring(name.indexOf("@kline_") + 7) : null;
        this.klineMillis = klineInterval == null ? 0 : KlineInterval.millisOrZero(klineInterval);
    }

    String name()
    {
        return name;
    }

    byte[] nameBytes()
    {
        return nameBytes;
    }

    StreamKind kind()
    {
        return kind;
    }

    String venueSymbol()
    {
        return venueSymbol;
    }

    List<SimulatorSession> sessions()
    {
        return sessions;
    }

    void send(final MutableDirectBuffer payload, final int length, final long first, final long last)
    {
        for (int i = 0; i < sessions.size(); i++)
        {
            sessions.get(i).send(kind, nameBytes, venueSymbol, this, payload, length, first, last);
        }
    }

    /**
     * Adds a trade to the candle (kline streams only); a trade in a later bucket first closes the current candle.
     */
    void onTrade(
        final long price, final long quantity, final long timeMs, final long tradeId, final boolean buyerIsMaker,
        final JsonWriter writer, final MutableDirectBuffer payload)
    {
        final long bucket = timeMs - Math.floorMod(timeMs, klineMillis);
        if (bucket != candleOpenTime)
        {
            if (candleOpenTime != Long.MIN_VALUE)
            {
                pushKline(true, timeMs, writer, payload);
            }
            candleOpenTime = bucket;
            open = high = low = price;
            volume = quoteVolume = takerBuyVolume = takerBuyQuoteVolume = trades = 0;
            firstTradeId = tradeId;
        }
        high = Math.max(high, price);
        low = Math.min(low, price);
        close = price;
        volume += quantity;
        // Quote volume at 8 decimals, price * quantity / 1e8, computed without overflow to 4 of those decimals.
        final long quote = price / 10_000 * quantity / 10_000;
        quoteVolume += quote;
        if (!buyerIsMaker)
        {
            takerBuyVolume += quantity;
            takerBuyQuoteVolume += quote;
        }
        lastTradeId = tradeId;
        trades++;
        candleChanged = true;
    }

    /** Pushes the open candle if it changed and the push interval has passed. */
    void pushIfDue(
        final long nowMs, final long pushIntervalMs, final JsonWriter writer, final MutableDirectBuffer payload)
    {
        if (candleChanged && nowMs - lastPushMs >= pushIntervalMs)
        {
            pushKline(false, nowMs, writer, payload);
        }
    }

    private void pushKline(
        final boolean closed, final long nowMs, final JsonWriter writer, final MutableDirectBuffer payload)
    {
        final int exponent = GroundTruthBook.EXPONENT;
        writer.wrap(payload, 0).beginObject()
            .field("e", "kline").field("E", nowMs).field("s", venueSymbol);
        writer.field("k", "");
        // "k" was written as an empty string to get the name and colon; replace the two quotes with the object.
        final int objectStart = writer.position() - 2;
        writer.wrap(payload, objectStart).beginObject()
            .field("t", candleOpenTime).field("T", candleOpenTime + klineMillis - 1).field("s", venueSymbol)
            .field("i", klineInterval).field("f", firstTradeId).field("L", lastTradeId)
            .decimalField("o", open, exponent).decimalField("c", close, exponent)
            .decimalField("h", high, exponent).decimalField("l", low, exponent)
            .decimalField("v", volume, exponent).field("n", trades).field("x", closed)
            .decimalField("q", quoteVolume, exponent).decimalField("V", takerBuyVolume, exponent)
            .decimalField("Q", takerBuyQuoteVolume, exponent).field("B", "0")
            .endObject().endObject();
        send(payload, writer.position(), candleOpenTime, candleOpenTime);
        candleChanged = false;
        lastPushMs = nowMs;
    }
}
