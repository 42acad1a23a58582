package zvt.crypto.journal;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.codec.MessageHeaderEncoder;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.codec.TradeEncoder;
import zvt.crypto.core.codec.Venue;

/**
 * A deterministic stream of Trade events: trade {@code i} is a pure function of {@code i}, so a test can rebuild
 * what it expects instead of keeping it. Encoded sizes run from 100 to 200 bytes (the venue trade id varies);
 * receive times advance 1 µs per trade with up to ~2 µs of jitter, so they are only nearly monotonic, as from
 * several producer threads.
 * <p>
 * Not thread-safe: one instance per thread (the static functions are safe anywhere).
 */
public final class SyntheticTrades
{
    /** 2026-01-01T00:00:00Z. */
    public static final long BASE_TIME_NANOS = 1_767_225_600_000_000_000L;
    public static final long SPACING_NANOS = 1_000;
    public static final long MAX_JITTER_NANOS = 2_047;
    public static final int INSTRUMENTS = 8;
    public static final int MIN_LENGTH = 100;
    public static final int MAX_LENGTH = 200;

    private static final Venue[] VENUES = {Venue.BINANCE, Venue.OKX, Venue.BYBIT, Venue.COINBASE};
    private static final int FIXED_LENGTH = MessageHeaderEncoder.ENCODED_LENGTH + TradeEncoder.BLOCK_LENGTH + 1;

    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final UnsafeBuffer tradeId = new UnsafeBuffer(new byte[MAX_LENGTH]);

    public static long receiveTimeNanos(final long i)
    {
        return BASE_TIME_NANOS + i * SPACING_NANOS + (mix(i) & MAX_JITTER_NANOS);
    }

    public static int instrumentId(final long i)
    {
        return 1 + (int)((mix(i) >>> 12) % INSTRUMENTS);
    }

    public static Venue venue(final long i)
    {
        return VENUES[(int)((mix(i) >>> 20) % VENUES.length)];
    }

    public static int length(final long i)
    {
        return MIN_LENGTH + (int)((mix(i) >>> 28) % (MAX_LENGTH - MIN_LENGTH + 1));
    }

    /** @return the encoded length of trade {@code i} at its own receive time. */
    public int encode(final long i, final MutableDirectBuffer buffer, final int offset)
    {
        return encode(i, receiveTimeNanos(i), buffer, offset);
    }

    /** @return the encoded length of trade {@code i} stamped with the given receive time. */
    public int encode(final long i, final long receiveTimeNanos, final MutableDirectBuffer buffer, final int offset)
    {
        final long mix = mix(i);
        final int idLength = length(i) - FIXED_LENGTH;
        final int digits = tradeId.putLongAscii(0, i);
        for (int k = digits; k < idLength; k++)
        {
            tradeId.putByte(k, (byte)('a' + (i + k) % 26));
        }
        trade.wrapAndApplyHeader(buffer, offset, header)
            .receiveTimeNanos(receiveTimeNanos)
            .exchangeTimeNanos(receiveTimeNanos - 1_000_000 - (mix & 0xFFFF))
            .instrumentId(instrumentId(i))
            .venue(venue(i))
            .aggressorSide((mix & 1) == 0 ? Side.BUY : Side.SELL);
        trade.price().mantissa(6_500_000 + (mix >>> 40) % 100_000).exponent((byte)-2);
        trade.size().mantissa(1 + (mix >>> 8) % 1_000_000).exponent((byte)-5);
        trade.putVenueTradeId(tradeId, 0, idLength);
        return MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength();
    }

    /** SplitMix64 finaliser: well-spread bits from a counter. */
    static long mix(final long i)
    {
        long z = i + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (z ^ (z >>> 31)) & Long.MAX_VALUE;
    }
}
