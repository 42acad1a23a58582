package zvt.crypto.feed.coinbase;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Tick and lot sizes from the products response into the registry. */
class CoinbaseProductsTest
{
    /** The documented shape of {@code GET /api/v3/brokerage/market/products} (fields we do not read abridged). */
    private static final String BODY = "{\"products\":[{\"product_id\":\"BTC-USD\",\"price\":\"65083.67\"," +
        "\"base_increment\":\"0.00000001\",\"quote_increment\":\"0.01\",\"price_increment\":\"0.01\"," +
        "\"product_type\":\"SPOT\",\"status\":\"online\",\"fcm_trading_session_details\":null," +
        "\"future_product_details\":{\"venue\":\"\",\"contract_size\":\"\"},\"alias_to\":[]}," +
        "{\"product_id\":\"ETH-USD\",\"base_increment\":\"0.00000001\",\"price_increment\":\"0.010\"}," +
        "{\"product_id\":\"SOL-USD\",\"base_increment\":\"0.001\",\"price_increment\":\"0.01\"}]," +
        "\"num_products\":3}";

    @Test
    void shouldRefineTheSubscribedInstrumentsWithTickAndLotSizes()
    {
        final InstrumentRegistry registry = new InstrumentRegistry();
        final Instrument btc = registry.intern(Venue.COINBASE, MarketType.SPOT, "BTC-USD", "BTC-USD");
        final Instrument eth = registry.intern(Venue.COINBASE, MarketType.SPOT, "ETH-USD", "ETH-USD");
        final byte[] body = BODY.getBytes(StandardCharsets.US_ASCII);
        final List<CoinbaseProducts.ProductInfo> products =
            CoinbaseProducts.parse(new UnsafeBuffer(body), 0, body.length);
        assertEquals(new CoinbaseProducts.ProductInfo("BTC-USD", -2, 1, -8, 1), products.get(0));
        assertEquals(new CoinbaseProducts.ProductInfo("ETH-USD", -2, 1, -8, 1), products.get(1));
        assertEquals(new CoinbaseProducts.ProductInfo("SOL-USD", -2, 1, -3, 1), products.get(2));

        assertEquals(2, CoinbaseProducts.refine(registry, products).size());
        assertEquals(new Instrument(btc.id(), Venue.COINBASE, MarketType.SPOT, "BTC-USD", "BTC-USD", -2, -8, 1, 1),
            registry.byIdOrNull(btc.id()));
        assertEquals(-2, registry.byIdOrNull(eth.id()).priceExponent());
    }

    @Test
    void shouldRefuseABodyThatIsNotAProductsResponse()
    {
        for (final String body : List.of("[]", "{\"error\":\"NOT_FOUND\"}", "{\"products\":[{\"price\":\"1\"}]}",
            "{\"products\":[{\"product_id\":\"X-Y\",\"price_increment\":\"abc\"}]}"))
        {
            final byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
            assertThrows(IllegalArgumentException.class,
                () -> CoinbaseProducts.parse(new UnsafeBuffer(bytes), 0, bytes.length), body);
        }
    }
}
