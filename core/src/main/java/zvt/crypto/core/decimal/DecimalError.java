package zvt.crypto.core.decimal;

/**
 * Why a text was not accepted as a decimal. Returned, never thrown, by {@link AsciiDecimal#parse} so that a bad
 * venue frame costs no allocation; {@link #NONE} means the parse succeeded.
 */
public enum DecimalError
{
    NONE("ok"),
    EMPTY("empty number"),
    NO_DIGITS("no digits"),
    MISSING_INTEGER_DIGITS("a digit must precede the decimal point"),
    MISSING_FRACTION_DIGITS("a digit must follow the decimal point"),
    INVALID_CHARACTER("invalid character in number"),
    TOO_MANY_DIGITS("more than " + AsciiDecimal.MAX_SIGNIFICANT_DIGITS + " significant digits"),
    EXPONENT_OUT_OF_RANGE("exponent outside " + AsciiDecimal.MIN_EXPONENT + ".." + AsciiDecimal.MAX_EXPONENT);

    private final String reason;

    DecimalError(final String reason)
    {
        this.reason = reason;
    }

    public String reason()
    {
        return reason;
    }
}
