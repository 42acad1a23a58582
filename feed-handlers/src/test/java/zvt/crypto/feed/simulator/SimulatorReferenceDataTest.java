package zvt.crypto.feed.simulator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.feed.binance.BinanceAdapter;
import zvt.crypto.feed.bybit.BybitAdapter;
import zvt.crypto.feed.coinbase.CoinbaseAdapter;
import zvt.crypto.feed.okx.OkxAdapter;
import zvt.crypto.feed.rest.RestClient;
import zvt.crypto.feed.rest.RestClientContext;
import zvt.crypto.feed.venue.VenueAdapter;
import zvt.crypto.feed.venue.VenueSettings;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every venue simulator answers its venue's instruments REST, so a feed pointed at it learns tick and lot sizes
 * through the adapter's own reference-data path, as it would from the venue (the demo's instruments are not left
 * with unknown sizes).
 */
class SimulatorReferenceDataTest
{
    static Stream<Arguments> markets()
    {
        return Stream.of(
            Arguments.of(new BinanceAdapter(), MarketType.SPOT, "BTCUSDT", "BTC-USDT"),
            Arguments.of(new OkxAdapter(), MarketType.SPOT, "BTC-USDT", "BTC-USDT"),
            Arguments.of(new OkxAdapter(), MarketType.PERPETUAL, "BTC-USDT-SWAP", "BTC-USDT-PERP"),
            Arguments.of(new BybitAdapter(), MarketType.SPOT, "BTCUSDT", "BTC-USDT"),
            Arguments.of(new BybitAdapter(), MarketType.PERPETUAL, "BTCUSDT", "BTC-USDT-PERP"),
            Arguments.of(new CoinbaseAdapter(), MarketType.SPOT, "BTC-USD", "BTC-USD"));
    }

    @ParameterizedTest
    @MethodSource("markets")
    void shouldGiveTheFeedTheSimulatedTickAndLotSizes(
        final VenueAdapter adapter, final MarketType marketType, final String venueSymbol, final String symbol)
        throws Exception
    {
        try (VenueSimulators simulators = VenueSimulators.launch(List.of(adapter.venue()),
            new BinanceSimulatorContext().port(0).messagesPerSecond(0));
            RestClient client = new RestClient(new RestClientContext().name("reference-data").maxAttempts(1)))
        {
            final InstrumentRegistry registry = new InstrumentRegistry();
            final Instrument instrument = registry.intern(adapter.venue(), marketType, venueSymbol, symbol);
            final VenueSettings settings = new VenueSettings(adapter, simulators.feedSettings(adapter.venue()));

            // The answer is applied by the time the future completes: the feed connects only then.
            adapter.refineInstruments(client, settings, registry, List.of(instrument)).get(10, TimeUnit.SECONDS);

            final Instrument refined = registry.byVenueSymbol(adapter.venue(), marketType, venueSymbol);
            // The simulator trades BTC at a 0.01 tick and a 0.00001 lot on every venue.
            assertEquals(List.of(-2, 1L, -5, 1L),
                List.of(refined.priceExponent(), refined.tickSize(), refined.sizeExponent(), refined.lotSize()),
                refined::toString);
            assertEquals(instrument.id(), refined.id());
        }
    }
}
