package zvt.crypto.bench.feed;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * Advances an id or sequence number inside a benchmark's frame, in place, so every operation carries a new one and
 * nothing is dropped as a duplicate or a gap. Like an odometer it usually writes one byte, so the benchmark measures
 * the decoder, not the rewriting of its input.
 */
final class FrameDigits
{
    private FrameDigits()
    {
    }

    /** Adds one to the decimal of exactly {@code digits} ASCII digits at {@code offset}. */
    static void increment(final UnsafeBuffer buffer, final int offset, final int digits)
    {
        for (int i = offset + digits - 1; i >= offset; i--)
        {
            final byte digit = buffer.getByte(i);
            if (digit != '9')
            {
                buffer.putByte(i, (byte)(digit + 1));
                return;
            }
            buffer.putByte(i, (byte)'0');
        }
    }
}
