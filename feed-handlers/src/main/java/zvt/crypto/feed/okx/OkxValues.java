package zvt.crypto.feed.okx;

import org.agrona.DirectBuffer;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.decimal.DecimalError;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.feed.publish.VenueIds;

/**
 * Reads of the values in one OKX frame's {@code data}, shared by the channel readers: decimals, millisecond times and
 * ids. A bad value is not thrown: the first problem of the frame is kept ({@link #error()}) and the frame is rejected
 * with it once read. Not thread-safe: one per payload.
 */
final class OkxValues
{
    private static final long MAX_TIME_MS = Long.MAX_VALUE / OkxPayload.NANOS_PER_MILLI;

    private DirectBuffer buffer;
    private OkxDecodeError error;

    void reset(final DirectBuffer buffer)
    {
        this.buffer = buffer;
        error = null;
    }

    /** The first problem found in the frame's data, or null. */
    OkxDecodeError error()
    {
        return error;
    }

    void error(final OkxDecodeError error)
    {
        if (this.error == null)
        {
            this.error = error;
        }
    }

    /** @return true if the value is a non-negative decimal read into {@code result}; else records {@code bad}. */
    boolean decimal(final JsonCursor c, final int token, final MutableDecimal result, final OkxDecodeError bad)
    {
        if ((token == JsonCursor.STRING || token == JsonCursor.NUMBER) && parseDecimal(c, result))
        {
            return true;
        }
        error(bad);
        return false;
    }

    /** As {@link #decimal}, but the empty string (a side with no order, e.g. an illiquid option) reads as 0. */
    void optionalDecimal(final JsonCursor c, final int token, final MutableDecimal result, final OkxDecodeError bad)
    {
        if (token == JsonCursor.STRING && c.tokenLength() == 0)
        {
            result.set(0, 0);
            return;
        }
        decimal(c, token, result, bad);
    }

    /** @return true if the token is a non-negative decimal, read into {@code result}; records nothing. */
    boolean parseDecimal(final JsonCursor c, final MutableDecimal result)
    {
        return AsciiDecimal.parse(buffer, c.tokenOffset(), c.tokenLength(), result) == DecimalError.NONE &&
            result.mantissa() >= 0;
    }

    /** @return a millisecond time (string or number) as nanos, or {@link OkxPayload#NONE} after recording it. */
    long millis(final JsonCursor c, final int token)
    {
        final long ms = token == JsonCursor.STRING || token == JsonCursor.NUMBER ?
            digits(c.tokenOffset(), c.tokenLength()) : VenueIds.INVALID;
        if (ms == VenueIds.INVALID || ms > MAX_TIME_MS)
        {
            error(OkxDecodeError.BAD_TIME);
            return OkxPayload.NONE;
        }
        return ms * OkxPayload.NANOS_PER_MILLI;
    }

    /** An id or time as plain ASCII digits (exact up to 19), {@link VenueIds#INVALID} for anything else. */
    long digits(final int offset, final int length)
    {
        return VenueIds.parse(buffer, offset, length);
    }

    static boolean isContainer(final int token)
    {
        return token == JsonCursor.BEGIN_OBJECT || token == JsonCursor.BEGIN_ARRAY;
    }

    static boolean isValue(final int token)
    {
        return token == JsonCursor.BEGIN_OBJECT || token == JsonCursor.BEGIN_ARRAY || token >= JsonCursor.STRING;
    }
}
