package zvt.crypto.feed.simulator;

import zvt.crypto.core.book.OrderBook;
import zvt.crypto.core.book.PriceLevels;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A book's levels and update id, copied on the ring thread so the fault soaks can compare it with the simulator's
 * ground truth on another thread (as exact decimals, whatever exponents the book and the truth use).
 *
 * @param instrumentId the book's instrument.
 * @param sequence     the book's last update id as the feed journaled it (the venue's id).
 * @param servable     whether the book was good and not crossed when copied.
 * @param bids         price and size, best first.
 * @param asks         price and size, best first.
 */
record BookSample(int instrumentId, long sequence, boolean servable, List<BigDecimal[]> bids,
    List<BigDecimal[]> asks)
{
    static BookSample of(final OrderBook book)
    {
        return new BookSample(book.instrumentId(), book.lastSequence(), book.isServable(), levels(book, book.bids()),
            levels(book, book.asks()));
    }

    /** Same levels as the truth, and the truth is as of {@link #sequence} (venues whose book ids are the truth's). */
    boolean matches(final GroundTruthBook truth)
    {
        return sequence == truth.lastUpdateId() && matchesLevels(truth);
    }

    /** Same levels as the truth, whatever its update id (venues whose ids are not the truth's). */
    boolean matchesLevels(final GroundTruthBook truth)
    {
        return same(bids, truth.bidPrices(), truth.bidSizes()) && same(asks, truth.askPrices(), truth.askSizes());
    }

    public String toString()
    {
        return instrumentId + "@" + sequence + " bids " + bids.size() + " (best " +
            (bids.isEmpty() ? "-" : bids.get(0)[0] + "x" + bids.get(0)[1]) + ") asks " + asks.size() + " (best " +
            (asks.isEmpty() ? "-" : asks.get(0)[0] + "x" + asks.get(0)[1]) + ")";
    }

    private static List<BigDecimal[]> levels(final OrderBook book, final PriceLevels side)
    {
        final List<BigDecimal[]> levels = new ArrayList<>(side.depth());
        for (int i = 0; i < side.depth(); i++)
        {
            levels.add(new BigDecimal[]{BigDecimal.valueOf(side.price(i), -book.priceExponent()),
                BigDecimal.valueOf(side.size(i), -book.sizeExponent())});
        }
        return levels;
    }

    private static boolean same(final List<BigDecimal[]> levels, final long[] prices, final long[] sizes)
    {
        if (levels.size() != prices.length)
        {
            return false;
        }
        for (int i = 0; i < prices.length; i++)
        {
            if (levels.get(i)[0].compareTo(BigDecimal.valueOf(prices[i], -GroundTruthBook.EXPONENT)) != 0 ||
                levels.get(i)[1].compareTo(BigDecimal.valueOf(sizes[i], -GroundTruthBook.EXPONENT)) != 0)
            {
                return false;
            }
        }
        return true;
    }
}
