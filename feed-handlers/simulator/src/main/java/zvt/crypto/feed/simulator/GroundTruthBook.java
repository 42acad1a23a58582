package zvt.crypto.feed.simulator;

import java.util.Arrays;

/**
 * The simulator's own book of one symbol as of one depth update id: what a client that applied every diff up to and
 * including {@code lastUpdateId} must hold. Prices and sizes are mantissas at exponent {@link #EXPONENT} (Binance's
 * eight decimals); bids best (highest) first, asks best (lowest) first, no zero sizes. Immutable; safe to share.
 *
 * @param venueSymbol  e.g. {@code BTCUSDT}.
 * @param lastUpdateId the {@code u} of the last diff applied ({@code lastUpdateId} of a REST snapshot).
 */
public record GroundTruthBook(
    String venueSymbol, long lastUpdateId, long[] bidPrices, long[] bidSizes, long[] askPrices, long[] askSizes)
{
    public static final int EXPONENT = -SimulatedInstrument.DECIMALS;

    public int bidDepth()
    {
        return bidPrices.length;
    }

    public int askDepth()
    {
        return askPrices.length;
    }

    public boolean equals(final Object other)
    {
        return other instanceof final GroundTruthBook that && venueSymbol.equals(that.venueSymbol) &&
            lastUpdateId == that.lastUpdateId && Arrays.equals(bidPrices, that.bidPrices) &&
            Arrays.equals(bidSizes, that.bidSizes) && Arrays.equals(askPrices, that.askPrices) &&
            Arrays.equals(askSizes, that.askSizes);
    }

    public int hashCode()
    {
        return Long.hashCode(lastUpdateId) * 31 + Arrays.hashCode(bidPrices) + Arrays.hashCode(askPrices);
    }

    public String toString()
    {
        return venueSymbol + "@" + lastUpdateId + " bids " + levels(bidPrices, bidSizes) + " asks " +
            levels(askPrices, askSizes);
    }

    private static String levels(final long[] prices, final long[] sizes)
    {
        final StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < prices.length && i < 5; i++)
        {
            text.append(i == 0 ? "" : ", ").append(prices[i]).append('x').append(sizes[i]);
        }
        return text.append(prices.length > 5 ? ", ... " + prices.length + " levels]" : "]").toString();
    }
}
