package zvt.crypto.core.book;

import zvt.crypto.core.codec.Side;

/**
 * A price-level order book of one instrument: bids and asks as {@link PriceLevels}, prices and sizes as long
 * mantissas at one price exponent and one size exponent for the whole book. The exponents are taken from the first
 * level applied; a later level written with more decimals rescales the book once (exact, checked for overflow), so
 * every price keeps the venue's precision without {@code double} or boxing.
 * <p>
 * A book starts <em>stale</em>: it is good only between the end of a snapshot ({@link #endSnapshot}) and the next
 * {@link #markStale} (a sequence gap, a lost connection). Callers must check {@link #isServable()} before serving
 * it. {@link #isCrossed()} tells a best bid at or above the best ask, which a correct book never shows.
 * <p>
 * Not thread-safe: one thread updates and reads it (the ring consumer that maintains it).
 */
public final class OrderBook
{
    private static final long[] POWERS_OF_TEN = new long[19];
    private static final int UNSET = Integer.MIN_VALUE;

    static
    {
        long power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private final int instrumentId;
    private final PriceLevels bids = new PriceLevels(true);
    private final PriceLevels asks = new PriceLevels(false);
    private int priceExponent = UNSET;
    private int sizeExponent = UNSET;
    private boolean stale = true;
    private long lastSequence = -1;
    /** Set by {@link OrderBookEventHandler} between the first and the last event of a snapshot batch. */
    boolean inSnapshot;

    public OrderBook(final int instrumentId)
    {
        this.instrumentId = instrumentId;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public PriceLevels bids()
    {
        return bids;
    }

    public PriceLevels asks()
    {
        return asks;
    }

    public PriceLevels side(final Side side)
    {
        return side == Side.BUY ? bids : asks;
    }

    /** Exponent of every price mantissa (0 while the book has never held a level). */
    public int priceExponent()
    {
        return priceExponent == UNSET ? 0 : priceExponent;
    }

    /** Exponent of every size mantissa (0 while the book has never held a level). */
    public int sizeExponent()
    {
        return sizeExponent == UNSET ? 0 : sizeExponent;
    }

    /**
     * Sets the absolute size of one level; size 0 removes it.
     *
     * @return false, leaving the book unchanged, if the side is not BUY/SELL or the value cannot be held exactly at
     * the book's exponents (more than 18 digits after rescaling).
     */
    public boolean set(
        final Side side, final long price, final int priceExponent, final long size, final int sizeExponent)
    {
        if (side != Side.BUY && side != Side.SELL)
        {
            return false;
        }
        final long scaledPrice = scale(price, priceExponent, true);
        if (scaledPrice == Long.MIN_VALUE)
        {
            return false;
        }
        final long scaledSize = size == 0 ? 0 : scale(size, sizeExponent, false);
        if (scaledSize == Long.MIN_VALUE)
        {
            return false;
        }
        side(side).set(scaledPrice, scaledSize);
        return true;
    }

    /** Starts a snapshot: empties both sides; the book stays stale until {@link #endSnapshot}. */
    public void beginSnapshot()
    {
        bids.clear();
        asks.clear();
        stale = true;
    }

    /** The snapshot is complete: the book is good as of {@code sequence} (the venue's update id). */
    public void endSnapshot(final long sequence)
    {
        stale = false;
        lastSequence = sequence;
    }

    /** The book no longer follows the venue (gap, disconnect); it stays stale until the next snapshot ends. */
    public void markStale()
    {
        stale = true;
    }

    public boolean isStale()
    {
        return stale;
    }

    /** Not stale and not crossed: the only state in which the book may be served as good. */
    public boolean isServable()
    {
        return !stale && !isCrossed();
    }

    /** A snapshot is being received, in parts: the book holds only some of it, and deltas are skipped until it ends. */
    public boolean receivingSnapshot()
    {
        return inSnapshot;
    }

    /** Best bid at or above best ask. */
    public boolean isCrossed()
    {
        return bids.depth() > 0 && asks.depth() > 0 && bids.price(0) >= asks.price(0);
    }

    /** Venue sequence (update id) of the last change applied; -1 before the first snapshot. */
    public long lastSequence()
    {
        return lastSequence;
    }

    public void lastSequence(final long sequence)
    {
        lastSequence = sequence;
    }

    /**
     * Copies the best {@code n} levels of a side into the arrays (price and size mantissas at the book's exponents).
     *
     * @return how many levels were copied: {@code min(n, depth, array lengths)}.
     */
    public int top(final Side side, final int n, final long[] prices, final long[] sizes)
    {
        final PriceLevels levels = side(side);
        final int count = Math.min(Math.min(n, levels.depth()), Math.min(prices.length, sizes.length));
        for (int i = 0; i < count; i++)
        {
            prices[i] = levels.price(i);
            sizes[i] = levels.size(i);
        }
        return count;
    }

    /** @return the mantissa at the book's exponent, rescaling the book if needed; MIN_VALUE if not exact. */
    private long scale(final long mantissa, final int exponent, final boolean price)
    {
        final int current = price ? priceExponent : sizeExponent;
        if (current == UNSET)
        {
            setExponent(price, exponent);
            return mantissa;
        }
        if (exponent == current)
        {
            return mantissa;
        }
        if (exponent > current)
        {
            return multiply(mantissa, exponent - current);
        }
        final int digits = current - exponent;
        if (digits >= POWERS_OF_TEN.length ||
            !bids.fits(POWERS_OF_TEN[digits], price) || !asks.fits(POWERS_OF_TEN[digits], price))
        {
            return Long.MIN_VALUE;
        }
        bids.rescale(POWERS_OF_TEN[digits], price);
        asks.rescale(POWERS_OF_TEN[digits], price);
        setExponent(price, exponent);
        return mantissa;
    }

    private void setExponent(final boolean price, final int exponent)
    {
        if (price)
        {
            priceExponent = exponent;
        }
        else
        {
            sizeExponent = exponent;
        }
    }

    private static long multiply(final long mantissa, final int digits)
    {
        if (digits >= POWERS_OF_TEN.length || Math.abs(mantissa) > Long.MAX_VALUE / POWERS_OF_TEN[digits])
        {
            return Long.MIN_VALUE;
        }
        return mantissa * POWERS_OF_TEN[digits];
    }
}
