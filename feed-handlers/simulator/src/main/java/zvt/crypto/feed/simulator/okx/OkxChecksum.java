package zvt.crypto.feed.simulator.okx;

import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.feed.simulator.BookView;

import java.util.zip.CRC32;

import static zvt.crypto.feed.simulator.WireDecimals.trimmedExponent;
import static zvt.crypto.feed.simulator.WireDecimals.trimmedMantissa;

/**
 * OKX's book checksum (PROTOCOLS.md §2.4): CRC32 of {@code bid1px:bid1sz:ask1px:ask1sz:bid2px:...} over the best 25
 * levels per side, the longer side's remaining levels appended alone, with the strings exactly as the encoder writes
 * them, as a signed 32-bit int. Reuses its buffers. Used on the simulator's event loop only.
 */
final class OkxChecksum
{
    private static final int LEVELS = 25;

    private final long[] bidPrices = new long[LEVELS];
    private final long[] bidSizes = new long[LEVELS];
    private final long[] askPrices = new long[LEVELS];
    private final long[] askSizes = new long[LEVELS];
    private final byte[] text = new byte[LEVELS * 4 * (AsciiDecimal.MAX_RENDERED_LENGTH + 1)];
    private final UnsafeBuffer buffer = new UnsafeBuffer(text);
    private final CRC32 crc = new CRC32();

    int of(final BookView book)
    {
        final int bids = book.bestLevels(true, bidPrices, bidSizes, LEVELS);
        final int asks = book.bestLevels(false, askPrices, askSizes, LEVELS);
        int position = 0;
        for (int i = 0; i < Math.max(bids, asks); i++)
        {
            if (i < bids)
            {
                position = level(position, bidPrices[i], bidSizes[i]);
            }
            if (i < asks)
            {
                position = level(position, askPrices[i], askSizes[i]);
            }
        }
        crc.reset();
        crc.update(text, 0, position == 0 ? 0 : position - 1);
        return (int)crc.getValue();
    }

    /** Appends {@code px:sz:}; the last colon is dropped at the end. */
    private int level(final int start, final long price, final long size)
    {
        int position = start;
        position += AsciiDecimal.render(trimmedMantissa(price), trimmedExponent(price), buffer, position);
        buffer.putByte(position++, (byte)':');
        position += AsciiDecimal.render(trimmedMantissa(size), trimmedExponent(size), buffer, position);
        buffer.putByte(position++, (byte)':');
        return position;
    }
}
