package zvt.crypto.feed.publish;

import org.agrona.DirectBuffer;
import zvt.crypto.core.decimal.AsciiDigits;
import zvt.crypto.core.json.RangeBytes;

/**
 * Venue ids and sequence numbers as ASCII digits, read exactly: 1 to 19 plain digits up to {@link Long#MAX_VALUE}.
 * Anything else (a sign, a 20-digit or overflowing number, an empty field) is {@link #INVALID}, never an exception
 * and never a value a map could mistake for its missing value. Stateless.
 */
public final class VenueIds
{
    public static final long INVALID = -1;
    private static final int MAX_DIGITS = 19;

    private VenueIds()
    {
    }

    /** @return the non-negative integer spelled by the bytes, or {@link #INVALID}. */
    public static long parse(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= 0 || length > MAX_DIGITS)
        {
            return INVALID;
        }
        buffer.boundsCheck(offset, length);
        if (length <= AsciiDigits.MAX_DIGITS)
        {
            final long value = AsciiDigits.parse(buffer, offset, length);
            return value == AsciiDigits.NOT_DIGITS ? INVALID : value;
        }
        // Only a 19th digit can overflow.
        final long head = AsciiDigits.parse(buffer, offset, AsciiDigits.MAX_DIGITS);
        final int digit = RangeBytes.get(buffer, offset + AsciiDigits.MAX_DIGITS) - '0';
        if (head == AsciiDigits.NOT_DIGITS || digit < 0 || digit > 9 || head > (Long.MAX_VALUE - digit) / 10)
        {
            return INVALID;
        }
        return head * 10 + digit;
    }
}
