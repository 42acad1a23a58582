package zvt.crypto.feed.simulator.rest;

import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.feed.rest.RestClient;
import zvt.crypto.feed.rest.RestClientContext;
import zvt.crypto.feed.rest.RestException;
import zvt.crypto.feed.rest.RestRequest;
import zvt.crypto.feed.rest.RestResponse;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestSimulatorTest
{
    private static final long LISTED_MS = 1_700_006_400_000L;
    private static final long NOW_MS = LISTED_MS + 86_400_000L;

    @Test
    void shouldRefuseRequestsOverTheWeightBudgetWithRetryAfter() throws Exception
    {
        final SyntheticCandleMarket market = new SyntheticCandleMarket(1, LISTED_MS, () -> NOW_MS);
        try (RestSimulator server = RestSimulator.launch(KlineRoutes.mount(
                new RestSimulatorContext().weightBudget(4, 10_000), Venue.BINANCE, market, List.of("BTCUSDT")));
            RestClient client = new RestClient(new RestClientContext().maxAttempts(1)))
        {
            final RestRequest request = RestRequest.get(server.baseUri(), BinanceKlinesRoute.PATH)
                .query("symbol", "BTCUSDT").query("interval", "1m").query("limit", 5);
            assertEquals(200, client.get(request).status());
            assertEquals(200, client.get(request).status());

            final RestException refused = assertThrows(RestException.class, () -> client.get(request));

            assertEquals(429, refused.status());
            final long retryAfterMs = refused.response().retryAfterMs(System.currentTimeMillis());
            assertTrue(retryAfterMs >= 1_000 && retryAfterMs <= 10_000, "until the window ends: " + retryAfterMs);
            assertEquals(1, server.counters().overBudget());
            assertEquals("4", refused.response().header("X-Used-Weight"));
        }
    }

    @Test
    void shouldAnswerBadRequestsAsEachVenueDoes() throws Exception
    {
        final SyntheticCandleMarket market = new SyntheticCandleMarket(1, LISTED_MS, () -> NOW_MS);
        final RestSimulatorContext context = new RestSimulatorContext();
        KlineRoutes.mount(context, Venue.BINANCE, market, List.of("BTCUSDT"));
        KlineRoutes.mount(context, Venue.OKX, market, List.of("BTC-USDT"));
        KlineRoutes.mount(context, Venue.COINBASE, market, List.of("BTC-USD"));
        try (RestSimulator server = RestSimulator.launch(context);
            RestClient client = new RestClient(new RestClientContext().maxAttempts(1)))
        {
            final RestResponse binance = client.get(RestRequest.get(server.baseUri(), BinanceKlinesRoute.PATH)
                .query("symbol", "NOPE").query("interval", "1m"));
            final RestResponse okx = client.get(RestRequest.get(server.baseUri(), OkxCandlesRoute.HISTORY_PATH)
                .query("instId", "NOPE-USDT"));
            final RestResponse coinbase = client.get(
                RestRequest.get(server.baseUri(), CoinbaseCandlesRoute.path("BTC-USD"))
                .query("granularity", 60).query("start", "2023-11-15T00:00:00Z").query("end", "2023-11-16T00:00:00Z"));

            assertEquals(400, binance.status());
            assertTrue(binance.bodyAsString().contains("-1121"));
            assertEquals(200, okx.status(), "OKX answers errors with HTTP 200 and a code");
            assertTrue(okx.bodyAsString().contains("\"51001\""));
            assertEquals(400, coinbase.status(), "more than 300 candles in one request");
        }
    }

    @Test
    void shouldServeTheSameContinuousHistoryForTheSameSeed()
    {
        final SyntheticCandleMarket first = new SyntheticCandleMarket(9, LISTED_MS, () -> NOW_MS);
        final SyntheticCandleMarket second = new SyntheticCandleMarket(9, LISTED_MS, () -> NOW_MS);

        final List<SyntheticCandle> minutes =
            first.select("BTCUSDT", CandleInterval.M1, LISTED_MS, LISTED_MS + 3_599_999, 1_000, true);
        final List<SyntheticCandle> hour =
            second.select("BTCUSDT", CandleInterval.H1, LISTED_MS, LISTED_MS, 1, true);

        assertEquals(60, minutes.size());
        assertEquals(minutes, second.select("BTCUSDT", CandleInterval.M1, LISTED_MS, LISTED_MS + 3_599_999, 1_000,
            true));
        for (int i = 1; i < minutes.size(); i++)
        {
            assertEquals(minutes.get(i - 1).close(), minutes.get(i).open(), "each open is the previous close");
            assertTrue(minutes.get(i).low().compareTo(minutes.get(i).high()) <= 0);
        }
        SyntheticCandle rolled = minutes.get(0);
        for (int i = 1; i < minutes.size(); i++)
        {
            rolled = rolled.merge(minutes.get(i), 3_600_000);
        }
        assertEquals(List.of(rolled), hour);
        assertTrue(first.select("BTCUSDT", CandleInterval.M1, LISTED_MS - 3_600_000, LISTED_MS - 1, 100, true)
            .isEmpty(), "nothing before the listing");
    }
}
