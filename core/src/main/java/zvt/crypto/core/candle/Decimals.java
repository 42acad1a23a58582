package zvt.crypto.core.candle;

/**
 * Exact comparison of two decimals given as {@code mantissa * 10^exponent}, without allocation: the one with the
 * larger exponent is scaled to the other's, and a scale that would overflow 64 bits proves it the larger magnitude.
 * Stateless and thread-safe.
 */
public final class Decimals
{
    private static final long[] POWERS_OF_TEN = new long[19];

    static
    {
        long power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private Decimals()
    {
    }

    /** @return negative, zero or positive as the first value is less than, equal to or greater than the second. */
    public static int compare(final long mantissa1, final int exponent1, final long mantissa2, final int exponent2)
    {
        final int sign1 = Long.signum(mantissa1);
        final int sign2 = Long.signum(mantissa2);
        if (sign1 != sign2)
        {
            return Integer.compare(sign1, sign2);
        }
        if (sign1 == 0 || exponent1 == exponent2)
        {
            return Long.compare(mantissa1, mantissa2);
        }
        if (exponent1 > exponent2)
        {
            return compareScaled(mantissa1, exponent1 - exponent2, mantissa2);
        }
        return -compareScaled(mantissa2, exponent2 - exponent1, mantissa1);
    }

    /** Compares {@code scaled * 10^digits} with {@code other}, both of the same non-zero sign. */
    private static int compareScaled(final long scaled, final int digits, final long other)
    {
        if (digits < POWERS_OF_TEN.length)
        {
            final long factor = POWERS_OF_TEN[digits];
            final long high = Math.multiplyHigh(scaled, factor);
            final long low = scaled * factor;
            // The product fits in a long exactly when the high word is the sign extension of the low word.
            if ((high == 0 && low >= 0) || (high == -1 && low < 0))
            {
                return Long.compare(low, other);
            }
        }
        // Scaled by 10^19 or more, or past 64 bits: its magnitude exceeds any long.
        return Long.signum(scaled);
    }
}
