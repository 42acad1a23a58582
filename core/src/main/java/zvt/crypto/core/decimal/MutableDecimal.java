package zvt.crypto.core.decimal;

/**
 * Reusable holder for the result of a parse: {@code mantissa * 10^exponent}. Not thread-safe; hold one per parser.
 */
public final class MutableDecimal
{
    private long mantissa;
    private int exponent;

    public long mantissa()
    {
        return mantissa;
    }

    public int exponent()
    {
        return exponent;
    }

    public MutableDecimal set(final long mantissa, final int exponent)
    {
        this.mantissa = mantissa;
        this.exponent = exponent;
        return this;
    }

    public String toString()
    {
        return AsciiDecimal.toString(mantissa, exponent);
    }
}
