package zvt.crypto.core.instrument;

import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;

/**
 * An instrument interned to an int id. Tick and lot sizes are mantissas at the instrument's price and size
 * exponents (tick 1 at price exponent -2 is 0.01); 0 means not yet known (until the venue's reference data arrives).
 *
 * @param id           dense id, stable for the life of a journal.
 * @param venue        where it trades.
 * @param marketType   spot, perpetual, future or option.
 * @param venueSymbol  the venue's own spelling, e.g. {@code BTCUSDT}.
 * @param symbol       normalized {@code BASE-QUOTE}, e.g. {@code BTC-USDT}.
 */
public record Instrument(
    int id,
    Venue venue,
    MarketType marketType,
    String venueSymbol,
    String symbol,
    int priceExponent,
    int sizeExponent,
    long tickSize,
    long lotSize)
{
    /** @return true once the venue's reference data has given the tick and lot sizes. */
    public boolean sizesKnown()
    {
        return tickSize != 0 && lotSize != 0;
    }

    /** The same instrument with the sizes its venue's reference data gives. */
    public Instrument withSizes(
        final int priceExponent, final int sizeExponent, final long tickSize, final long lotSize)
    {
        return new Instrument(
            id, venue, marketType, venueSymbol, symbol, priceExponent, sizeExponent, tickSize, lotSize);
    }

    public static Instrument of(
        final int id, final Venue venue, final MarketType marketType, final String venueSymbol, final String symbol)
    {
        return new Instrument(id, venue, marketType, venueSymbol, symbol, 0, 0, 0, 0);
    }
}
