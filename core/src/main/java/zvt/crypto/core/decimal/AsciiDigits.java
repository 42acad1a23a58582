package zvt.crypto.core.decimal;

import org.agrona.DirectBuffer;
import zvt.crypto.core.json.RangeBytes;

/**
 * Runs of ASCII digits read eight at a time (SWAR: one 64-bit word checks and converts eight digits), for the ids,
 * times and decimals of every venue frame. A run whose length is not a multiple of eight ends with one overlapping
 * word whose already-read low bytes are masked to {@code '0'}, so a 13-digit id is two words and no byte loop.
 * Stateless; reads only inside the range, which the caller has bounds-checked.
 */
public final class AsciiDigits
{
    /** Returned for a run that holds a byte other than {@code 0-9}. */
    public static final long NOT_DIGITS = -1;
    /** The longest run {@link #parse} takes: 18 digits always fit a long. */
    public static final int MAX_DIGITS = 18;

    private static final long ZEROS = 0x3030303030303030L;
    private static final long HIGH_NIBBLES = 0xF0F0F0F0F0F0F0F0L;
    private static final long SIXES = 0x0606060606060606L;
    private static final long THREES = 0x3333333333333333L;
    private static final long LOW_NIBBLES = 0x0F0F0F0F0F0F0F0FL;
    private static final long ABOVE_NINE = 0x7676767676767676L;
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final long[] POWERS_OF_TEN = new long[Long.BYTES + 1];

    static
    {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private AsciiDigits()
    {
    }

    /**
     * @param length 0 to {@value #MAX_DIGITS}; 0 reads as 0.
     * @return the value of the digits, or {@link #NOT_DIGITS} if any byte is not a digit.
     */
    public static long parse(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < Long.BYTES)
        {
            return parseShort(buffer, offset, length);
        }
        long value = 0;
        int i = offset;
        final int end = offset + length;
        for (; i + Long.BYTES <= end; i += Long.BYTES)
        {
            final long word = RangeBytes.getLongLittleEndian(buffer, i);
            if (!isEightDigits(word))
            {
                return NOT_DIGITS;
            }
            value = value * POWERS_OF_TEN[Long.BYTES] + eightDigits(word);
        }
        final int tail = end - i;
        if (tail > 0)
        {
            // The word ending at the run's end: its low 8 - tail bytes were read above, so count them as '0'.
            final long readMask = -1L >>> (Long.SIZE - Byte.SIZE * (Long.BYTES - tail));
            final long word = RangeBytes.getLongLittleEndian(buffer, end - Long.BYTES) & ~readMask | ZEROS & readMask;
            if (!isEightDigits(word))
            {
                return NOT_DIGITS;
            }
            value = value * POWERS_OF_TEN[tail] + eightDigits(word);
        }
        return value;
    }

    /**
     * Where a run of digits starting at {@code from} ends: the index of the first byte in {@code [from, end)} that is
     * not {@code 0-9}, or {@code end}. Eight bytes a step: a number's scan is mostly its digits.
     */
    public static int runEnd(final DirectBuffer buffer, final int from, final int end)
    {
        int i = from;
        for (; i + Long.BYTES <= end; i += Long.BYTES)
        {
            final long values = RangeBytes.getLongLittleEndian(buffer, i) ^ ZEROS; // a digit byte becomes 0-9
            // A byte above 9 gets its high bit set by adding 0x76, or had it already. A carry out of a byte can only
            // flag a later one, so the lowest flagged byte is exactly the first non-digit.
            final long notDigits = ((values + ABOVE_NINE) | values) & HIGH_BITS;
            if (notDigits != 0)
            {
                return i + (Long.numberOfTrailingZeros(notDigits) >>> 3);
            }
        }
        for (; i < end; i++)
        {
            final byte b = RangeBytes.get(buffer, i);
            if (b < '0' || b > '9')
            {
                return i;
            }
        }
        return end;
    }

    private static long parseShort(final DirectBuffer buffer, final int offset, final int length)
    {
        long value = 0;
        for (int i = offset; i < offset + length; i++)
        {
            final int digit = RangeBytes.get(buffer, i) - '0';
            if (digit < 0 || digit > 9)
            {
                return NOT_DIGITS;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /** True if all eight bytes are {@code 0-9}: each high nibble is 3, and adding 6 does not carry into it. */
    private static boolean isEightDigits(final long word)
    {
        return ((word & HIGH_NIBBLES) | (((word + SIXES) & HIGH_NIBBLES) >>> 4)) == THREES;
    }

    /** Eight digits, the first in the lowest byte, to their value: pairs, then fours, then the eight. */
    private static long eightDigits(final long word)
    {
        long value = word & LOW_NIBBLES;
        value = (value * (10 * 256 + 1)) >>> 8 & 0x00FF00FF00FF00FFL;
        value = (value * (100 * 65536 + 1)) >>> 16 & 0x0000FFFF0000FFFFL;
        return (value * (10000L * (1L << 32) + 1)) >>> 32;
    }
}
