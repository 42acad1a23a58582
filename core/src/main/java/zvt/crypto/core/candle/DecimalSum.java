package zvt.crypto.core.candle;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.decimal.MutableDecimal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * An exact running sum of non-negative decimals (volumes) and of products of two decimals (price times size), held
 * as a 128-bit mantissa and a common exponent, so that adding a million trades allocates nothing and loses nothing.
 * The exponent is the smallest one added so far (the sum of {@code 1.5} and {@code 0.25} is {@code 175e-2}). Should
 * a sum ever outgrow 127 bits it continues, still exact, in a {@link BigDecimal}.
 * <p>
 * {@link #toDecimal} narrows to the 64-bit mantissa of the event schema; when the exact value does not fit it is
 * rounded half-even to 18 significant digits, the same way every time. Not thread-safe.
 */
public final class DecimalSum
{
    private static final long[] POWERS_OF_TEN = new long[19];
    private static final byte STATE_EMPTY = 0;
    private static final byte STATE_128 = 1;
    private static final byte STATE_BIG = 2;
    private static final MathContext EIGHTEEN_DIGITS = new MathContext(18, RoundingMode.HALF_EVEN);

    static
    {
        long power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private long hi;
    private long lo;
    private int exponent;
    private boolean empty = true;
    private BigDecimal big;

    // Scratch for the value being added, so that adding needs no allocation.
    private long addHi;
    private long addLo;

    public DecimalSum reset()
    {
        hi = 0;
        lo = 0;
        exponent = 0;
        empty = true;
        big = null;
        return this;
    }

    /** True until something was added (a sum of zeros is not empty). */
    public boolean isEmpty()
    {
        return empty;
    }

    /** Adds {@code mantissa * 10^exponent}; the mantissa must not be negative. */
    public DecimalSum add(final long mantissa, final int exponent)
    {
        requireNonNegative(mantissa);
        addHi = 0;
        addLo = mantissa;
        return addScratch(exponent);
    }

    /** Adds the exact product of two non-negative decimals. */
    public DecimalSum addProduct(final long mantissa1, final int exponent1, final long mantissa2, final int exponent2)
    {
        requireNonNegative(mantissa1);
        requireNonNegative(mantissa2);
        addHi = Math.multiplyHigh(mantissa1, mantissa2);
        addLo = mantissa1 * mantissa2;
        return addScratch(exponent1 + exponent2);
    }

    /** Adds another sum (for roll-ups); an empty one changes nothing. */
    public DecimalSum add(final DecimalSum other)
    {
        if (other.empty)
        {
            return this;
        }
        if (other.big != null)
        {
            return addBig(other.big);
        }
        addHi = other.hi;
        addLo = other.lo;
        return addScratch(other.exponent);
    }

    public DecimalSum copyFrom(final DecimalSum other)
    {
        hi = other.hi;
        lo = other.lo;
        exponent = other.exponent;
        empty = other.empty;
        big = other.big;
        return this;
    }

    /**
     * Writes the exact internal state (for the database writer's candle checkpoint): a kind byte, then the 128-bit
     * mantissa and exponent, or the unscaled bytes and scale of the overflow value.
     *
     * @return bytes written.
     */
    public int writeState(final MutableDirectBuffer buffer, final int offset)
    {
        if (empty)
        {
            buffer.putByte(offset, STATE_EMPTY);
            return 1;
        }
        if (big == null)
        {
            buffer.putByte(offset, STATE_128);
            buffer.putLong(offset + 1, hi);
            buffer.putLong(offset + 9, lo);
            buffer.putInt(offset + 17, exponent);
            return 21;
        }
        final byte[] unscaled = big.unscaledValue().toByteArray();
        buffer.putByte(offset, STATE_BIG);
        buffer.putInt(offset + 1, big.scale());
        buffer.putInt(offset + 5, unscaled.length);
        buffer.putBytes(offset + 9, unscaled);
        return 9 + unscaled.length;
    }

    /**
     * Restores a state written by {@link #writeState}.
     *
     * @return bytes read.
     */
    public int readState(final DirectBuffer buffer, final int offset)
    {
        reset();
        final byte kind = buffer.getByte(offset);
        if (kind == STATE_EMPTY)
        {
            return 1;
        }
        empty = false;
        if (kind == STATE_128)
        {
            hi = buffer.getLong(offset + 1);
            lo = buffer.getLong(offset + 9);
            exponent = buffer.getInt(offset + 17);
            return 21;
        }
        if (kind != STATE_BIG)
        {
            throw new IllegalArgumentException("not a DecimalSum state: kind " + kind);
        }
        final int scale = buffer.getInt(offset + 1);
        final byte[] unscaled = new byte[buffer.getInt(offset + 5)];
        buffer.getBytes(offset + 9, unscaled);
        big = new BigDecimal(new BigInteger(unscaled), scale);
        return 9 + unscaled.length;
    }

    /**
     * Narrows the sum to {@code mantissa * 10^exponent} with a 64-bit mantissa (at most 18 digits) and an exponent
     * the schema can hold; an empty sum is 0.
     *
     * When the sum does not fit as it is, trailing zeros are dropped first, and only then is it rounded.
     *
     * @return true when the result is exact, false when it had to be rounded (half-even, 18 significant digits).
     */
    public boolean toDecimal(final MutableDecimal result)
    {
        if (empty)
        {
            result.set(0, 0);
            return true;
        }
        if (big == null && hi == 0 && lo >= 0 && lo < POWERS_OF_TEN[18] && exponent >= AsciiDecimal.MIN_EXPONENT &&
            exponent <= AsciiDecimal.MAX_EXPONENT)
        {
            result.set(lo, exponent);
            return true;
        }
        final BigDecimal exact = toBigDecimal();
        // Trailing zeros carried over from the venue's text ("0.00100000") cost digits, not precision.
        final BigDecimal stripped = exact.stripTrailingZeros();
        BigDecimal rounded = stripped.precision() <= 18 ? stripped : stripped.round(EIGHTEEN_DIGITS);
        if (rounded.scale() > -AsciiDecimal.MIN_EXPONENT)
        {
            rounded = rounded.setScale(-AsciiDecimal.MIN_EXPONENT, RoundingMode.HALF_EVEN);
        }
        if (rounded.scale() < -AsciiDecimal.MAX_EXPONENT)
        {
            rounded = rounded.setScale(-AsciiDecimal.MAX_EXPONENT, RoundingMode.UNNECESSARY);
        }
        result.set(rounded.unscaledValue().longValueExact(), -rounded.scale());
        return rounded.compareTo(exact) == 0;
    }

    /** The exact value (allocates; for tests, tools and the rare overflow). */
    public BigDecimal toBigDecimal()
    {
        if (empty)
        {
            return BigDecimal.ZERO;
        }
        if (big != null)
        {
            return big;
        }
        final BigInteger unscaled = BigInteger.valueOf(hi).shiftLeft(64)
            .add(new BigInteger(Long.toUnsignedString(lo)));
        return new BigDecimal(unscaled, -exponent);
    }

    public String toString()
    {
        return toBigDecimal().toPlainString();
    }

    private DecimalSum addScratch(final int valueExponent)
    {
        if (big != null)
        {
            return addBig(scratchToBigDecimal(valueExponent));
        }
        if (empty)
        {
            hi = addHi;
            lo = addLo;
            exponent = valueExponent;
            empty = false;
            return this;
        }
        if (valueExponent > exponent)
        {
            if (!scaleScratch(valueExponent - exponent))
            {
                return addBig(scratchToBigDecimal(valueExponent));
            }
        }
        else if (valueExponent < exponent)
        {
            final long savedHi = addHi;
            final long savedLo = addLo;
            addHi = hi;
            addLo = lo;
            if (!scaleScratch(exponent - valueExponent))
            {
                addHi = savedHi;
                addLo = savedLo;
                return addBig(scratchToBigDecimal(valueExponent));
            }
            hi = addHi;
            lo = addLo;
            exponent = valueExponent;
            addHi = savedHi;
            addLo = savedLo;
        }
        final long sumLo = lo + addLo;
        final long carry = Long.compareUnsigned(sumLo, lo) < 0 ? 1 : 0;
        final long sumHi = hi + addHi + carry;
        if (sumHi < 0)
        {
            return addBig(scratchToBigDecimal(exponent));
        }
        hi = sumHi;
        lo = sumLo;
        return this;
    }

    /** Multiplies the scratch value by {@code 10^digits}; false when it would pass 127 bits. */
    private boolean scaleScratch(final int digits)
    {
        long valueHi = addHi;
        long valueLo = addLo;
        int remaining = digits;
        while (remaining > 0)
        {
            final int step = Math.min(remaining, 18);
            final long factor = POWERS_OF_TEN[step];
            if (Math.multiplyHigh(valueHi, factor) != 0)
            {
                return false;
            }
            final long scaledHi = valueHi * factor;
            final long newHi = scaledHi + Math.unsignedMultiplyHigh(valueLo, factor);
            if (scaledHi < 0 || newHi < 0)
            {
                return false;
            }
            valueHi = newHi;
            valueLo = valueLo * factor;
            remaining -= step;
        }
        addHi = valueHi;
        addLo = valueLo;
        return true;
    }

    private BigDecimal scratchToBigDecimal(final int valueExponent)
    {
        final BigInteger unscaled = BigInteger.valueOf(addHi).shiftLeft(64)
            .add(new BigInteger(Long.toUnsignedString(addLo)));
        return new BigDecimal(unscaled, -valueExponent);
    }

    private DecimalSum addBig(final BigDecimal value)
    {
        big = toBigDecimal().add(value);
        empty = false;
        return this;
    }

    private static void requireNonNegative(final long mantissa)
    {
        if (mantissa < 0)
        {
            throw new IllegalArgumentException("a sum of volumes takes no negative values: " + mantissa);
        }
    }
}
