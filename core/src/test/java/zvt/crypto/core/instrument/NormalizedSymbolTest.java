package zvt.crypto.core.instrument;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.MarketType;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NormalizedSymbolTest
{
    @Test
    void shouldReadSpotAndPerpetualSymbols()
    {
        assertEquals(new NormalizedSymbol("BTC", "USDT", MarketType.SPOT), NormalizedSymbol.parse("BTC-USDT"));
        assertEquals(new NormalizedSymbol("BTC", "USDT", MarketType.PERPETUAL),
            NormalizedSymbol.parse("BTC-USDT-PERP"));
        assertEquals("1000SATS-USDT-PERP", NormalizedSymbol.parse("1000SATS-USDT-PERP").toString());
        assertEquals("ETHBTC", NormalizedSymbol.parse("ETH-BTC").concatenated());
    }

    @ParameterizedTest
    @ValueSource(strings = {"BTCUSDT", "btc-usdt", "BTC-", "-USDT", "BTC-USDT-SWAP", "BTC-USD-220527", "A-B-C",
        "BTC--USDT", "BTC-USDT-PERP-PERP", "", "BTC/USDT"})
    void shouldRefuseAnythingElseWithAMessageThatShowsTheScheme(final String text)
    {
        final IllegalArgumentException error =
            assertThrows(IllegalArgumentException.class, () -> NormalizedSymbol.parse(text));
        assertTrue(error.getMessage().contains("BASE-QUOTE-PERP"), error.getMessage());
    }
}
