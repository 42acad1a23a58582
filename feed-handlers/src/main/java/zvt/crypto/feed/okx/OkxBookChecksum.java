package zvt.crypto.feed.okx;

import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.feed.book.BookChecksum;
import zvt.crypto.feed.book.BookFields;
import zvt.crypto.feed.book.LevelBuffer;

import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * OKX's book checksum (PROTOCOLS.md §2.4, verified on every recorded message): CRC32 (IEEE) of the best 25 bids and
 * 25 asks interleaved as {@code bid1px:bid1sz:ask1px:ask1sz:bid2px:…}, the longer side's remaining levels appended
 * alone, each price and size in the text OKX wrote (the decimals keep their exponent, so rendering them gives the
 * text back), read as a signed 32-bit int. Its own book: levels are matched by numeric price ({@code 8476.1} and
 * {@code 8476.10} are one level, spelled as last written), size zero removes, a snapshot replaces.
 * <p>
 * Sorted primitive arrays per side that grow by doubling: no allocation once the deepest book has been seen.
 * Not thread-safe: one per instrument.
 */
public final class OkxBookChecksum implements BookChecksum
{
    static final int DEPTH = 25;
    private static final byte COLON = ':';

    private final Ladder bids = new Ladder(true);
    private final Ladder asks = new Ladder(false);
    private final CRC32 crc = new CRC32();
    private final byte[] text = new byte[AsciiDecimal.MAX_RENDERED_LENGTH * 2 + 2];
    private final UnsafeBuffer textBuffer = new UnsafeBuffer(text);

    public void apply(final BookFields message)
    {
        if (message.isSnapshot())
        {
            clear();
        }
        final LevelBuffer levels = message.levels();
        for (int i = 0; i < levels.count(); i++)
        {
            final Ladder ladder = levels.side(i) == Side.BUY ? bids : asks;
            ladder.set(levels.price(i), levels.priceExponent(i), levels.size(i), levels.sizeExponent(i));
        }
    }

    public boolean matches(final int expected)
    {
        return value() == expected;
    }

    public void clear()
    {
        bids.count = 0;
        asks.count = 0;
    }

    /** The checksum of the book as it stands. */
    int value()
    {
        crc.reset();
        boolean first = true;
        for (int i = 0; i < DEPTH; i++)
        {
            if (i < bids.count)
            {
                update(bids, i, first);
                first = false;
            }
            if (i < asks.count)
            {
                update(asks, i, first);
                first = false;
            }
        }
        return (int)crc.getValue();
    }

    /** Levels on a side, for tests. */
    int depth(final Side side)
    {
        return side == Side.BUY ? bids.count : asks.count;
    }

    private void update(final Ladder ladder, final int index, final boolean first)
    {
        int at = 0;
        if (!first)
        {
            text[at++] = COLON;
        }
        at += AsciiDecimal.render(ladder.prices[index], ladder.priceExponents[index], textBuffer, at);
        text[at++] = COLON;
        at += AsciiDecimal.render(ladder.sizes[index], ladder.sizeExponents[index], textBuffer, at);
        crc.update(text, 0, at);
    }

    /** One side, best first. */
    private static final class Ladder
    {
        private final boolean descending;
        private int count;
        private long[] prices = new long[64];
        private byte[] priceExponents = new byte[64];
        private long[] sizes = new long[64];
        private byte[] sizeExponents = new byte[64];

        Ladder(final boolean descending)
        {
            this.descending = descending;
        }

        void set(final long price, final int priceExponent, final long size, final int sizeExponent)
        {
            int low = 0;
            int high = count - 1;
            while (low <= high)
            {
                final int mid = (low + high) >>> 1;
                final int cmp = compare(prices[mid], priceExponents[mid], price, priceExponent);
                final int order = descending ? -cmp : cmp;
                if (order < 0)
                {
                    low = mid + 1;
                }
                else if (order > 0)
                {
                    high = mid - 1;
                }
                else
                {
                    if (size == 0)
                    {
                        System.arraycopy(prices, mid + 1, prices, mid, count - mid - 1);
                        System.arraycopy(priceExponents, mid + 1, priceExponents, mid, count - mid - 1);
                        System.arraycopy(sizes, mid + 1, sizes, mid, count - mid - 1);
                        System.arraycopy(sizeExponents, mid + 1, sizeExponents, mid, count - mid - 1);
                        count--;
                    }
                    else
                    {
                        write(mid, price, priceExponent, size, sizeExponent);
                    }
                    return;
                }
            }
            if (size == 0)
            {
                return; // removing a level the book does not hold
            }
            if (count == prices.length)
            {
                final int capacity = count << 1;
                prices = Arrays.copyOf(prices, capacity);
                priceExponents = Arrays.copyOf(priceExponents, capacity);
                sizes = Arrays.copyOf(sizes, capacity);
                sizeExponents = Arrays.copyOf(sizeExponents, capacity);
            }
            System.arraycopy(prices, low, prices, low + 1, count - low);
            System.arraycopy(priceExponents, low, priceExponents, low + 1, count - low);
            System.arraycopy(sizes, low, sizes, low + 1, count - low);
            System.arraycopy(sizeExponents, low, sizeExponents, low + 1, count - low);
            count++;
            write(low, price, priceExponent, size, sizeExponent);
        }

        private void write(final int index, final long price, final int priceExponent, final long size,
            final int sizeExponent)
        {
            prices[index] = price;
            priceExponents[index] = (byte)priceExponent;
            sizes[index] = size;
            sizeExponents[index] = (byte)sizeExponent;
        }
    }

    /** Numeric order of two non-negative decimals written with possibly different exponents. */
    static int compare(final long m1, final int e1, final long m2, final int e2)
    {
        if (e1 == e2)
        {
            return Long.compare(m1, m2);
        }
        if (e1 > e2)
        {
            return -compare(m2, e2, m1, e1);
        }
        // e1 < e2: bring m2 down to e1's scale; if that overflows, m2 is the larger (m1 fits a long).
        long scaled = m2;
        for (int i = e1; i < e2; i++)
        {
            if (scaled > Long.MAX_VALUE / 10)
            {
                return scaled == 0 ? Long.compare(m1, 0) : -1;
            }
            scaled *= 10;
        }
        return Long.compare(m1, scaled);
    }
}
