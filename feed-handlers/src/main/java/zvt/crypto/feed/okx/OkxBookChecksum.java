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
 * Sorted primitive arrays per side that grow by doubling: no allocation once the deepest book has been seen. A
 * level's text is rendered once after it changes, not for every checksum (a checksum joins 50 levels, a message
 * writes a few).
 * Not thread-safe: one per instrument.
 */
public final class OkxBookChecksum implements BookChecksum
{
    static final int DEPTH = 25;
    /** Bytes kept per level for its rendered {@code price:size}; a longer one is rendered when checksummed. */
    static final int TEXT_SLOT = 64;
    private static final byte COLON = ':';

    private final byte[] scratch = new byte[AsciiDecimal.MAX_RENDERED_LENGTH * 2 + 1];
    private final UnsafeBuffer scratchBuffer = new UnsafeBuffer(scratch);
    private final Ladder bids = new Ladder(true, scratchBuffer);
    private final Ladder asks = new Ladder(false, scratchBuffer);
    private final CRC32 crc = new CRC32();
    private final byte[] text = new byte[DEPTH * 2 * (TEXT_SLOT + 1)];

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
        bids.clear();
        asks.clear();
    }

    /** The checksum of the book as it stands: the levels' kept texts, joined, in one CRC update. */
    int value()
    {
        crc.reset();
        int at = 0;
        boolean first = true;
        for (int i = 0; i < DEPTH; i++)
        {
            if (i < bids.count)
            {
                at = append(bids, i, first, at);
                first = false;
            }
            if (i < asks.count)
            {
                at = append(asks, i, first, at);
                first = false;
            }
        }
        crc.update(text, 0, at);
        return (int)crc.getValue();
    }

    /** Levels on a side, for tests. */
    int depth(final Side side)
    {
        return side == Side.BUY ? bids.count : asks.count;
    }

    private int append(final Ladder ladder, final int index, final boolean first, final int at)
    {
        int end = at;
        if (!first)
        {
            text[end++] = COLON;
        }
        final int slot = ladder.slotOf[index];
        final int length = ladder.textLengths[slot] == Ladder.STALE ? ladder.keepText(index) : ladder.textLengths[slot];
        if (length != Ladder.TOO_LONG)
        {
            System.arraycopy(ladder.texts, slot * TEXT_SLOT, text, end, length);
            return end + length;
        }
        crc.update(text, 0, end); // too long for its slot: rendered now, straight into the checksum
        crc.update(scratch, 0, ladder.render(index));
        return 0;
    }

    /**
     * One side, best first. Each level keeps its {@code price:size} text in a slot that stays put while the level
     * moves (levels hold slot numbers), rendered by the first checksum after the level was written: a checksum
     * renders only the top levels that changed, and a venue that sends no checksum renders nothing.
     */
    private static final class Ladder
    {
        static final int STALE = -2;
        static final int TOO_LONG = -1;

        private final boolean descending;
        private final UnsafeBuffer scratch;
        private int count;
        private long[] prices = new long[64];
        private byte[] priceExponents = new byte[64];
        private long[] sizes = new long[64];
        private byte[] sizeExponents = new byte[64];
        private int[] slotOf = new int[64];
        private byte[] texts = new byte[64 * TEXT_SLOT];
        /** Per slot: the kept text's length, {@link #STALE} or {@link #TOO_LONG}. */
        private int[] textLengths = new int[64];
        private int[] freeSlots = new int[64];
        private int freeCount;
        private int slotsUsed;

        Ladder(final boolean descending, final UnsafeBuffer scratch)
        {
            this.descending = descending;
            this.scratch = scratch;
        }

        void clear()
        {
            count = 0;
            freeCount = 0;
            slotsUsed = 0;
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
                        freeSlots[freeCount++] = slotOf[mid];
                        shift(mid + 1, mid, count - mid - 1);
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
                grow(count << 1);
            }
            shift(low, low + 1, count - low);
            count++;
            slotOf[low] = freeCount > 0 ? freeSlots[--freeCount] : slotsUsed++;
            write(low, price, priceExponent, size, sizeExponent);
        }

        /** Renders the level's {@code price:size} into the scratch buffer; returns its length. */
        int render(final int index)
        {
            int at = AsciiDecimal.render(prices[index], priceExponents[index], scratch, 0);
            scratch.putByte(at++, COLON);
            return at + AsciiDecimal.render(sizes[index], sizeExponents[index], scratch, at);
        }

        /** Renders a stale level's text into its slot; returns its length, or {@link #TOO_LONG}. */
        int keepText(final int index)
        {
            final int slot = slotOf[index];
            final int length = render(index);
            if (length <= TEXT_SLOT)
            {
                scratch.getBytes(0, texts, slot * TEXT_SLOT, length);
                textLengths[slot] = length;
            }
            else
            {
                textLengths[slot] = TOO_LONG;
            }
            return textLengths[slot];
        }

        private void write(final int index, final long price, final int priceExponent, final long size,
            final int sizeExponent)
        {
            prices[index] = price;
            priceExponents[index] = (byte)priceExponent;
            sizes[index] = size;
            sizeExponents[index] = (byte)sizeExponent;
            textLengths[slotOf[index]] = STALE;
        }

        private void shift(final int from, final int to, final int levels)
        {
            System.arraycopy(prices, from, prices, to, levels);
            System.arraycopy(priceExponents, from, priceExponents, to, levels);
            System.arraycopy(sizes, from, sizes, to, levels);
            System.arraycopy(sizeExponents, from, sizeExponents, to, levels);
            System.arraycopy(slotOf, from, slotOf, to, levels);
        }

        /** Levels and slots grow together: a ladder never holds more slots than its capacity of levels. */
        private void grow(final int capacity)
        {
            prices = Arrays.copyOf(prices, capacity);
            priceExponents = Arrays.copyOf(priceExponents, capacity);
            sizes = Arrays.copyOf(sizes, capacity);
            sizeExponents = Arrays.copyOf(sizeExponents, capacity);
            slotOf = Arrays.copyOf(slotOf, capacity);
            texts = Arrays.copyOf(texts, capacity * TEXT_SLOT);
            textLengths = Arrays.copyOf(textLengths, capacity);
            freeSlots = Arrays.copyOf(freeSlots, capacity);
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
