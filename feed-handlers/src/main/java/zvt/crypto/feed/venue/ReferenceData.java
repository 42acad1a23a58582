package zvt.crypto.feed.venue;

import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.json.JsonCursor;

/**
 * What every venue's reference-data reader (tick and lot sizes over REST, once at launch) needs from a JSON token
 * or a decimal. Off the hot path: Strings are fine here. Stateless.
 */
public final class ReferenceData
{
    private ReferenceData()
    {
    }

    /**
     * Removes trailing zeros of the mantissa in place, so a tick of {@code "0.010"} becomes 1 at exponent -2.
     *
     * @return the resulting exponent (0 for zero): the instrument's price or size exponent.
     */
    public static int stripped(final MutableDecimal value)
    {
        long mantissa = value.mantissa();
        int exponent = value.exponent();
        if (mantissa == 0)
        {
            value.set(0, 0);
            return 0;
        }
        while (mantissa % 10 == 0)
        {
            mantissa /= 10;
            exponent++;
        }
        value.set(mantissa, exponent);
        return exponent;
    }

    /** The cursor's current token as ASCII text. */
    public static String text(final JsonCursor cursor)
    {
        return cursor.buffer().getStringWithoutLengthAscii(cursor.tokenOffset(), cursor.tokenLength());
    }
}
