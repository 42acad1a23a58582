package zvt.crypto.feed.publish;

import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;
import zvt.crypto.core.decimal.MutableDecimal;

import java.nio.ByteOrder;

/**
 * Drops what two overlapping connections of one feed both deliver (a session is replaced with an overlap, so
 * nothing is missed at the switch). Per instrument:
 * <ul>
 *     <li>trades with a numeric id: not above the last id published (every venue numbers a symbol's trades in
 *     ascending order); with another id (Bybit linear: a UUID), seen among at least the last {@link #RECENT_IDS}
 *     ids;</li>
 *     <li>quotes: a venue sequence not above the last one, unless the venue restarted its numbering; without one,
 *     an exchange time before the last one, or the same time with the same prices and sizes;</li>
 *     <li>candles, per interval: an open time before the last one, or the same open time with an event time not
 *     after the last one (without event time: the same values as the last update).</li>
 * </ul>
 * Allocation-free once an instrument has been seen. Not thread-safe: the feed's event loop only.
 */
final class DuplicateFilter
{
    /** Ids remembered per instrument for venues whose trade ids are not ordered numbers. */
    static final int RECENT_IDS = 1024;
    private static final long NONE = Long.MIN_VALUE;

    private final Long2LongHashMap lastTradeId = new Long2LongHashMap(NONE);
    private final Int2ObjectHashMap<RecentIds> recentTradeIds = new Int2ObjectHashMap<>();
    private final Long2LongHashMap lastTopKey = new Long2LongHashMap(NONE);
    private final Long2LongHashMap lastTopValues = new Long2LongHashMap(NONE);
    private final Long2LongHashMap lastCandleOpen = new Long2LongHashMap(NONE);
    private final Long2LongHashMap lastCandleVersion = new Long2LongHashMap(NONE);

    /** @return true if the trade was published before; otherwise remembers it. */
    boolean isDuplicateTrade(final TradeFields trade)
    {
        final int instrumentId = trade.instrumentId();
        final long id = trade.numericId();
        if (id != VenueIds.INVALID)
        {
            if (id <= lastTradeId.get(instrumentId))
            {
                return true;
            }
            lastTradeId.put(instrumentId, id);
            return false;
        }
        RecentIds recent = recentTradeIds.get(instrumentId);
        if (recent == null)
        {
            recent = new RecentIds(RECENT_IDS);
            recentTradeIds.put(instrumentId, recent);
        }
        return !recent.add(hash(trade.idBuffer(), trade.idOffset(), trade.idLength()));
    }

    boolean isDuplicateTop(final TopFields top)
    {
        final long key = top.sequence() != TopFields.NO_SEQUENCE ? top.sequence() : top.exchangeTimeNanos();
        final long values = valuesHash(top.bidPrice(), top.bidSize(), top.askPrice(), top.askSize());
        final long lastKey = lastTopKey.get(top.instrumentId());
        if (!top.sequenceRestarted() && (key < lastKey || key == lastKey &&
            (top.sequence() != TopFields.NO_SEQUENCE || values == lastTopValues.get(top.instrumentId()))))
        {
            return true;
        }
        lastTopKey.put(top.instrumentId(), key);
        lastTopValues.put(top.instrumentId(), values);
        return false;
    }

    boolean isDuplicateCandle(final CandleFields candle)
    {
        final long stream = ((long)candle.instrumentId() << 8) | candle.interval().value();
        final long version = candle.exchangeTimeNanos() != 0 ? candle.exchangeTimeNanos() :
            valuesHash(candle.close(), candle.high(), candle.low(), candle.volume()) ^ (candle.closed() ? 1 : 0);
        final long lastOpen = lastCandleOpen.get(stream);
        if (candle.openTimeNanos() < lastOpen || candle.openTimeNanos() == lastOpen && (candle.exchangeTimeNanos() != 0 ?
            version <= lastCandleVersion.get(stream) : version == lastCandleVersion.get(stream)))
        {
            return true;
        }
        lastCandleOpen.put(stream, candle.openTimeNanos());
        lastCandleVersion.put(stream, version);
        return false;
    }

    private static long valuesHash(
        final MutableDecimal a, final MutableDecimal b, final MutableDecimal c, final MutableDecimal d)
    {
        long h = 1;
        h = mix(h, a.mantissa(), a.exponent());
        h = mix(h, b.mantissa(), b.exponent());
        h = mix(h, c.mantissa(), c.exponent());
        h = mix(h, d.mantissa(), d.exponent());
        return h == NONE ? NONE + 1 : h;
    }

    private static long mix(final long h, final long mantissa, final int exponent)
    {
        return (h * 0x9E3779B97F4A7C15L) ^ (mantissa * 31 + exponent);
    }

    /**
     * A 64-bit hash of the id's bytes, eight at a time (a UUID is five multiplies, not 36); two different ids of one
     * instrument colliding is negligible.
     */
    private static long hash(final DirectBuffer buffer, final int offset, final int length)
    {
        long h = 0xcbf29ce484222325L ^ length;
        int i = offset;
        for (final int end = offset + length - Long.BYTES; i <= end; i += Long.BYTES)
        {
            h = Long.rotateLeft((h ^ buffer.getLong(i, ByteOrder.LITTLE_ENDIAN)) * 0x9E3779B97F4A7C15L, 29);
        }
        for (; i < offset + length; i++)
        {
            h = (h ^ (buffer.getByte(i) & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    /**
     * At least the last {@code capacity} hashes added (up to twice that): two generations of sets, the older
     * dropped whole when the newer fills. Cheaper per id than evicting one hash per add from a single set.
     */
    private static final class RecentIds
    {
        private final int capacity;
        private LongHashSet current;
        private LongHashSet previous;

        RecentIds(final int capacity)
        {
            this.capacity = capacity;
            current = new LongHashSet(capacity * 2);
            previous = new LongHashSet(capacity * 2);
        }

        /** @return false if the hash is among the recent ones. */
        boolean add(final long hash)
        {
            if (current.contains(hash) || previous.contains(hash))
            {
                return false;
            }
            if (current.size() == capacity)
            {
                final LongHashSet dropped = previous;
                previous = current;
                current = dropped;
                current.clear();
            }
            current.add(hash);
            return true;
        }
    }
}
