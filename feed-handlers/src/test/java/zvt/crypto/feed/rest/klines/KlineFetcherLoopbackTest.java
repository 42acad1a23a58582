package zvt.crypto.feed.rest.klines;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import zvt.crypto.core.candle.CandleBar;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.feed.rest.RestClient;
import zvt.crypto.feed.rest.RestClientContext;
import zvt.crypto.feed.simulator.rest.KlineRoutes;
import zvt.crypto.feed.simulator.rest.RestFaults;
import zvt.crypto.feed.simulator.rest.RestSimulator;
import zvt.crypto.feed.simulator.rest.RestSimulatorContext;
import zvt.crypto.feed.simulator.rest.SyntheticCandle;
import zvt.crypto.feed.simulator.rest.SyntheticCandleMarket;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each venue's kline client pages through a range served by the REST simulator in that venue's own protocol, through
 * injected 429s and 5xx, and gets exactly the simulator's candles, each once, oldest first.
 */
class KlineFetcherLoopbackTest
{
    private static final long MINUTE_MS = 60_000;
    private static final long LISTED_MS = 1_700_006_400_000L;
    private static final long NOW_MS = LISTED_MS + 3 * 24 * 60 * MINUTE_MS + 30_000;

    @ParameterizedTest
    @EnumSource(value = Venue.class, names = {"BINANCE", "OKX", "BYBIT", "COINBASE"})
    void shouldFetchEveryCandleOfTheRangeOnceThroughFaults(final Venue venue) throws Exception
    {
        final KlineApi api = KlineApi.of(venue);
        final String venueSymbol = api.venueSymbol(venue == Venue.COINBASE ? "BTC-USD" : "BTC-USDT");
        final SyntheticCandleMarket market = new SyntheticCandleMarket(5, LISTED_MS, () -> NOW_MS);
        final long fromMs = LISTED_MS - 90 * MINUTE_MS;
        final long toMs = LISTED_MS + (venue == Venue.OKX ? 900 : 2_500) * MINUTE_MS;
        try (RestSimulator server = RestSimulator.launch(KlineRoutes.mount(new RestSimulatorContext()
                .faults(new RestFaults().serverErrorEvery(4, 503).rateLimitEvery(7, 0)),
                venue, market, List.of(venueSymbol)));
            RestClient client = new RestClient(new RestClientContext().name(venue.name()).limiter(api.newLimiter())
                .retryInitialDelayMs(5).retryMaxDelayMs(20)))
        {
            final KlineFetcher fetcher = new KlineFetcher(client, api, server.baseUri(),
                () -> TimeUnit.MILLISECONDS.toNanos(NOW_MS));
            final List<CandleBar> fetched = new ArrayList<>();
            final KlineFetcher.Result result = fetcher.fetch(venueSymbol, 3, CandleInterval.M1, fromMs, toMs,
                (candles, windowStart, windowEnd) ->
                {
                    candles.forEach(bar -> fetched.add(new CandleBar().copyFrom(bar)));
                    return true;
                });

            final List<SyntheticCandle> expected =
                market.select(venueSymbol, CandleInterval.M1, fromMs, toMs - 1, Integer.MAX_VALUE, true);
            assertEquals(2_500 - (venue == Venue.OKX ? 1_600 : 0), expected.size());
            assertEquals(expected.size(), fetched.size(), venue + " candles");
            for (int i = 0; i < expected.size(); i++)
            {
                assertCandle(expected.get(i), fetched.get(i), venue + " candle " + i);
            }
            final long pages = (toMs - fromMs + MINUTE_MS * api.pageSize() - 1) / (MINUTE_MS * api.pageSize());
            assertEquals(pages, result.pages(), "one request per window of " + api.pageSize());
            assertTrue(result.completed());
            assertEquals(toMs, result.nextFromMs());
            assertTrue(server.counters().serverErrors() > 0 || server.counters().requests() < 4);
            assertEquals(server.counters().requests(), pages + client.counters().retries(),
                "every failed request was retried, nothing else");
            assertEquals(0, client.counters().failures());
        }
    }

    private static void assertCandle(final SyntheticCandle expected, final CandleBar bar, final String what)
    {
        assertEquals(TimeUnit.MILLISECONDS.toNanos(expected.openTimeMs()), bar.openTimeNanos(), what);
        assertEquals(0, expected.open().compareTo(dec(bar.openMantissa(), bar.openExponent())), what + " open");
        assertEquals(0, expected.high().compareTo(dec(bar.highMantissa(), bar.highExponent())), what + " high");
        assertEquals(0, expected.low().compareTo(dec(bar.lowMantissa(), bar.lowExponent())), what + " low");
        assertEquals(0, expected.close().compareTo(dec(bar.closeMantissa(), bar.closeExponent())), what + " close");
        assertEquals(0, expected.volume().compareTo(bar.volume().toBigDecimal()), what + " volume");
        if (bar.venue() != Venue.COINBASE)
        {
            assertEquals(0, expected.quoteVolume().compareTo(bar.quoteVolume().toBigDecimal()), what + " quote");
        }
        if (bar.venue() == Venue.BINANCE)
        {
            assertEquals(expected.tradeCount(), bar.tradeCount(), what + " trades");
        }
        assertTrue(bar.isClosed());
    }

    private static BigDecimal dec(final long mantissa, final int exponent)
    {
        return BigDecimal.valueOf(mantissa, -exponent);
    }
}
