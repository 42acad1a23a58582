package zvt.crypto.feed.binance;

import zvt.crypto.core.codec.CandleInterval;

/** Binance kline interval names ↔ {@link CandleInterval}. Stateless. */
public final class BinanceIntervals
{
    private BinanceIntervals()
    {
    }

    /** @return the interval spelled {@code <count><unit>} (e.g. 15 'm'), or null if Binance has no such interval. */
    public static CandleInterval of(final long count, final byte unit)
    {
        return switch (unit)
        {
            case 's' -> count == 1 ? CandleInterval.S1 : null;
            case 'm' -> count == 1 ? CandleInterval.M1 : count == 3 ? CandleInterval.M3 : count == 5 ?
                CandleInterval.M5 : count == 15 ? CandleInterval.M15 : count == 30 ? CandleInterval.M30 : null;
            case 'h' -> count == 1 ? CandleInterval.H1 : count == 2 ? CandleInterval.H2 : count == 4 ?
                CandleInterval.H4 : count == 6 ? CandleInterval.H6 : count == 8 ? CandleInterval.H8 : count == 12 ?
                CandleInterval.H12 : null;
            case 'd' -> count == 1 ? CandleInterval.D1 : count == 3 ? CandleInterval.D3 : null;
            case 'w' -> count == 1 ? CandleInterval.W1 : null;
            case 'M' -> count == 1 ? CandleInterval.MN1 : null;
            default -> null;
        };
    }

    /** {@code "15m"} → M15; null if unknown. For configuration, not the hot path. */
    public static CandleInterval of(final String name)
    {
        if (name == null || name.length() < 2)
        {
            return null;
        }
        final String digits = name.substring(0, name.length() - 1);
        if (!digits.matches("[0-9]{1,2}"))
        {
            return null;
        }
        return of(Long.parseLong(digits), (byte)name.charAt(name.length() - 1));
    }
}
