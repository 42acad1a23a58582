package zvt.crypto.feed.bybit;

import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.decimal.DecimalError;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.json.JsonCursor;

/** Reads of the value a {@link JsonCursor} has just returned, shared by the Bybit readers. Stateless. */
final class BybitJson
{
    private BybitJson()
    {
    }

    /** @return true if the value is a non-negative decimal (string or number) of at most 18 digits, read into out. */
    static boolean decimal(final JsonCursor cursor, final int token, final MutableDecimal out)
    {
        return (token == JsonCursor.STRING || token == JsonCursor.NUMBER) &&
            AsciiDecimal.parse(cursor.buffer(), cursor.tokenOffset(), cursor.tokenLength(), out) == DecimalError.NONE &&
            out.mantissa() >= 0;
    }

    /** @return the millisecond value (number, or digits in a string) as epoch nanos, or -1. */
    static long millisAsNanos(final JsonCursor cursor, final int token)
    {
        return token == JsonCursor.NUMBER || token == JsonCursor.STRING ?
            BybitEnvelope.millisAsNanos(cursor.buffer(), cursor.tokenOffset(), cursor.tokenLength()) : -1;
    }

    /** True if the field name just read is the one letter {@code name}. */
    static boolean isName(final JsonCursor cursor, final char name)
    {
        return cursor.tokenIs(name);
    }
}
