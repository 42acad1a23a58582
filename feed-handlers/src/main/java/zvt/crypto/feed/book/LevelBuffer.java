package zvt.crypto.feed.book;

import zvt.crypto.core.codec.Side;

import java.util.Arrays;

/**
 * Decoded book levels of one venue message (side, price, absolute size as decimals), held until the message has
 * been validated completely and can be published. Grows by doubling and never shrinks: no allocation once it has
 * seen the largest message. Not thread-safe.
 */
public final class LevelBuffer
{
    private int count;
    private Side[] sides = new Side[64];
    private long[] prices = new long[64];
    private byte[] priceExponents = new byte[64];
    private long[] sizes = new long[64];
    private byte[] sizeExponents = new byte[64];

    public void clear()
    {
        count = 0;
    }

    /** Keeps the first {@code count} levels (levels cleared and re-added in place stay valid). */
    void truncate(final int count)
    {
        this.count = count;
    }

    public void add(final Side side, final long price, final int priceExponent, final long size, final int sizeExponent)
    {
        if (count == prices.length)
        {
            final int capacity = count << 1;
            sides = Arrays.copyOf(sides, capacity);
            prices = Arrays.copyOf(prices, capacity);
            priceExponents = Arrays.copyOf(priceExponents, capacity);
            sizes = Arrays.copyOf(sizes, capacity);
            sizeExponents = Arrays.copyOf(sizeExponents, capacity);
        }
        sides[count] = side;
        prices[count] = price;
        priceExponents[count] = (byte)priceExponent;
        sizes[count] = size;
        sizeExponents[count] = (byte)sizeExponent;
        count++;
    }

    public int count()
    {
        return count;
    }

    public Side side(final int index)
    {
        return sides[index];
    }

    public long price(final int index)
    {
        return prices[index];
    }

    public int priceExponent(final int index)
    {
        return priceExponents[index];
    }

    public long size(final int index)
    {
        return sizes[index];
    }

    public int sizeExponent(final int index)
    {
        return sizeExponents[index];
    }
}
