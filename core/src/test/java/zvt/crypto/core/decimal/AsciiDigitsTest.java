package zvt.crypto.core.decimal;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The eight-at-a-time digit reader against {@link Long#parseLong}, for every run length and every misplaced byte. */
class AsciiDigitsTest
{
    /** Bytes next to the digits in ASCII, and ones whose nibbles or carries could pass for digits in a word. */
    private static final byte[] NOT_DIGITS = {'/', ':', '.', '-', '+', 'e', ' ', '"', 0, 0x0A, 0x10, 0x20, 0x29,
        0x39 + 0x40, (byte)0xB0, (byte)0xB9, (byte)0xF0, (byte)0xFA, (byte)0xFF, 0x7F};

    private final SplittableRandom random = new SplittableRandom(20261204L);

    @Test
    void shouldReadRunsOfEveryLengthExactlyWhereverTheyStart()
    {
        for (int length = 0; length <= AsciiDigits.MAX_DIGITS; length++)
        {
            for (int i = 0; i < 2_000; i++)
            {
                final String digits = digits(length);
                final int offset = random.nextInt(9);
                final UnsafeBuffer buffer = framed(digits, offset);

                final long expected = length == 0 ? 0 : Long.parseLong(digits);
                assertEquals(expected, AsciiDigits.parse(buffer, offset, length), digits);
            }
        }
    }

    @Test
    void shouldRejectARunWithAnyNonDigitByteAtAnyPosition()
    {
        for (int length = 1; length <= AsciiDigits.MAX_DIGITS; length++)
        {
            for (int position = 0; position < length; position++)
            {
                for (final byte notDigit : NOT_DIGITS)
                {
                    final int offset = random.nextInt(9);
                    final UnsafeBuffer buffer = framed(digits(length), offset);
                    buffer.putByte(offset + position, notDigit);

                    assertEquals(AsciiDigits.NOT_DIGITS, AsciiDigits.parse(buffer, offset, length),
                        "length " + length + ", byte " + notDigit + " at " + position);
                }
            }
        }
    }

    @Test
    void shouldReadTheLargestAndLeadingZeroRuns()
    {
        assertEquals(999_999_999_999_999_999L, AsciiDigits.parse(framed("999999999999999999", 3), 3, 18));
        assertEquals(1, AsciiDigits.parse(framed("000000000000000001", 0), 0, 18));
        assertEquals(0, AsciiDigits.parse(framed("00000000", 1), 1, 8));
        assertEquals(12_345_678, AsciiDigits.parse(framed("12345678", 0), 0, 8));
    }

    @Test
    void shouldFindTheEndOfADigitRunWhateverFollowsIt()
    {
        for (int length = 0; length <= 40; length++)
        {
            for (final byte notDigit : NOT_DIGITS)
            {
                final int offset = random.nextInt(9);
                final UnsafeBuffer buffer = framed(digits(length), offset);
                buffer.putByte(offset + length, notDigit);
                final int end = offset + length + 1 + random.nextInt(buffer.capacity() - offset - length);

                assertEquals(offset + length, AsciiDigits.runEnd(buffer, offset, end),
                    "length " + length + ", then byte " + notDigit);
                assertEquals(offset + length, AsciiDigits.runEnd(buffer, offset, offset + length), "to its end");
            }
        }
        assertEquals(4, AsciiDigits.runEnd(framed("", 0), 0, 4), "digits up to the range's end");
    }

    private String digits(final int length)
    {
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++)
        {
            text.append((char)('0' + random.nextInt(10)));
        }
        return text.toString();
    }

    /** The digits at {@code offset}, with digits before and after, so a read past the run would change the value. */
    private static UnsafeBuffer framed(final String digits, final int offset)
    {
        final String text = "9".repeat(offset) + digits + "99999999";
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }
}
