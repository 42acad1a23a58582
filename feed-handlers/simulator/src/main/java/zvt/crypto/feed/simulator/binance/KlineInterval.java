package zvt.crypto.feed.simulator.binance;

/**
 * Binance kline interval names and their lengths. Buckets are aligned to the epoch (UTC); {@code 1w} and {@code 1M}
 * are approximated as 7 and 30 days, which is enough for a simulated market. Stateless.
 */
public final class KlineInterval
{
    private static final long SECOND = 1_000;
    private static final long MINUTE = 60 * SECOND;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    private KlineInterval()
    {
    }

    /** @return the interval's length in milliseconds, or 0 if Binance has no such interval. */
    public static long millisOrZero(final String interval)
    {
        return switch (interval)
        {
            case "1s" -> SECOND;
            case "1m" -> MINUTE;
            case "3m" -> 3 * MINUTE;
            case "5m" -> 5 * MINUTE;
            case "15m" -> 15 * MINUTE;
            case "30m" -> 30 * MINUTE;
            case "1h" -> HOUR;
            case "2h" -> 2 * HOUR;
            case "4h" -> 4 * HOUR;
            case "6h" -> 6 * HOUR;
            case "8h" -> 8 * HOUR;
            case "12h" -> 12 * HOUR;
            case "1d" -> DAY;
            case "3d" -> 3 * DAY;
            case "1w" -> 7 * DAY;
            case "1M" -> 30 * DAY;
            default -> 0;
        };
    }
}
