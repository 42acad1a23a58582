package zvt.crypto.feed.bybit;

import org.agrona.DirectBuffer;
import zvt.crypto.core.codec.CandleInterval;

/**
 * Bybit kline intervals ({@code 1 3 5 15 30 60 120 240 360 720 D W M}) ↔ {@link CandleInterval}. Stateless.
 */
public final class BybitIntervals
{
    private static final String[] NAMES = {"1", "3", "5", "15", "30", "60", "120", "240", "360", "720", "D", "W", "M"};
    private static final CandleInterval[] INTERVALS = {
        CandleInterval.M1, CandleInterval.M3, CandleInterval.M5, CandleInterval.M15, CandleInterval.M30,
        CandleInterval.H1, CandleInterval.H2, CandleInterval.H4, CandleInterval.H6, CandleInterval.H12,
        CandleInterval.D1, CandleInterval.W1, CandleInterval.MN1};

    private BybitIntervals()
    {
    }

    /** @return the interval spelled by the bytes, or null if Bybit has no such interval. Allocation-free. */
    public static CandleInterval of(final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < NAMES.length; i++)
        {
            final String name = NAMES[i];
            if (name.length() == length && matches(buffer, offset, name))
            {
                return INTERVALS[i];
            }
        }
        return null;
    }

    /** @return the interval named (e.g. {@code "60"} → H1), or null. For configuration. */
    public static CandleInterval of(final String name)
    {
        for (int i = 0; i < NAMES.length; i++)
        {
            if (NAMES[i].equals(name))
            {
                return INTERVALS[i];
            }
        }
        return null;
    }

    /** The interval names, in Bybit's order, for error messages. */
    public static String names()
    {
        return String.join(" ", NAMES);
    }

    private static boolean matches(final DirectBuffer buffer, final int offset, final String name)
    {
        for (int i = 0; i < name.length(); i++)
        {
            if (buffer.getByte(offset + i) != name.charAt(i))
            {
                return false;
            }
        }
        return true;
    }
}
