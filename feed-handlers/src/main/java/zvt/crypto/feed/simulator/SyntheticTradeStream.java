package zvt.crypto.feed.simulator;

import org.agrona.MutableDirectBuffer;
import zvt.crypto.core.json.JsonWriter;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * One symbol's synthetic {@code @trade} stream: a random walk of one tick at a time, sizes of one to a few thousand
 * lots, a random aggressor, and trade ids that increase by one. The sequence of ids, prices, sizes and sides depends
 * only on the seed and the symbol, whatever the timing or the other symbols. Used on the simulator's event loop only.
 */
final class SyntheticTradeStream
{
    private static final int MAX_SIZE_DOUBLINGS = 12;

    private final String name;
    private final byte[] nameBytes;
    private final String venueSymbol;
    private final long tickMantissa;
    private final long lotMantissa;
    private final SplittableRandom random;
    private final List<SimulatorSession> subscribers = new ArrayList<>();
    private long priceTicks;
    private long nextTradeId;

    SyntheticTradeStream(final SimulatedInstrument instrument, final long seed)
    {
        venueSymbol = instrument.venueSymbol();
        name = venueSymbol.toLowerCase(Locale.ROOT) + "@trade";
        nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        tickMantissa = instrument.tickMantissa();
        lotMantissa = instrument.lotMantissa();
        priceTicks = instrument.startTicks();
        random = new SplittableRandom(seed ^ (venueSymbol.hashCode() * 0x9E3779B97F4A7C15L));
        nextTradeId = 1_000_000 + random.nextLong(9_000_000);
    }

    String name()
    {
        return name;
    }

    byte[] nameBytes()
    {
        return nameBytes;
    }

    List<SimulatorSession> subscribers()
    {
        return subscribers;
    }

    /**
     * Moves the market by one trade and writes its {@code @trade} payload.
     *
     * @return the payload length written at {@code buffer[0]}.
     */
    int nextTrade(final JsonWriter writer, final MutableDirectBuffer buffer, final long nowMs)
    {
        final int step = random.nextInt(4);
        priceTicks = Math.max(1, priceTicks + (step == 0 ? -1 : step == 3 ? 1 : 0));
        final long lots = 1 + random.nextLong(1L << random.nextInt(MAX_SIZE_DOUBLINGS));
        final boolean buyerIsMaker = random.nextBoolean();
        final long tradeTimeMs = nowMs - random.nextInt(2);

        writer.wrap(buffer, 0)
            .beginObject()
            .field("e", "trade")
            .field("E", nowMs)
            .field("s", venueSymbol)
            .field("t", nextTradeId++)
            .decimalField("p", priceTicks * tickMantissa, -SimulatedInstrument.DECIMALS)
            .decimalField("q", lots * lotMantissa, -SimulatedInstrument.DECIMALS)
            .field("T", tradeTimeMs)
            .field("m", buyerIsMaker)
            .field("M", true)
            .endObject();
        return writer.position();
    }
}
