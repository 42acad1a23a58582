package zvt.crypto.feed.rest;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a {@code Retry-After} header (RFC 9110 10.2.3): either delay-seconds ({@code "120"}) or an HTTP-date
 * ({@code "Wed, 21 Oct 2026 07:28:00 GMT"}). Stateless and thread-safe.
 */
public final class RetryAfter
{
    private RetryAfter()
    {
    }

    /**
     * @param value      the header value, may be null.
     * @param nowEpochMs current wall-clock time, used for the HTTP-date form.
     * @return the delay in milliseconds (0 for a date in the past), or -1 when absent or unreadable.
     */
    public static long parseMs(final String value, final long nowEpochMs)
    {
        if (value == null)
        {
            return -1;
        }
        final String trimmed = value.trim();
        if (trimmed.isEmpty())
        {
            return -1;
        }
        if (Character.isDigit(trimmed.charAt(0)))
        {
            long seconds = 0;
            for (int i = 0; i < trimmed.length(); i++)
            {
                final char c = trimmed.charAt(i);
                if (c < '0' || c > '9')
                {
                    return -1;
                }
                seconds = seconds * 10 + (c - '0');
                if (seconds > Integer.MAX_VALUE)
                {
                    return -1;
                }
            }
            return seconds * 1_000;
        }
        try
        {
            final long at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME)
                .toInstant()
                .toEpochMilli();
            return Math.max(0, at - nowEpochMs);
        }
        catch (final DateTimeParseException ex)
        {
            return -1;
        }
    }
}
