package zvt.crypto.feed.simulator;

import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One stream of one symbol, as the venue names it ({@code btcusdt@depth@100ms}, {@code books:BTC-USDT}), and the
 * connections subscribed to it. A kline stream also keeps its {@link CandleBar} and pushes it through the venue's
 * encoder at most once per push interval, and once more when the candle closes. Used on the simulator's event loop
 * only.
 */
public final class MarketStream implements WireSink
{
    private final String name;
    private final byte[] nameBytes;
    private final StreamRef ref;
    private final CandleBar candle;
    private final List<SimulatorSession> sessions = new ArrayList<>();

    MarketStream(final String name, final StreamRef ref)
    {
        this.name = name;
        this.nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        this.ref = ref;
        this.candle = ref.kind() == StreamKind.KLINE ? new CandleBar(ref.intervalMs()) : null;
    }

    public String name()
    {
        return name;
    }

    byte[] nameBytes()
    {
        return nameBytes;
    }

    public StreamRef ref()
    {
        return ref;
    }

    public StreamKind kind()
    {
        return ref.kind();
    }

    public String venueSymbol()
    {
        return ref.venueSymbol();
    }

    List<SimulatorSession> sessions()
    {
        return sessions;
    }

    public boolean wants(final StreamKind kind, final int variant)
    {
        return !sessions.isEmpty();
    }

    /** Sends to every subscribed connection. */
    public void emit(
        final StreamKind kind, final int variant, final DirectBuffer payload, final int length, final int spliceAt,
        final long first, final long last)
    {
        for (int i = 0; i < sessions.size(); i++)
        {
            sessions.get(i).send(kind, nameBytes, ref.venueSymbol(), this, payload, length, spliceAt, first, last);
        }
    }

    /** Adds a trade to the candle (kline streams only); a trade in a later bucket first closes the current candle. */
    void onTrade(
        final long price, final long quantity, final long timeMs, final long tradeId, final boolean buyerIsMaker,
        final WireEncoder encoder)
    {
        if (candle.rollsOver(timeMs))
        {
            push(true, timeMs, encoder);
        }
        candle.add(price, quantity, timeMs, tradeId, buyerIsMaker);
    }

    /** Pushes the open candle if it changed and the push interval has passed. */
    void pushIfDue(final long nowMs, final long pushIntervalMs, final WireEncoder encoder)
    {
        if (candle.dueForPush(nowMs, pushIntervalMs))
        {
            push(false, nowMs, encoder);
        }
    }

    private void push(final boolean closed, final long nowMs, final WireEncoder encoder)
    {
        encoder.onCandle(this, candle, closed, nowMs, this);
        candle.pushed(nowMs);
    }
}
