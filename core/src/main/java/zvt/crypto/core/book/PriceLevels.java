package zvt.crypto.core.book;

import java.util.Arrays;

/**
 * One side of a price-level book: parallel primitive arrays of price and size mantissas (at the book's exponents),
 * kept best first (bids descending, asks ascending). Updates find the level by binary search and shift the tail;
 * books are updated near the top, so shifts are short. The arrays grow by doubling and never shrink, so a warmed-up
 * book does not allocate.
 * <p>
 * Not thread-safe: owned by the {@link OrderBook} that holds it.
 */
public final class PriceLevels
{
    private static final int INITIAL_CAPACITY = 64;

    private final boolean descending;
    private long[] prices = new long[INITIAL_CAPACITY];
    private long[] sizes = new long[INITIAL_CAPACITY];
    private int count;

    PriceLevels(final boolean descending)
    {
        this.descending = descending;
    }

    /** Number of levels. */
    public int depth()
    {
        return count;
    }

    /** Price mantissa of the level {@code index} from the best (0 = best). */
    public long price(final int index)
    {
        return prices[index];
    }

    /** Size mantissa of the level {@code index} from the best (0 = best). */
    public long size(final int index)
    {
        return sizes[index];
    }

    /** Size at {@code price}, or 0 when there is no such level. */
    public long sizeAt(final long price)
    {
        final int index = find(price);
        return index >= 0 ? sizes[index] : 0;
    }

    /** Sets the absolute size at {@code price}; size 0 removes the level (removing an unknown level is a no-op). */
    void set(final long price, final long size)
    {
        final int index = find(price);
        if (index >= 0)
        {
            if (size == 0)
            {
                System.arraycopy(prices, index + 1, prices, index, count - index - 1);
                System.arraycopy(sizes, index + 1, sizes, index, count - index - 1);
                count--;
            }
            else
            {
                sizes[index] = size;
            }
            return;
        }
        if (size == 0)
        {
            return;
        }
        final int insertAt = -index - 1;
        if (count == prices.length)
        {
            prices = Arrays.copyOf(prices, count << 1);
            sizes = Arrays.copyOf(sizes, count << 1);
        }
        System.arraycopy(prices, insertAt, prices, insertAt + 1, count - insertAt);
        System.arraycopy(sizes, insertAt, sizes, insertAt + 1, count - insertAt);
        prices[insertAt] = price;
        sizes[insertAt] = size;
        count++;
    }

    void clear()
    {
        count = 0;
    }

    /** True if every price (or size) mantissa times {@code factor} still fits in a long. */
    boolean fits(final long factor, final boolean pricesNotSizes)
    {
        final long[] values = pricesNotSizes ? prices : sizes;
        for (int i = 0; i < count; i++)
        {
            if (Math.abs(values[i]) > Long.MAX_VALUE / factor)
            {
                return false;
            }
        }
        return true;
    }

    /** Multiplies every price (or size) mantissa by {@code factor}; check {@link #fits} first. */
    void rescale(final long factor, final boolean pricesNotSizes)
    {
        final long[] values = pricesNotSizes ? prices : sizes;
        for (int i = 0; i < count; i++)
        {
            values[i] *= factor;
        }
    }

    /** @return the index of {@code price}, or {@code -(insertion point) - 1}. */
    private int find(final long price)
    {
        int low = 0;
        int high = count - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final long midPrice = prices[mid];
            if (midPrice == price)
            {
                return mid;
            }
            final boolean before = descending ? midPrice > price : midPrice < price;
            if (before)
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return -(low + 1);
    }
}
