package zvt.crypto.feed.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.concurrent.EpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator's REST API with the JDK HTTP client: shapes, request weights, rate limiting and REST faults. */
class SimulatorRestTest
{
    /** Request weight is counted per wall-clock minute: a frozen clock keeps the tests off a minute boundary. */
    private static final EpochClock FROZEN_CLOCK = () -> 1_700_000_010_000L;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private BinanceSimulator simulator;

    @AfterEach
    void close()
    {
        if (simulator != null)
        {
            simulator.close();
        }
        http.close();
    }

    @Test
    void shouldServeExchangeInfoKlinesAndDepthWithBinanceWeights() throws Exception
    {
        simulator = BinanceSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(0).epochClock(FROZEN_CLOCK)
            .instrument(new SimulatedInstrument("ABCUSDT", "1.2345", "0.0001", "0.01")));

        final HttpResponse<String> info = get("/api/v3/exchangeInfo?symbol=ABCUSDT");
        assertEquals(200, info.statusCode());
        assertEquals("20", info.headers().firstValue("X-MBX-USED-WEIGHT-1M").orElseThrow());
        final JsonNode symbol = MAPPER.readTree(info.body()).get("symbols").get(0);
        assertEquals("ABCUSDT", symbol.get("symbol").textValue());
        assertEquals("ABC", symbol.get("baseAsset").textValue());
        assertEquals("USDT", symbol.get("quoteAsset").textValue());
        assertEquals("0.00010000", filter(symbol, "PRICE_FILTER").get("tickSize").textValue());
        assertEquals("0.01000000", filter(symbol, "LOT_SIZE").get("stepSize").textValue());
        final JsonNode all = MAPPER.readTree(get("/api/v3/exchangeInfo").body()).get("symbols");
        assertTrue(all.size() >= 8, "defaults and configured symbols: " + all.size());

        final HttpResponse<String> klines = get("/api/v3/klines?symbol=BTCUSDT&interval=1m&limit=3");
        assertEquals("42", klines.headers().firstValue("X-MBX-USED-WEIGHT-1M").orElseThrow());
        final JsonNode rows = MAPPER.readTree(klines.body());
        assertEquals(3, rows.size());
        for (int i = 0; i < rows.size(); i++)
        {
            final JsonNode row = rows.get(i);
            assertEquals(12, row.size());
            assertEquals(59_999, row.get(6).longValue() - row.get(0).longValue(), row.toString());
            assertTrue(row.get(1).isTextual() && row.get(8).isIntegralNumber(), row.toString());
            if (i > 0)
            {
                assertEquals(rows.get(i - 1).get(0).longValue() + 60_000, row.get(0).longValue());
            }
        }
        final long start = rows.get(0).get(0).longValue();
        assertEquals(rows.get(1), MAPPER.readTree(get("/api/v3/klines?symbol=BTCUSDT&interval=1m&startTime=" +
            (start + 1) + "&limit=1").body()).get(0), "the same history on every call");

        assertEquals("49", get("/api/v3/depth?symbol=BTCUSDT").headers().firstValue("X-MBX-USED-WEIGHT-1M")
            .orElseThrow());
        assertEquals("74", get("/api/v3/depth?symbol=BTCUSDT&limit=500").headers()
            .firstValue("X-MBX-USED-WEIGHT-1M").orElseThrow());
        final HttpResponse<String> missing = get("/api/v3/depth?limit=5");
        assertEquals(400, missing.statusCode());
        assertEquals(-1102, MAPPER.readTree(missing.body()).get("code").intValue());
        assertEquals(404, get("/api/v3/ticker").statusCode());
    }

    @Test
    void shouldAnswer429WithRetryAfterBeyondTheWeightLimit() throws Exception
    {
        simulator = BinanceSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(0).epochClock(FROZEN_CLOCK)
            .restWeightPerMinute(28));

        assertEquals(200, get("/api/v3/exchangeInfo?symbol=BTCUSDT").statusCode());
        assertEquals(200, get("/api/v3/depth?symbol=BTCUSDT&limit=10").statusCode());
        final HttpResponse<String> limited = get("/api/v3/depth?symbol=BTCUSDT&limit=10");

        assertEquals(429, limited.statusCode());
        final long retryAfter = Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
        assertEquals(-1003, MAPPER.readTree(limited.body()).get("code").intValue());
    }

    @Test
    void shouldInjectRestFaults() throws Exception
    {
        simulator = BinanceSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(0)
            .faults(new SimulatorFaults().rest429Probability(1).retryAfterSeconds(3)));
        final HttpResponse<String> throttled = get("/api/v3/depth?symbol=BTCUSDT");
        assertEquals(429, throttled.statusCode());
        assertEquals("3", throttled.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(1, simulator.faults().count(FaultKind.REST_429));
        simulator.close();

        simulator = BinanceSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(0)
            .faults(new SimulatorFaults().rest5xxProbability(1)));
        assertEquals(503, get("/api/v3/klines?symbol=BTCUSDT&interval=1h").statusCode());
        assertEquals(1, simulator.faults().count(FaultKind.REST_5XX));
        simulator.close();

        simulator = BinanceSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(0)
            .faults(new SimulatorFaults().slowSnapshotMs(400)));
        final long start = System.nanoTime();
        final HttpResponse<String> slow = get("/api/v3/depth?symbol=BTCUSDT");
        final long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(200, slow.statusCode());
        assertTrue(elapsedMs >= 400, "answered after " + elapsedMs + " ms");
        assertEquals(1, simulator.faults().count(FaultKind.SLOW_SNAPSHOT));
        assertEquals(simulator.groundTruth("BTCUSDT").lastUpdateId(),
            MAPPER.readTree(slow.body()).get("lastUpdateId").longValue());
    }

    private HttpResponse<String> get(final String pathAndQuery) throws Exception
    {
        return http.send(HttpRequest.newBuilder(URI.create(simulator.restUri() + pathAndQuery)).timeout(TIMEOUT)
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode filter(final JsonNode symbol, final String type)
    {
        for (final JsonNode filter : symbol.get("filters"))
        {
            if (type.equals(filter.get("filterType").textValue()))
            {
                return filter;
            }
        }
        throw new AssertionError("no " + type + " in " + symbol);
    }
}
