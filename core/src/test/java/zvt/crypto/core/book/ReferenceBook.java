package zvt.crypto.core.book;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The naive book the fast one is checked against: two sorted maps of exact decimals. Prices compare by value
 * ({@code 1.50} equals {@code 1.5}), sizes are kept as given.
 */
public final class ReferenceBook
{
    private final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
    private final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();

    public void clear()
    {
        bids.clear();
        asks.clear();
    }

    public void set(final boolean bid, final BigDecimal price, final BigDecimal size)
    {
        final TreeMap<BigDecimal, BigDecimal> side = bid ? bids : asks;
        if (size.signum() == 0)
        {
            side.remove(price);
        }
        else
        {
            side.put(price, size);
        }
    }

    public boolean isCrossed()
    {
        return !bids.isEmpty() && !asks.isEmpty() && bids.firstKey().compareTo(asks.firstKey()) >= 0;
    }

    /** Levels best first as "price=size" with trailing zeros stripped, for comparison with {@link #levels}. */
    public List<String> levels(final boolean bid)
    {
        final List<String> levels = new ArrayList<>();
        for (final Map.Entry<BigDecimal, BigDecimal> level : (bid ? bids : asks).entrySet())
        {
            levels.add(plain(level.getKey()) + "=" + plain(level.getValue()));
        }
        return levels;
    }

    /** The same rendering of a fast book's side. */
    public static List<String> levels(final OrderBook book, final boolean bid)
    {
        final PriceLevels side = bid ? book.bids() : book.asks();
        final List<String> levels = new ArrayList<>();
        for (int i = 0; i < side.depth(); i++)
        {
            levels.add(plain(BigDecimal.valueOf(side.price(i), -book.priceExponent())) + "=" +
                plain(BigDecimal.valueOf(side.size(i), -book.sizeExponent())));
        }
        return levels;
    }

    private static String plain(final BigDecimal value)
    {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
