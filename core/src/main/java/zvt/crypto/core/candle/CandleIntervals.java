package zvt.crypto.core.candle;

import zvt.crypto.core.codec.CandleInterval;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Interval arithmetic on event time: the length of each fixed-length {@link CandleInterval} and the start of the
 * bucket a time falls in. Buckets are aligned to the Unix epoch (UTC), weeks to Mondays as the venues do; calendar
 * months have no fixed length and are not supported. Stateless and thread-safe.
 */
public final class CandleIntervals
{
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);
    private static final long HOUR = TimeUnit.HOURS.toNanos(1);
    private static final long DAY = TimeUnit.DAYS.toNanos(1);
    /** 1970-01-01 was a Thursday; the first Monday was four days later. */
    private static final long FIRST_MONDAY = 4 * DAY;

    private CandleIntervals()
    {
    }

    /** @return the interval's length in nanoseconds. */
    public static long nanos(final CandleInterval interval)
    {
        return switch (interval)
        {
            case S1 -> TimeUnit.SECONDS.toNanos(1);
            case M1 -> MINUTE;
            case M3 -> 3 * MINUTE;
            case M5 -> 5 * MINUTE;
            case M15 -> 15 * MINUTE;
            case M30 -> 30 * MINUTE;
            case H1 -> HOUR;
            case H2 -> 2 * HOUR;
            case H4 -> 4 * HOUR;
            case H6 -> 6 * HOUR;
            case H8 -> 8 * HOUR;
            case H12 -> 12 * HOUR;
            case D1 -> DAY;
            case D3 -> 3 * DAY;
            case W1 -> 7 * DAY;
            default -> throw new IllegalArgumentException("no fixed length: " + interval);
        };
    }

    public static long millis(final CandleInterval interval)
    {
        return TimeUnit.NANOSECONDS.toMillis(nanos(interval));
    }

    /** @return the start of the bucket of {@code interval} that contains {@code timeNanos}. */
    public static long bucketStart(final long timeNanos, final CandleInterval interval)
    {
        final long length = nanos(interval);
        final long origin = interval == CandleInterval.W1 ? FIRST_MONDAY : 0;
        return Math.floorDiv(timeNanos - origin, length) * length + origin;
    }

    /** True when every bucket of {@code coarse} is a whole number of buckets of {@code fine}. */
    public static boolean divides(final CandleInterval fine, final CandleInterval coarse)
    {
        final long fineNanos = nanos(fine);
        final long coarseNanos = nanos(coarse);
        final long origin = coarse == CandleInterval.W1 ? FIRST_MONDAY : 0;
        return coarseNanos % fineNanos == 0 && origin % fineNanos == 0;
    }

    /**
     * Parses the short names used on the command line and in config: {@code 1s 1m 3m 5m 15m 30m 1h 2h 4h 6h 8h 12h
     * 1d 3d 1w} (case-insensitive), or an enum name such as {@code M1}.
     */
    public static CandleInterval parse(final String text)
    {
        final String value = text.trim().toLowerCase(Locale.ROOT);
        return switch (value)
        {
            case "1s" -> CandleInterval.S1;
            case "1m" -> CandleInterval.M1;
            case "3m" -> CandleInterval.M3;
            case "5m" -> CandleInterval.M5;
            case "15m" -> CandleInterval.M15;
            case "30m" -> CandleInterval.M30;
            case "1h" -> CandleInterval.H1;
            case "2h" -> CandleInterval.H2;
            case "4h" -> CandleInterval.H4;
            case "6h" -> CandleInterval.H6;
            case "8h" -> CandleInterval.H8;
            case "12h" -> CandleInterval.H12;
            case "1d" -> CandleInterval.D1;
            case "3d" -> CandleInterval.D3;
            case "1w" -> CandleInterval.W1;
            default -> CandleInterval.valueOf(text.trim().toUpperCase(Locale.ROOT));
        };
    }

    /** The short name {@link #parse} reads, e.g. {@code 15m}. */
    public static String shortName(final CandleInterval interval)
    {
        final String name = interval.name();
        return name.substring(1) + Character.toLowerCase(name.charAt(0));
    }
}
