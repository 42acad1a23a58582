package zvt.crypto.persistence.writer;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.postgresql.copy.CopyIn;

import zvt.crypto.core.candle.DecimalSum;
import zvt.crypto.core.decimal.AsciiDecimal;

/**
 * Rows in PostgreSQL's COPY text format (tab-separated columns, newline-terminated rows, {@code \N} for null),
 * built in one growable byte array and reused batch after batch: appending a row allocates nothing once the array
 * has grown to the batch size. Text columns are escaped as COPY requires.
 * <p>
 * Not thread-safe: owned by the writer thread.
 */
public final class CopyRowBuffer implements CopyRows<CopyRowBuffer>
{
    private static final byte TAB = '\t';
    private static final byte NEWLINE = '\n';
    private static final byte BACKSLASH = '\\';
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final ExpandableArrayBuffer buffer;
    private int length;
    private int rows;
    private boolean rowStarted;

    public CopyRowBuffer(final int initialCapacity)
    {
        buffer = new ExpandableArrayBuffer(initialCapacity);
    }

    /** Appends a text column copied from pre-escaped bytes (instrument names, cached once). */
    public CopyRowBuffer raw(final byte[] escaped)
    {
        separator();
        buffer.putBytes(length, escaped);
        length += escaped.length;
        return this;
    }

    /** Appends a text column from ASCII bytes, escaping backslash, tab, newline and carriage return. */
    public CopyRowBuffer ascii(final DirectBuffer source, final int offset, final int sourceLength)
    {
        separator();
        for (int i = 0; i < sourceLength; i++)
        {
            final byte b = source.getByte(offset + i);
            if (b == BACKSLASH || b == TAB || b == NEWLINE || b == '\r')
            {
                buffer.putByte(length++, BACKSLASH);
                buffer.putByte(length++, b == TAB ? (byte)'t' : b == NEWLINE ? (byte)'n' : b == '\r' ? (byte)'r' : b);
            }
            else
            {
                buffer.putByte(length++, b);
            }
        }
        return this;
    }

    public CopyRowBuffer number(final long value)
    {
        separator();
        length += buffer.putLongAscii(length, value);
        return this;
    }

    /** Appends a text column made of one ASCII byte and a number, e.g. {@code j1234}. */
    public CopyRowBuffer prefixedNumber(final byte prefix, final long value)
    {
        separator();
        buffer.putByte(length++, prefix);
        length += buffer.putLongAscii(length, value);
        return this;
    }

    /**
     * Appends a TIMESTAMPTZ column in UTC, {@code YYYY-MM-DD HH:MM:SS.ffffff+00}, from epoch microseconds
     * (proleptic Gregorian civil-from-days; years 1970..9999).
     */
    public CopyRowBuffer timestampMicros(final long epochMicros)
    {
        separator();
        final long days = Math.floorDiv(epochMicros, 86_400_000_000L);
        final long microsOfDay = epochMicros - days * 86_400_000_000L;
        final long z = days + 719_468;
        final long era = Math.floorDiv(z, 146_097);
        final long dayOfEra = z - era * 146_097;
        final long yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long mp = (5 * dayOfYear + 2) / 153;
        final long day = dayOfYear - (153 * mp + 2) / 5 + 1;
        final long month = mp < 10 ? mp + 3 : mp - 9;
        final long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        buffer.checkLimit(length + 32);
        digits(year, 4);
        buffer.putByte(length++, (byte)'-');
        digits(month, 2);
        buffer.putByte(length++, (byte)'-');
        digits(day, 2);
        buffer.putByte(length++, (byte)' ');
        digits(microsOfDay / 3_600_000_000L, 2);
        buffer.putByte(length++, (byte)':');
        digits(microsOfDay / 60_000_000L % 60, 2);
        buffer.putByte(length++, (byte)':');
        digits(microsOfDay / 1_000_000L % 60, 2);
        buffer.putByte(length++, (byte)'.');
        digits(microsOfDay % 1_000_000L, 6);
        buffer.putByte(length++, (byte)'+');
        buffer.putByte(length++, (byte)'0');
        buffer.putByte(length++, (byte)'0');
        return this;
    }

    /** Appends {@code mantissa * 10^exponent} exactly, as NUMERIC text. */
    public CopyRowBuffer decimal(final long mantissa, final int exponent)
    {
        separator();
        buffer.checkLimit(length + AsciiDecimal.MAX_RENDERED_LENGTH);
        length += AsciiDecimal.render(mantissa, exponent, buffer, length);
        return this;
    }

    /** Appends an exact running sum as NUMERIC text (allocates: for candle rows, a few per batch, not per trade). */
    public CopyRowBuffer decimal(final DecimalSum sum)
    {
        separator();
        length += buffer.putStringWithoutLengthAscii(length, sum.toString());
        return this;
    }

    /** Appends a BYTEA column in COPY's hex form ({@code \\x} then two hex digits per byte). */
    public CopyRowBuffer bytea(final DirectBuffer source, final int offset, final int sourceLength)
    {
        separator();
        buffer.checkLimit(length + 3 + 2 * sourceLength);
        buffer.putByte(length++, BACKSLASH);
        buffer.putByte(length++, BACKSLASH);
        buffer.putByte(length++, (byte)'x');
        for (int i = 0; i < sourceLength; i++)
        {
            final int b = source.getByte(offset + i) & 0xFF;
            buffer.putByte(length++, HEX[b >>> 4]);
            buffer.putByte(length++, HEX[b & 0xF]);
        }
        return this;
    }

    public CopyRowBuffer bool(final boolean value)
    {
        separator();
        buffer.putByte(length++, value ? (byte)'t' : (byte)'f');
        return this;
    }

    public CopyRowBuffer nullValue()
    {
        separator();
        buffer.putByte(length++, BACKSLASH);
        buffer.putByte(length++, (byte)'N');
        return this;
    }

    /** Appends raw bytes (already valid for a COPY text column) from another buffer, e.g. assembled JSON. */
    public CopyRowBuffer column(final DirectBuffer source, final int offset, final int sourceLength)
    {
        separator();
        buffer.putBytes(length, source, offset, sourceLength);
        length += sourceLength;
        return this;
    }

    public void endRow()
    {
        buffer.putByte(length++, NEWLINE);
        rowStarted = false;
        rows++;
    }

    public int rows()
    {
        return rows;
    }

    public int length()
    {
        return length;
    }

    /** Sends every row to an open COPY. */
    public void writeTo(final CopyIn copyIn) throws SQLException
    {
        copyIn.writeToCopy(buffer.byteArray(), 0, length);
    }

    /** @return the rows as text (diagnostics and tests; allocates). */
    public String toString()
    {
        return buffer.getStringWithoutLengthAscii(0, length);
    }

    public void reset()
    {
        length = 0;
        rows = 0;
        rowStarted = false;
    }

    private void digits(final long value, final int count)
    {
        long remaining = value;
        for (int i = count - 1; i >= 0; i--)
        {
            buffer.putByte(length + i, (byte)('0' + remaining % 10));
            remaining /= 10;
        }
        length += count;
    }

    private void separator()
    {
        if (rowStarted)
        {
            buffer.putByte(length++, TAB);
        }
        rowStarted = true;
    }
}
