package zvt.crypto.persistence.writer;

import java.nio.ByteOrder;
import java.sql.SQLException;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.postgresql.copy.CopyIn;

/**
 * Rows in PostgreSQL's binary COPY format ({@code COPY ... FROM STDIN (FORMAT binary)}): each value is sent as the
 * server stores it, so the server parses no text. That matters because the server, not the writer, is the
 * bottleneck of bulk loads: numeric and timestamptz input parsing is a large part of a text COPY's cost. Used for
 * trades, the writer's bulk rows; the few candle, book and state rows stay in {@link CopyRowBuffer}'s text format.
 * <p>
 * Layout: a signature header, then per row a 16-bit column count and per column a 32-bit length (-1 for null) and
 * the value (big-endian), then a -1 trailer. Like {@link CopyRowBuffer}, one growable array reused batch after batch;
 * appending a row allocates nothing once it has grown. Not thread-safe: owned by the writer thread.
 */
public final class BinaryCopyRowBuffer implements CopyRows<BinaryCopyRowBuffer>
{
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte)0xFF, '\r', '\n', 0, 0, 0, 0, 0, 0,
        0, 0, 0};
    private static final byte[] TRAILER = {(byte)0xFF, (byte)0xFF};
    /** PostgreSQL timestamps count microseconds from 2000-01-01T00:00:00Z. */
    private static final long POSTGRES_EPOCH_MICROS = 946_684_800_000_000L;
    private static final short NUMERIC_POSITIVE = 0x0000;
    private static final short NUMERIC_NEGATIVE = 0x4000;
    private static final int NBASE = 10_000;
    private static final long[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000};
    private static final ByteOrder ORDER = ByteOrder.BIG_ENDIAN;

    private final ExpandableArrayBuffer buffer;
    /** Base-10000 digits of the numeric being written, least significant first. */
    private final short[] digits = new short[8];
    private int length;
    private int rows;
    private int rowStart = -1;
    private short columns;

    public BinaryCopyRowBuffer(final int initialCapacity)
    {
        buffer = new ExpandableArrayBuffer(initialCapacity);
    }

    /** A text column from bytes already in the server's encoding (UTF-8; ASCII names). */
    public BinaryCopyRowBuffer raw(final byte[] value)
    {
        column(value.length);
        buffer.putBytes(length, value);
        length += value.length;
        return this;
    }

    /** A text column copied from ASCII bytes in another buffer. */
    public BinaryCopyRowBuffer ascii(final DirectBuffer source, final int offset, final int sourceLength)
    {
        column(sourceLength);
        buffer.putBytes(length, source, offset, sourceLength);
        length += sourceLength;
        return this;
    }

    /** A text column made of one ASCII byte and a number, e.g. {@code j1234}. */
    public BinaryCopyRowBuffer prefixedNumber(final byte prefix, final long value)
    {
        final int lengthAt = column(0);
        buffer.putByte(length++, prefix);
        final int digitCount = buffer.putLongAscii(length, value);
        length += digitCount;
        buffer.putInt(lengthAt, 1 + digitCount, ORDER);
        return this;
    }

    /** A BIGINT column. */
    public BinaryCopyRowBuffer number(final long value)
    {
        column(8);
        buffer.putLong(length, value, ORDER);
        length += 8;
        return this;
    }

    /** A TIMESTAMPTZ column from epoch microseconds. */
    public BinaryCopyRowBuffer timestampMicros(final long epochMicros)
    {
        return number(epochMicros - POSTGRES_EPOCH_MICROS);
    }

    public BinaryCopyRowBuffer bool(final boolean value)
    {
        column(1);
        buffer.putByte(length++, value ? (byte)1 : (byte)0);
        return this;
    }

    public BinaryCopyRowBuffer nullValue()
    {
        startColumn();
        buffer.putInt(length, -1, ORDER);
        length += 4;
        return this;
    }

    /**
     * A NUMERIC column holding exactly {@code mantissa * 10^exponent}, with the scale the venue wrote
     * ({@code 1.2300} stays {@code 1.2300}): base-10000 digits aligned on the decimal point, a weight (the power of
     * 10000 of the first digit), a sign and the display scale.
     */
    public BinaryCopyRowBuffer decimal(final long mantissa, final int exponent)
    {
        if (mantissa == Long.MIN_VALUE)
        {
            throw new IllegalArgumentException("not a decimal mantissa: " + mantissa);
        }
        final int scale = -exponent;
        // Append 0..3 zero digits so that the last decimal digit ends a base-10000 digit: after the point for a
        // fraction, or as the low digits of a whole number times 10000^shift.
        final int pad;
        final int shift;
        if (scale > 0)
        {
            pad = (4 - scale % 4) % 4;
            shift = -((scale + pad) / 4);
        }
        else
        {
            pad = -scale % 4;
            shift = -scale / 4;
        }
        long rest = Math.abs(mantissa);
        int count = 0;
        if (rest != 0)
        {
            // The lowest digit takes the padding; splitting first keeps mantissa * 10^pad from overflowing.
            final long lowDivisor = POWERS_OF_TEN[4 - pad];
            digits[count++] = (short)(rest % lowDivisor * POWERS_OF_TEN[pad]);
            rest /= lowDivisor;
            while (rest != 0)
            {
                digits[count++] = (short)(rest % NBASE);
                rest /= NBASE;
            }
        }
        int lowest = 0;
        while (lowest < count && digits[lowest] == 0)
        {
            lowest++; // trailing zero digits are implied by the weight
        }
        final int stored = count - lowest;
        column(8 + 2 * stored);
        buffer.putShort(length, (short)stored, ORDER);
        buffer.putShort(length + 2, (short)(stored == 0 ? 0 : count - 1 + shift), ORDER);
        buffer.putShort(length + 4, mantissa < 0 ? NUMERIC_NEGATIVE : NUMERIC_POSITIVE, ORDER);
        buffer.putShort(length + 6, (short)Math.max(0, scale), ORDER);
        length += 8;
        for (int i = count - 1; i >= lowest; i--)
        {
            buffer.putShort(length, digits[i], ORDER);
            length += 2;
        }
        return this;
    }

    public void endRow()
    {
        buffer.putShort(rowStart, columns, ORDER);
        rowStart = -1;
        rows++;
    }

    public int rows()
    {
        return rows;
    }

    /** Sends the header, every row and the trailer to an open binary COPY. */
    public void writeTo(final CopyIn copyIn) throws SQLException
    {
        copyIn.writeToCopy(HEADER, 0, HEADER.length);
        copyIn.writeToCopy(buffer.byteArray(), 0, length);
        copyIn.writeToCopy(TRAILER, 0, TRAILER.length);
    }

    public void reset()
    {
        length = 0;
        rows = 0;
        rowStart = -1;
    }

    /** Starts a column with its length; returns where the length is, for values whose length is known after. */
    private int column(final int valueLength)
    {
        startColumn();
        final int lengthAt = length;
        buffer.putInt(length, valueLength, ORDER);
        length += 4;
        return lengthAt;
    }

    private void startColumn()
    {
        if (rowStart < 0)
        {
            rowStart = length;
            columns = 0;
            length += 2;
        }
        columns++;
    }
}
