package zvt.crypto.core.decimal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AsciiDecimalTest
{
    private static final int PROPERTY_CASES = 200_000;

    private final MutableDecimal result = new MutableDecimal();
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[AsciiDecimal.MAX_RENDERED_LENGTH + 16]);

    @Test
    void shouldRoundTripRandomDecimalTextByteIdenticalAndValueExact()
    {
        final SplittableRandom random = new SplittableRandom(20261127L);
        for (int i = 0; i < PROPERTY_CASES; i++)
        {
            final int digits = 1 + random.nextInt(18);
            long unscaled = random.nextLong((long)Math.pow(10, digits));
            if (random.nextInt(4) == 0)
            {
                unscaled = -unscaled;
            }
            final int exponent = -18 + random.nextInt(29);
            final String text = new BigDecimal(BigInteger.valueOf(unscaled), -exponent).toPlainString();

            final DecimalError error = parse(text);

            assertEquals(DecimalError.NONE, error, text);
            assertEquals(0, new BigDecimal(text).compareTo(BigDecimal.valueOf(result.mantissa(), -result.exponent())),
                text);
            assertEquals(text, render(result.mantissa(), result.exponent()), "render of " + text);
        }
    }

    /** Plain digits with at most one dot (leading and trailing zeros included) keep their written scale. */
    @Test
    void shouldParsePlainDigitsWithTheirWrittenScale()
    {
        final SplittableRandom random = new SplittableRandom(20261203L);
        for (int i = 0; i < PROPERTY_CASES; i++)
        {
            final int length = 1 + random.nextInt(20);
            final StringBuilder text = new StringBuilder();
            for (int c = 0; c < length; c++)
            {
                text.append((char)('0' + (random.nextInt(3) == 0 ? 0 : random.nextInt(10))));
            }
            if (length > 2 && random.nextBoolean())
            {
                text.setCharAt(1 + random.nextInt(length - 2), '.');
            }
            final BigDecimal expected = new BigDecimal(text.toString());

            final DecimalError error = parse(text.toString());

            if (expected.unscaledValue().toString().length() > AsciiDecimal.MAX_SIGNIFICANT_DIGITS)
            {
                // Past 18 digits only integer trailing zeros fit (into the exponent); the value stays exact.
                assertTrue(error == DecimalError.TOO_MANY_DIGITS || error == DecimalError.NONE &&
                    expected.compareTo(BigDecimal.valueOf(result.mantissa(), -result.exponent())) == 0, text::toString);
                continue;
            }
            assertEquals(DecimalError.NONE, error, text::toString);
            assertEquals(expected.unscaledValue().longValueExact(), result.mantissa(), text::toString);
            assertEquals(-expected.scale(), result.exponent(), text::toString);
        }
    }

    @ParameterizedTest
    @CsvSource({
        "0.00426990, 426990, -8",
        "63193.20000000, 6319320000000, -8",
        "0, 0, 0",
        "0.00000000, 0, -8",
        "-1.5, -15, -1",
        "100, 100, 0",
        "123000000000000000000, 123000000000000000, 3",
        "1e-8, 1, -8",
        "2.5E+3, 25, 2"})
    void shouldParseVenueNumbers(final String text, final long mantissa, final int exponent)
    {
        assertEquals(DecimalError.NONE, parse(text));
        assertEquals(mantissa, result.mantissa());
        assertEquals(exponent, result.exponent());
    }

    @ParameterizedTest
    @CsvSource({
        "'', EMPTY",
        "-, NO_DIGITS",
        ".5, MISSING_INTEGER_DIGITS",
        "5., MISSING_FRACTION_DIGITS",
        "1.2.3, INVALID_CHARACTER",
        "12a, INVALID_CHARACTER",
        "+1, INVALID_CHARACTER",
        "NaN, INVALID_CHARACTER",
        "'1 ', INVALID_CHARACTER",
        "1234567890123456789, TOO_MANY_DIGITS",
        "0.1234567890123456789, TOO_MANY_DIGITS",
        "1e200, EXPONENT_OUT_OF_RANGE",
        "1e, NO_DIGITS"})
    void shouldRejectMalformedNumbersWithAReason(final String text, final DecimalError expected)
    {
        assertEquals(expected, parse(text));
    }

    @Test
    void shouldThrowWithTheReasonOutsideTheHotPath()
    {
        final NumberFormatException ex = assertThrows(NumberFormatException.class, () -> AsciiDecimal.parse("1.2.3"));
        assertTrue(ex.getMessage().contains("invalid character") && ex.getMessage().contains("1.2.3"), ex.getMessage());
    }

    @Test
    void shouldRenderPositiveExponentsAsTrailingZeros()
    {
        assertEquals("1500", AsciiDecimal.toString(15, 2));
        assertEquals("-0.05", AsciiDecimal.toString(-5, -2));
    }

    private DecimalError parse(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[bytes.length + 4]);
        buffer.putBytes(2, bytes);
        return AsciiDecimal.parse(buffer, 2, bytes.length, result);
    }

    private String render(final long mantissa, final int exponent)
    {
        final int length = AsciiDecimal.render(mantissa, exponent, out, 3);
        return out.getStringWithoutLengthAscii(3, length);
    }
}
