package zvt.crypto.ops.launch;

import org.junit.jupiter.api.Test;
import zvt.crypto.feed.venue.VenueSettings;
import zvt.crypto.ops.config.NodeConfig;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VenueConfigTest
{
    @Test
    void shouldBuildOneSettingsPerConfiguredVenueFromItsSection()
    {
        final List<VenueSettings> venues = MarketDataNode.venueSettings(NodeConfig.defaults(Map.of(
            "ZVT_BINANCE_SYMBOLS", "SOL-USDT,BTC-USDT-PERP")));

        assertEquals(1, venues.size());
        assertEquals("binance", venues.getFirst().adapter().configName());
        assertEquals("SOL-USDT,BTC-USDT-PERP", String.join(",",
            venues.getFirst().symbols().stream().map(Object::toString).toList()));
    }

    @Test
    void shouldRefuseAnUnknownVenueListingTheKnownOnes()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> MarketDataNode.venueSettings(NodeConfig.defaults(Map.of("ZVT_VENUES", "binance,kraken"))));
        assertTrue(error.getMessage().startsWith("unknown venue 'kraken'; known venues: [binance"), error.getMessage());
    }

    @Test
    void shouldRefuseAMalformedSymbolNamingTheKey()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> MarketDataNode.venueSettings(NodeConfig.defaults(Map.of("ZVT_BINANCE_SYMBOLS", "btc/usdt"))));
        assertTrue(error.getMessage().startsWith("binance.symbols: symbol 'btc/usdt' is not BASE-QUOTE"),
            error.getMessage());
    }

    @Test
    void shouldRefuseAVenueNamedTwice()
    {
        assertThrows(IllegalArgumentException.class,
            () -> MarketDataNode.venueSettings(NodeConfig.defaults(Map.of("ZVT_VENUES", "binance,BINANCE"))));
    }
}
