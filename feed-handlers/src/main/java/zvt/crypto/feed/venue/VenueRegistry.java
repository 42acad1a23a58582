package zvt.crypto.feed.venue;

import zvt.crypto.feed.binance.BinanceAdapter;
import zvt.crypto.feed.bybit.BybitAdapter;
import zvt.crypto.feed.coinbase.CoinbaseAdapter;
import zvt.crypto.feed.okx.OkxAdapter;

import java.util.List;
import java.util.Locale;

/**
 * Every venue the node can connect to, by configuration name. Adding a venue is one line here plus its package.
 */
public final class VenueRegistry
{
    private static final List<VenueAdapter> VENUES = List.of(
        new BinanceAdapter(),
        new BybitAdapter(),
        new CoinbaseAdapter(),
        new OkxAdapter());

    private VenueRegistry()
    {
    }

    public static List<VenueAdapter> all()
    {
        return VENUES;
    }

    /** @throws IllegalArgumentException listing the known venues, if {@code name} is not one. */
    public static VenueAdapter byName(final String name)
    {
        for (final VenueAdapter venue : VENUES)
        {
            if (venue.configName().equals(name.trim().toLowerCase(Locale.ROOT)))
            {
                return venue;
            }
        }
        throw new IllegalArgumentException("unknown venue '" + name + "'; known venues: " +
            VENUES.stream().map(VenueAdapter::configName).toList());
    }
}
