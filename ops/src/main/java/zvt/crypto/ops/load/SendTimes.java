package zvt.crypto.ops.load;

import io.netty.buffer.ByteBuf;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.EpochNanoClock;
import zvt.crypto.feed.simulator.TradeSends;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * When each trade left its simulator (the moment its tick starts writing its frames), on the harness's clock, so the
 * subscribers can time the whole path from the venue's send ({@code send_to_receive}, {@code send_to_subscriber}),
 * finer than the venues' millisecond trade times.
 * Each (venue, symbol) keeps the latest {@link #SLOTS} trades by trade id (ids are consecutive per symbol), far more
 * than are ever in flight.
 * <p>
 * Symbols are matched by their letters and digits, upper-cased, after any market prefix ({@code BTC-USDT}, {@code
 * btcusdt} and Bybit's {@code SPOT:BTCUSDT} are one symbol), which holds for the spot symbols the harness subscribes
 * to on every venue.
 * <p>
 * Threading: written by the simulators' event loops (each keeps its unsent trades apart), read by the subscribers'
 * loop; a slot being rewritten reads as unknown, never as another trade's time.
 */
final class SendTimes implements TradeSends
{
    static final long UNKNOWN = -1;
    private static final long SEED = 17;
    private static final int SLOTS = 1 << 16;
    private static final int MASK = SLOTS - 1;

    private final EpochNanoClock clock;
    private final Long2ObjectHashMap<AtomicLongArray> bySymbol = new Long2ObjectHashMap<>();
    /** Trades generated and not yet sent, per simulator thread. */
    private final ThreadLocal<Pending> pending = ThreadLocal.withInitial(Pending::new);

    /** @param symbolsByVenue the symbols whose trades are timed, by venue name (any case). */
    SendTimes(final EpochNanoClock clock, final Map<String, List<String>> symbolsByVenue)
    {
        this.clock = clock;
        symbolsByVenue.forEach((venue, symbols) -> symbols.forEach(
            symbol -> bySymbol.put(key(venue, symbol), new AtomicLongArray(2 * SLOTS))));
    }

    public void onTrade(final String venue, final String venueSymbol, final long tradeId)
    {
        final AtomicLongArray slots = bySymbol.get(key(venue, venueSymbol));
        if (slots != null)
        {
            pending.get().add(slots, tradeId);
        }
    }

    public void onSend()
    {
        final Pending trades = pending.get();
        final long now = clock.nanoTime();
        for (int i = 0; i < trades.size; i++)
        {
            final AtomicLongArray slots = trades.slots[i];
            final long tradeId = trades.tradeIds[i];
            final int slot = 2 * (int)(tradeId & MASK);
            slots.setRelease(slot, UNKNOWN);
            slots.setRelease(slot + 1, now);
            slots.setRelease(slot, tradeId);
        }
        trades.clear();
    }

    /**
     * The send time of the trade a gateway message names, from its venue and symbol values and its trade id digits
     * (each given as an offset and length in {@code content}).
     *
     * @return epoch nanos, or {@link #UNKNOWN}.
     */
    long sentAt(final ByteBuf content, final int venueAt, final int venueLength, final int symbolAt,
        final int symbolLength, final long tradeId)
    {
        final AtomicLongArray slots =
            bySymbol.get(hash(content, symbolAt, symbolLength, hash(content, venueAt, venueLength, SEED) * 31));
        if (slots == null || tradeId < 0)
        {
            return UNKNOWN;
        }
        final int slot = 2 * (int)(tradeId & MASK);
        if (slots.getAcquire(slot) != tradeId)
        {
            return UNKNOWN;
        }
        final long nanos = slots.getAcquire(slot + 1);
        return slots.getAcquire(slot) == tradeId ? nanos : UNKNOWN;
    }

    private static long key(final String venue, final String symbol)
    {
        long hash = SEED;
        for (int i = 0; i < venue.length(); i++)
        {
            hash = mix(hash, venue.charAt(i));
        }
        hash *= 31;
        for (int i = symbol.lastIndexOf(':') + 1; i < symbol.length(); i++)
        {
            hash = mix(hash, symbol.charAt(i));
        }
        return hash;
    }

    private static long hash(final ByteBuf content, final int at, final int length, final long seed)
    {
        long hash = seed;
        for (int i = at; i < at + length; i++)
        {
            hash = mix(hash, (char)content.getByte(i));
        }
        return hash;
    }

    /** Letters (upper-cased) and digits count; separators do not. */
    private static long mix(final long hash, final char c)
    {
        if (c >= 'a' && c <= 'z')
        {
            return hash * 131 + (c - 32);
        }
        return c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ? hash * 131 + c : hash;
    }

    private static final class Pending
    {
        private AtomicLongArray[] slots = new AtomicLongArray[64];
        private long[] tradeIds = new long[64];
        private int size;

        void add(final AtomicLongArray symbolSlots, final long tradeId)
        {
            if (size == tradeIds.length)
            {
                slots = Arrays.copyOf(slots, 2 * size);
                tradeIds = Arrays.copyOf(tradeIds, 2 * size);
            }
            slots[size] = symbolSlots;
            tradeIds[size] = tradeId;
            size++;
        }

        void clear()
        {
            Arrays.fill(slots, 0, size, null);
            size = 0;
        }
    }
}
