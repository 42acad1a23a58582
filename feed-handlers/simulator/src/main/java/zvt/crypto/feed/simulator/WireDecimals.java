package zvt.crypto.feed.simulator;

/**
 * Decimal spellings the venues use besides Binance's fixed eight decimals: OKX, Bybit and Coinbase write
 * {@code "60000.1"}, not {@code "60000.10000000"}. Splits a mantissa at {@link GroundTruthBook#EXPONENT} into the
 * shortest mantissa and exponent of the same value, for {@code JsonWriter.decimal}. Stateless.
 */
public final class WireDecimals
{
    private WireDecimals()
    {
    }

    /** The mantissa without trailing zeros (0 stays 0). */
    public static long trimmedMantissa(final long mantissa)
    {
        long value = mantissa;
        for (int exponent = GroundTruthBook.EXPONENT; exponent < 0 && value != 0 && value % 10 == 0; exponent++)
        {
            value /= 10;
        }
        return value;
    }

    /** The exponent that goes with {@link #trimmedMantissa}. */
    public static int trimmedExponent(final long mantissa)
    {
        long value = mantissa;
        int exponent = GroundTruthBook.EXPONENT;
        while (exponent < 0 && value != 0 && value % 10 == 0)
        {
            value /= 10;
            exponent++;
        }
        return value == 0 ? 0 : exponent;
    }
}
