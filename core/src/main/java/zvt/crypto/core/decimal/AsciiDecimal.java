package zvt.crypto.core.decimal;

import org.agrona.DirectBuffer;
import zvt.crypto.core.json.RangeBytes;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;

/**
 * Exact decimals as venues write them: parsed from ASCII into {@code long mantissa, int exponent} and rendered back
 * to the same text, with no {@code double} and no allocation.
 * <p>
 * Grammar: {@code -?digits(.digits)?([eE][+-]?digits)?}. The scale of the text is kept: {@code "0.00426990"} is
 * {@code 426990e-8} and renders as {@code "0.00426990"}. Integers with more than {@value #MAX_SIGNIFICANT_DIGITS}
 * digits are accepted when the excess digits are trailing zeros, which move into the exponent.
 */
public final class AsciiDecimal
{
    public static final int MAX_SIGNIFICANT_DIGITS = 18;
    public static final int MIN_EXPONENT = -127;
    public static final int MAX_EXPONENT = 127;
    /** Longest text {@link #render} may write. */
    public static final int MAX_RENDERED_LENGTH = 1 + MAX_SIGNIFICANT_DIGITS + 2 + MAX_EXPONENT;

    private AsciiDecimal()
    {
    }

    /**
     * Parse {@code length} ASCII bytes at {@code offset}.
     *
     * @return {@link DecimalError#NONE} with {@code result} set, or the reason the text is not a decimal.
     */
    public static DecimalError parse(
        final DirectBuffer buffer, final int offset, final int length, final MutableDecimal result)
    {
        if (length <= 0)
        {
            return DecimalError.EMPTY;
        }
        buffer.boundsCheck(offset, length);
        if (parsePlain(buffer, offset, length, result))
        {
            return DecimalError.NONE;
        }
        final int end = offset + length;
        int i = offset;
        final boolean negative = RangeBytes.get(buffer, i) == '-';
        if (negative)
        {
            i++;
        }

        long mantissa = 0;
        int significantDigits = 0;
        int exponent = 0;
        int integerDigits = 0;
        int overflowZeros = 0;
        for (; i < end; i++)
        {
            final int digit = RangeBytes.get(buffer, i) - '0';
            if (digit < 0 || digit > 9)
            {
                break;
            }
            integerDigits++;
            if (significantDigits < MAX_SIGNIFICANT_DIGITS)
            {
                mantissa = mantissa * 10 + digit;
                if (mantissa != 0)
                {
                    significantDigits++;
                }
            }
            else if (digit == 0)
            {
                overflowZeros++;
            }
            else
            {
                return DecimalError.TOO_MANY_DIGITS;
            }
        }

        if (i < end && RangeBytes.get(buffer, i) == '.')
        {
            if (integerDigits == 0)
            {
                return DecimalError.MISSING_INTEGER_DIGITS;
            }
            i++;
            int fractionDigits = 0;
            for (; i < end; i++)
            {
                final int digit = RangeBytes.get(buffer, i) - '0';
                if (digit < 0 || digit > 9)
                {
                    break;
                }
                if (significantDigits >= MAX_SIGNIFICANT_DIGITS || overflowZeros > 0)
                {
                    return DecimalError.TOO_MANY_DIGITS;
                }
                mantissa = mantissa * 10 + digit;
                if (mantissa != 0)
                {
                    significantDigits++;
                }
                fractionDigits++;
            }
            if (fractionDigits == 0)
            {
                return DecimalError.MISSING_FRACTION_DIGITS;
            }
            exponent = -fractionDigits;
        }
        else if (integerDigits == 0)
        {
            return i < end ? DecimalError.INVALID_CHARACTER : DecimalError.NO_DIGITS;
        }
        exponent += overflowZeros;

        if (i < end && (RangeBytes.get(buffer, i) | 0x20) == 'e')
        {
            i++;
            boolean negativeExponent = false;
            if (i < end && (RangeBytes.get(buffer, i) == '-' || RangeBytes.get(buffer, i) == '+'))
            {
                negativeExponent = RangeBytes.get(buffer, i) == '-';
                i++;
            }
            if (i == end)
            {
                return DecimalError.NO_DIGITS;
            }
            int written = 0;
            for (; i < end; i++)
            {
                final int digit = RangeBytes.get(buffer, i) - '0';
                if (digit < 0 || digit > 9)
                {
                    return DecimalError.INVALID_CHARACTER;
                }
                written = written * 10 + digit;
                if (written > 1000)
                {
                    return DecimalError.EXPONENT_OUT_OF_RANGE;
                }
            }
            exponent += negativeExponent ? -written : written;
        }

        if (i != end)
        {
            return DecimalError.INVALID_CHARACTER;
        }
        if (exponent < MIN_EXPONENT || exponent > MAX_EXPONENT)
        {
            return DecimalError.EXPONENT_OUT_OF_RANGE;
        }
        result.set(negative ? -mantissa : mantissa, exponent);
        return DecimalError.NONE;
    }

