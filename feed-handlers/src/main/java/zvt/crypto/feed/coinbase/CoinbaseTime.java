package zvt.crypto.feed.coinbase;

import org.agrona.DirectBuffer;
import zvt.crypto.core.json.RangeBytes;

/**
 * Coinbase times → epoch nanoseconds, read straight from the frame's bytes with no allocation:
 * <ul>
 *     <li>RFC 3339 UTC times: {@code 2026-08-09T21:05:48.229198328Z} (envelope {@code timestamp}, nanoseconds) and
 *     {@code 2026-08-09T21:05:42.514318Z} (trade {@code time}, level {@code event_time}: microseconds, trailing zeros
 *     dropped, so 0 to 9 fraction digits); a numeric offset ({@code +01:00}) is accepted and applied;</li>
 *     <li>candle {@code start}: UNIX seconds as a decimal string.</li>
 * </ul>
 * Anything else, or a time outside 1970-01-01 .. 2262-04-11 (what epoch nanos hold in a {@code long}), is
 * {@link #INVALID}. Stateless.
 */
final class CoinbaseTime
{
    static final long INVALID = -1;
    static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final long MAX_SECONDS = Long.MAX_VALUE / NANOS_PER_SECOND;
    private static final long MAX_FRACTION = Long.MAX_VALUE % NANOS_PER_SECOND;
    private static final int MIN_LENGTH = "2026-08-09T21:05:48Z".length();
    private static final int MAX_FRACTION_DIGITS = 9;
    private static final int[] POWERS = {
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

    private CoinbaseTime()
    {
    }

    /** @return the RFC 3339 time at {@code offset} as epoch nanos, or {@link #INVALID}. */
    static long rfc3339Nanos(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MIN_LENGTH)
        {
            return INVALID;
        }
        buffer.boundsCheck(offset, length); // every read below stays inside this range
        if (RangeBytes.get(buffer, offset + 4) != '-' || RangeBytes.get(buffer, offset + 7) != '-' ||
            (RangeBytes.get(buffer, offset + 10) | 0x20) != 't' || RangeBytes.get(buffer, offset + 13) != ':' ||
            RangeBytes.get(buffer, offset + 16) != ':')
        {
            return INVALID;
        }
        final int year = digits(buffer, offset, 4);
        final int month = digits(buffer, offset + 5, 2);
        final int day = digits(buffer, offset + 8, 2);
        final int hour = digits(buffer, offset + 11, 2);
        final int minute = digits(buffer, offset + 14, 2);
        final int second = digits(buffer, offset + 17, 2);
        if (year < 1970 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) ||
            (hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59)
        {
            return INVALID; // digits() is -1 for a non-digit
        }
        final int end = offset + length;
        int i = offset + 19;
        int fraction = 0;
        if (i < end && RangeBytes.get(buffer, i) == '.')
        {
            i++;
            final int start = i;
            while (i < end && RangeBytes.get(buffer, i) >= '0' && RangeBytes.get(buffer, i) <= '9')
            {
                if (i - start == MAX_FRACTION_DIGITS)
                {
                    return INVALID;
                }
                fraction = fraction * 10 + RangeBytes.get(buffer, i) - '0';
                i++;
            }
            if (i == start)
            {
                return INVALID;
            }
            fraction *= POWERS[MAX_FRACTION_DIGITS - (i - start)];
        }
        final int zoneSeconds = zoneSeconds(buffer, i, end - i);
        if (zoneSeconds == Integer.MIN_VALUE)
        {
            return INVALID;
        }
        final long seconds = daysSinceEpoch(year, month, day) * 86_400L + hour * 3_600L + minute * 60L + second -
            zoneSeconds;
        if (seconds < 0 || seconds > MAX_SECONDS || seconds == MAX_SECONDS && fraction > MAX_FRACTION)
        {
            return INVALID;
        }
        return seconds * NANOS_PER_SECOND + fraction;
    }

    /** @return UNIX seconds spelled by the bytes (1 to 19 plain digits) as epoch nanos, or {@link #INVALID}. */
    static long secondsAsNanos(final DirectBuffer buffer, final int offset, final int length)
    {
        final long seconds = zvt.crypto.feed.publish.VenueIds.parse(buffer, offset, length);
        return seconds < 0 || seconds > MAX_SECONDS ? INVALID : seconds * NANOS_PER_SECOND;
    }

    /** {@code Z} → 0, {@code ±HH:MM} → its seconds east of UTC, anything else → {@link Integer#MIN_VALUE}. */
    private static int zoneSeconds(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length == 1 && (RangeBytes.get(buffer, offset) | 0x20) == 'z')
        {
            return 0;
        }
        if (length != 6 || RangeBytes.get(buffer, offset + 3) != ':')
        {
            return Integer.MIN_VALUE;
        }
        final byte sign = RangeBytes.get(buffer, offset);
        final int hours = digits(buffer, offset + 1, 2);
        final int minutes = digits(buffer, offset + 4, 2);
        if ((sign != '+' && sign != '-') || hours < 0 || hours > 23 || minutes < 0 || minutes > 59)
        {
            return Integer.MIN_VALUE;
        }
        final int seconds = hours * 3_600 + minutes * 60;
        return sign == '+' ? seconds : -seconds;
    }

    /** @return the value of {@code count} ASCII digits, or -1 if one is not a digit. */
    private static int digits(final DirectBuffer buffer, final int offset, final int count)
    {
        int value = 0;
        for (int i = offset; i < offset + count; i++)
        {
            final int digit = RangeBytes.get(buffer, i) - '0';
            if (digit < 0 || digit > 9)
            {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static int daysInMonth(final int year, final int month)
    {
        return switch (month)
        {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days from 1970-01-01 to a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    private static long daysSinceEpoch(final int year, final int month, final int day)
    {
        final int y = month <= 2 ? year - 1 : year;
        final int era = y / 400;
        final int yearOfEra = y - era * 400;
        final int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        final int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
    }
}
