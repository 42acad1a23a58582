package zvt.crypto.feed.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.feed.test.WebSocketTestClient;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The synthetic market's books over real sockets: every stream kind in Binance's shape, contiguous depth update ids,
 * a REST snapshot consistent with the diff stream, the documented sync reaching exactly the ground-truth book, and
 * determinism for a seed.
 */
class SimulatorBookTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<BinanceSimulator> simulators = new ArrayList<>();

    @AfterEach
    void close()
    {
        simulators.forEach(BinanceSimulator::close);
        http.close();
    }

    @Test
    void shouldStreamEveryKindInBinanceShape() throws Exception
    {
        final BinanceSimulator simulator = launch(new BinanceSimulatorContext().messagesPerSecond(5_000)
            .klinePushIntervalMs(100));
        try (WebSocketTestClient client = WebSocketTestClient.connect(simulator.webSocketUri() +
            "/stream?streams=ethusdt@trade/ethusdt@aggTrade/ethusdt@bookTicker/ethusdt@depth@100ms/ethusdt@kline_1m"))
        {
            final JsonNode trade = next(client, "ethusdt@trade");
            assertEquals("trade", trade.get("e").textValue());
            assertEquals("ETHUSDT", trade.get("s").textValue());
            assertTrue(trade.get("p").isTextual() && trade.get("q").isTextual() && trade.get("m").isBoolean());

            final JsonNode aggTrade = next(client, "ethusdt@aggTrade");
            assertEquals("aggTrade", aggTrade.get("e").textValue());
            assertEquals(aggTrade.get("f").longValue(), aggTrade.get("l").longValue());

            final JsonNode ticker = next(client, "ethusdt@bookTicker");
            assertTrue(ticker.has("u") && !ticker.has("e"), "spot bookTicker has u and no e: " + ticker);
            assertTrue(new BigDecimal(ticker.get("b").textValue()).compareTo(
                new BigDecimal(ticker.get("a").textValue())) < 0, "bid below ask: " + ticker);

            final JsonNode depth = next(client, "ethusdt@depth@100ms");
            assertEquals("depthUpdate", depth.get("e").textValue());
            assertTrue(depth.get("U").longValue() <= depth.get("u").longValue());
            assertTrue(depth.get("b").isArray() && depth.get("a").isArray() && !depth.has("pu"));

            final JsonNode kline = next(client, "ethusdt@kline_1m").get("k");
            assertEquals("1m", kline.get("i").textValue());
            assertEquals(59_999, kline.get("T").longValue() - kline.get("t").longValue());
            assertTrue(new BigDecimal(kline.get("h").textValue()).compareTo(
                new BigDecimal(kline.get("l").textValue())) >= 0);
        }
    }

    @Test
    void shouldSynchronizeFromTheRestSnapshotToExactlyTheGroundTruthBook() throws Exception
    {
        final BinanceSimulator simulator = launch(new BinanceSimulatorContext().messagesPerSecond(2_000));
        try (WebSocketTestClient client = WebSocketTestClient.connect(
            simulator.webSocketUri() + "/ws/btcusdt@depth@100ms"))
        {
            final List<JsonNode> buffered = new ArrayList<>();
            buffered.add(MAPPER.readTree(client.next(m -> true, TIMEOUT)));
            final HttpResponse<String> response = get(simulator.restUri() + "/api/v3/depth?symbol=BTCUSDT&limit=5000");
            assertEquals(200, response.statusCode());
            assertEquals("250", response.headers().firstValue("X-MBX-USED-WEIGHT-1M").orElseThrow());
            final JsonNode snapshot = MAPPER.readTree(response.body());
            final long lastUpdateId = snapshot.get("lastUpdateId").longValue();
            assertEquals(toBook("BTCUSDT", snapshot), simulator.groundTruthAt("BTCUSDT", lastUpdateId),
                "the snapshot is the ground truth at its lastUpdateId");

            final TreeMap<BigDecimal, BigDecimal> bids = levels(snapshot.get("bids"), true);
            final TreeMap<BigDecimal, BigDecimal> asks = levels(snapshot.get("asks"), false);
            long localId = lastUpdateId;
            boolean first = true;
            int applied = 0;
            while (applied < 300)
            {
                final JsonNode event = buffered.isEmpty() ? MAPPER.readTree(client.next(m -> true, TIMEOUT)) :
                    buffered.remove(0);
                final long firstId = event.get("U").longValue();
                final long lastId = event.get("u").longValue();
                if (lastId <= localId)
                {
                    continue;
                }
                if (first)
                {
                    assertTrue(firstId <= localId + 1 && localId + 1 <= lastId, "first event brackets the snapshot");
                    first = false;
                }
                else
                {
                    assertEquals(localId + 1, firstId, "diffs are contiguous");
                }
                apply(bids, event.get("b"));
                apply(asks, event.get("a"));
                localId = lastId;
                applied++;
                if (applied % 50 == 0)
                {
                    final GroundTruthBook truth = simulator.groundTruthAt("BTCUSDT", localId);
                    assertEquals(truth, toBook("BTCUSDT", localId, bids, asks), "book after u=" + localId);
                    assertTrue(truth.bidPrices()[0] < truth.askPrices()[0], "never crossed: " + truth);
                }
            }
            assertNull(simulator.groundTruthAt("BTCUSDT", Long.MAX_VALUE), "no book from the future");
            assertTrue(simulator.groundTruth("BTCUSDT").lastUpdateId() >= localId);
        }
    }

    @Test
    void shouldGenerateTheSameMarketForTheSameSeed() throws Exception
    {
        final List<String> first = depthEvents(launch(new BinanceSimulatorContext().seed(7).messagesPerSecond(3_000)));
        final List<String> second = depthEvents(launch(new BinanceSimulatorContext().seed(7).messagesPerSecond(500)));
        final List<String> other = depthEvents(launch(new BinanceSimulatorContext().seed(8).messagesPerSecond(3_000)));

        assertEquals(first, second, "same seed, same diffs, whatever the rate");
        assertNotEquals(first, other);
        final GroundTruthBook start = launch(new BinanceSimulatorContext().seed(7).messagesPerSecond(0))
            .groundTruth("SOLUSDT");
        assertEquals(start, launch(new BinanceSimulatorContext().seed(7).messagesPerSecond(0)).groundTruth("SOLUSDT"));
    }

    private List<String> depthEvents(final BinanceSimulator simulator) throws Exception
    {
        final List<String> events = new ArrayList<>();
        try (WebSocketTestClient client = WebSocketTestClient.connect(simulator.webSocketUri() + "/ws/solusdt@depth"))
        {
            while (events.size() < 200)
            {
                // Event times differ between runs; everything else is the seed's.
                events.add(client.next(m -> true, TIMEOUT).replaceAll("\"E\":\\d+,", ""));
            }
        }
        return events;
    }

    private BinanceSimulator launch(final BinanceSimulatorContext context)
    {
        final BinanceSimulator simulator = BinanceSimulator.launch(context);
        simulators.add(simulator);
        return simulator;
    }

    private HttpResponse<String> get(final String uri) throws Exception
    {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).timeout(TIMEOUT).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode next(final WebSocketTestClient client, final String stream) throws Exception
    {
        return MAPPER.readTree(client.next(m -> m.startsWith("{\"stream\":\"" + stream + "\""), TIMEOUT)).get("data");
    }

    private static TreeMap<BigDecimal, BigDecimal> levels(final JsonNode levels, final boolean bids)
    {
        final TreeMap<BigDecimal, BigDecimal> book = new TreeMap<>(
            bids ? Comparator.<BigDecimal>reverseOrder() : Comparator.<BigDecimal>naturalOrder());
        apply(book, levels);
        return book;
    }

    private static void apply(final TreeMap<BigDecimal, BigDecimal> book, final JsonNode levels)
    {
        for (final JsonNode level : levels)
        {
            final BigDecimal price = new BigDecimal(level.get(0).textValue());
            final BigDecimal size = new BigDecimal(level.get(1).textValue());
            if (size.signum() == 0)
            {
                book.remove(price);
            }
            else
            {
                book.put(price, size);
            }
        }
    }

    private static GroundTruthBook toBook(final String symbol, final JsonNode snapshot)
    {
        return toBook(symbol, snapshot.get("lastUpdateId").longValue(), levels(snapshot.get("bids"), true),
            levels(snapshot.get("asks"), false));
    }

    private static GroundTruthBook toBook(
        final String symbol, final long lastUpdateId, final Map<BigDecimal, BigDecimal> bids,
        final Map<BigDecimal, BigDecimal> asks)
    {
        return new GroundTruthBook(symbol, lastUpdateId,
            bids.keySet().stream().mapToLong(SimulatorBookTest::mantissa).toArray(),
            bids.values().stream().mapToLong(SimulatorBookTest::mantissa).toArray(),
            asks.keySet().stream().mapToLong(SimulatorBookTest::mantissa).toArray(),
            asks.values().stream().mapToLong(SimulatorBookTest::mantissa).toArray());
    }

    private static long mantissa(final BigDecimal value)
    {
        return value.movePointRight(8).longValueExact();
    }

    static void assertNotEmpty(final GroundTruthBook book)
    {
        assertNotNull(book);
        assertTrue(book.bidDepth() > 0 && book.askDepth() > 0, book.toString());
    }
}