    /**
     * The shape venues write prices and sizes in, digits with at most one inner dot and at most 18 digits: no sign,
     * exponent or overflow to watch, so one loop reads it. Anything else is left to the general path.
     *
     * @return true if the text had that shape and {@code result} is set.
     */
    private static boolean parsePlain(
        final DirectBuffer buffer, final int offset, final int length, final MutableDecimal result)
    {
        if (length > MAX_SIGNIFICANT_DIGITS + 1)
        {
            return false;
        }
        long mantissa = 0;
        int dot = -1;
        for (int i = 0; i < length; i++)
        {
            final int digit = RangeBytes.get(buffer, offset + i) - '0';
            if (digit >= 0 && digit <= 9)
            {
                mantissa = mantissa * 10 + digit;
            }
            else if (digit == '.' - '0' && dot < 0 && i > 0 && i < length - 1)
            {
                dot = i;
            }
            else
            {
                return false;
            }
        }
        if (dot < 0 && length > MAX_SIGNIFICANT_DIGITS)
        {
            return false;
        }
        result.set(mantissa, dot < 0 ? 0 : dot - length + 1);
        return true;
    }

    /**
     * Write {@code mantissa * 10^exponent} in plain notation, keeping the scale (trailing zeros) of the exponent.
     *
     * @return the number of bytes written, at most {@link #MAX_RENDERED_LENGTH}.
     */
    public static int render(final long mantissa, final int exponent, final MutableDirectBuffer buffer, final int offset)
    {
        int position = offset;
        long magnitude = mantissa;
        if (magnitude < 0)
        {
            buffer.putByte(position++, (byte)'-');
            magnitude = -magnitude;
        }
        final int digitCount = digitCount(magnitude);

        if (exponent >= 0)
        {
            position += writeDigits(magnitude, digitCount, buffer, position);
            for (int i = 0; i < exponent; i++)
            {
                buffer.putByte(position++, (byte)'0');
            }
        }
        else
        {
            final int fractionDigits = -exponent;
            if (digitCount > fractionDigits)
            {
                final int integerDigits = digitCount - fractionDigits;
                final long divisor = POWERS_OF_TEN[fractionDigits];
                position += writeDigits(magnitude / divisor, integerDigits, buffer, position);
                buffer.putByte(position++, (byte)'.');
                position += writeDigits(magnitude % divisor, fractionDigits, buffer, position);
            }
            else
            {
                buffer.putByte(position++, (byte)'0');
                buffer.putByte(position++, (byte)'.');
                for (int i = digitCount; i < fractionDigits; i++)
                {
                    buffer.putByte(position++, (byte)'0');
                }
                position += writeDigits(magnitude, digitCount, buffer, position);
            }
        }
        return position - offset;
    }

    /** Parse outside the hot path (config, tools, tests); throws with the reason on bad input. */
    public static MutableDecimal parse(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        final MutableDecimal result = new MutableDecimal();
        final DecimalError error = parse(new UnsafeBuffer(bytes), 0, bytes.length, result);
        if (error != DecimalError.NONE)
        {
            throw new NumberFormatException(error.reason() + ": \"" + text + "\"");
        }
        return result;
    }

    /** Render outside the hot path (tools, tests, logs). */
    public static String toString(final long mantissa, final int exponent)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[MAX_RENDERED_LENGTH]);
        final int length = render(mantissa, exponent, buffer, 0);
        return buffer.getStringWithoutLengthAscii(0, length);
    }

    private static final long[] POWERS_OF_TEN = new long[19];

    static
    {
        POWERS_OF_TEN[0] = 1;
        for (int i = 1; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
        }
    }

    private static int digitCount(final long magnitude)
    {
        int count = 1;
        while (count < POWERS_OF_TEN.length && magnitude >= POWERS_OF_TEN[count])
        {
            count++;
        }
        return count;
    }

    /** Writes exactly {@code width} digits of {@code value}, zero padded on the left. */
    private static int writeDigits(final long value, final int width, final MutableDirectBuffer buffer, final int offset)
    {
        long remaining = value;
        for (int i = offset + width - 1; i >= offset; i--)
        {
            buffer.putByte(i, (byte)('0' + (remaining % 10)));
            remaining /= 10;
        }
        return width;
    }
}
