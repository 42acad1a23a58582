package zvt.crypto.persistence;

import java.util.Locale;

import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;

/**
 * The database's names for venues and instruments: {@code exchange} is the lower-case venue ({@code binance}),
 * {@code entity_id} is market type, venue and normalized symbol ({@code spot_binance_BTC-USDT}).
 * Thread-safety: static and stateless.
 */
public final class EntityIds
{
    private EntityIds()
    {
    }

    public static String exchange(final Venue venue)
    {
        return venue.name().toLowerCase(Locale.ROOT);
    }

    public static String marketType(final MarketType marketType)
    {
        return marketType.name().toLowerCase(Locale.ROOT);
    }

    public static String entityId(final Venue venue, final MarketType marketType, final String symbol)
    {
        return marketType(marketType) + '_' + exchange(venue) + '_' + symbol;
    }
}
