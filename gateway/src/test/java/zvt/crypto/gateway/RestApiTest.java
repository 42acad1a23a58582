package zvt.crypto.gateway;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.BookUpdateKind;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.gateway.GatewayHarness.BookLevel;
import zvt.crypto.gateway.rest.RestApi;
import zvt.crypto.persistence.EntityIds;
import zvt.crypto.persistence.TestSchema;
import zvt.crypto.persistence.query.MarketDataQueries;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The REST API on the gateway's port, reading the real PostgreSQL: every route is in the OpenAPI document and every
 * documented path answers; candles and trades come back as stored, trades page by cursor without gaps or repeats;
 * bad requests get 400/404/405 with a message that says what is wrong.
 */
class RestApiTest
{
    private static final String BTC = EntityIds.entityId(Venue.BINANCE, MarketType.SPOT, "BTC-USDT");
    private static final String API = RestApi.PREFIX;

    private final TestSchema schema = TestSchema.migrated();
    private final MarketDataQueries queries = new MarketDataQueries(schema.context(), 2);
    private final GatewayHarness harness = new GatewayHarness(new GatewayContext()
        .marketData(() -> queries)
        .journalStats(() -> Map.of("lastIndex", 42L, "directory", "/data/journal"))
        .metrics(new MetricsSource()
        {
            public void writeTo(final OutputStream out) throws IOException
            {
                out.write("zvt_feed_connected{venue=\"binance\"} 1\n".getBytes(StandardCharsets.UTF_8));
            }

            public void writeJson(final JsonGenerator json) throws IOException
            {
                json.writeArrayFieldStart("zvt_feed_connected");
                json.writeStartObject();
                json.writeObjectFieldStart("labels");
                json.writeStringField("venue", "binance");
                json.writeEndObject();
                json.writeNumberField("value", 1.0);
                json.writeEndObject();
                json.writeEndArray();
            }
        }));

    @AfterEach
    void close()
    {
        harness.close();
        queries.close();
        schema.close();
    }

    @Test
    void shouldDocumentEveryRouteAndAnswerEveryDocumentedPath() throws Exception
    {
        harness.publishBook(harness.btcBinance, BookUpdateKind.SNAPSHOT, 1, List.of(new BookLevel(Side.BUY, 990, 1)));
        final JsonNode document = json(harness.get(API + "/openapi.json"), 200);
        assertEquals("3.0.3", document.path("openapi").asText());
        final Set<String> documented = new HashSet<>();
        document.path("paths").fieldNames().forEachRemaining(documented::add);
        assertEquals(Set.copyOf(harness.server.restRoutes()), documented, "routes and openapi.json name the same paths");
        for (final String path : documented)
        {
            final String concrete = path.replace("{venue}", "BINANCE").replace("{symbol}", "BTC-USDT");
            final HttpResponse<String> response = harness.get(concrete);
            assertEquals(200, response.statusCode(), concrete + ": " + response.body());
            assertEquals("application/json", response.headers().firstValue("content-type").orElse(""));
            assertTrue(document.path("paths").path(path).path("get").path("responses").has("200"), path);
        }
    }

    @Test
    void shouldServeTheMetricsAsJsonFromTheSameSourceAsTheScrape() throws Exception
    {
        final JsonNode metrics = json(harness.get(API + "/metrics"), 200);
        assertEquals("binance", metrics.path("metrics").path("zvt_feed_connected").path(0).path("labels")
            .path("venue").asText());
        assertEquals(1.0, metrics.path("metrics").path("zvt_feed_connected").path(0).path("value").asDouble());
        assertTrue(harness.get("/metrics").body().contains("zvt_feed_connected{venue=\"binance\"} 1"));
    }

    @Test
    void shouldServeStoredCandlesBySource() throws Exception
    {
        execute("INSERT INTO crypto_ohlcv_1m (entity_id, timestamp, source, open, high, low, close, volume, exchange," +
            " symbol, quote_volume, trade_count, closed) VALUES" +
            " ('" + BTC + "', '2026-01-01T00:00:00Z', 'trades', 100.5, 101, 100, 100.75, 2.5, 'binance', 'BTC-USDT'," +
            " 251, 3, true)," +
            " ('" + BTC + "', '2026-01-01T00:01:00Z', 'trades', 100.75, 102, 100.5, 101, 1, 'binance', 'BTC-USDT'," +
            " 101, 1, false)," +
            " ('" + BTC + "', '2026-01-01T00:00:00Z', 'venue_stream', 100.5, 101, 100, 100.7, 2.4, 'binance'," +
            " 'BTC-USDT', null, null, true)");
        final String range = "from=2026-01-01T00:00:00Z&to=2026-01-01T00:10:00Z";

        final JsonNode trades = json(harness.get(API + "/ohlcv/binance/BTC-USDT?interval=1m&" + range), 200);
        assertEquals("trades", trades.path("source").asText());
        assertEquals(2, trades.path("candles").size());
        final JsonNode first = trades.path("candles").get(0);
        assertEquals("2026-01-01T00:00:00Z", first.path("openTime").asText());
        assertEquals("100.5 101 100 100.75 2.5 3 true", String.join(" ", first.path("open").asText(),
            first.path("high").asText(), first.path("low").asText(), first.path("close").asText(),
            first.path("volume").asText(), first.path("tradeCount").asText(), first.path("closed").asText()));

        final JsonNode venue = json(harness.get(API + "/ohlcv/BINANCE/BTC-USDT?source=venue_stream&" + range), 200);
        assertEquals(1, venue.path("candles").size());
        assertTrue(venue.path("candles").get(0).path("quoteVolume").isNull(), "the venue did not say");

        final JsonNode limited = json(harness.get(API + "/ohlcv/BINANCE/BTC-USDT?limit=1&" + range), 200);
        assertEquals(1, limited.path("candles").size());
    }

    @Test
    void shouldPageThroughTradesByCursorWithoutGapsOrRepeats() throws Exception
    {
        final StringBuilder rows = new StringBuilder();
        final List<String> expected = new ArrayList<>();
        for (int i = 0; i < 11; i++)
        {
            // Pairs of trades share a timestamp: a page boundary between them must split them correctly.
            rows.append(i == 0 ? "" : ", ").append("('").append(BTC).append("', '2026-01-01T00:00:0").append(i / 2)
                .append("Z', 't").append(i).append("', 100.").append(i).append(", 0.5, 'buy', 'binance', 'BTC-USDT'," +
                " false, now(), ").append(1000 + i).append(')');
            expected.add("t" + i);
        }
        execute("INSERT INTO crypto_trades (entity_id, timestamp, trade_id, price, quantity, side, exchange, symbol," +
            " is_buyer_maker, receive_time, journal_index) VALUES " + rows);

        final List<String> seen = new ArrayList<>();
        String page = API + "/trades/BINANCE/BTC-USDT?from=2026-01-01T00:00:00Z&to=2026-01-01T01:00:00Z&limit=3";
        int pages = 0;
        while (page != null)
        {
            final JsonNode body = json(harness.get(page), 200);
            for (final JsonNode trade : body.path("trades"))
            {
                seen.add(trade.path("tradeId").asText());
            }
            pages++;
            page = body.path("nextCursor").isNull() ? null : API + "/trades/BINANCE/BTC-USDT?to=2026-01-01T01:00:00Z" +
                "&limit=3&cursor=" + body.path("nextCursor").asText();
        }
        assertEquals(expected, seen);
        assertEquals(4, pages);
        final JsonNode firstPage = json(harness.get(API + "/trades/BINANCE/BTC-USDT?from=2026-01-01T00:00:00Z" +
            "&to=2026-01-01T01:00:00Z&limit=1"), 200);
        assertEquals("100.0", firstPage.path("trades").get(0).path("price").asText());
        assertEquals(1000, firstPage.path("trades").get(0).path("journalIndex").asLong());
    }

    @Test
    void shouldServeTheLiveBookFromMemory() throws Exception
    {
        final String path = API + "/book/BINANCE/BTC-USDT";
        assertError(path, 503, "the book of BTC-USDT on BINANCE is not good: no snapshot yet");
        final long index = harness.publishBook(harness.btcBinance, BookUpdateKind.SNAPSHOT, 41, List.of(
            new BookLevel(Side.BUY, 990, 1), new BookLevel(Side.BUY, 989, 2), new BookLevel(Side.BUY, 988, 3),
            new BookLevel(Side.SELL, 1001, 4), new BookLevel(Side.SELL, 1002, 5)));
        harness.publishBook(harness.btcBinance, BookUpdateKind.DELTA, 42, List.of(new BookLevel(Side.BUY, 990, 0)));

        final JsonNode book = json(harness.get(path + "?depth=1"), 200);
        assertEquals("book_snapshot", book.path("type").asText());
        assertEquals(42, book.path("sequence").asLong());
        assertEquals(index + 1, book.path("journalIndex").asLong(), "as of the delta");
        assertEquals("[[\"98.9\",\"2\"]]", book.path("bids").toString(), "the delta removed 99.0; depth 1");
        assertEquals("[[\"100.1\",\"4\"]]", book.path("asks").toString());
        assertEquals(2, json(harness.get(path), 200).path("bids").size(), "the whole book without depth");

        assertError(API + "/book/BINANCE/DOGE-USDT", 404, "no instrument DOGE-USDT on BINANCE");
        assertError(path + "?depth=0", 400, "depth must be an integer from 1");
    }

    @Test
    void shouldReportTheJournalAsTheNodeGivesIt() throws Exception
    {
        final JsonNode stats = json(harness.get(API + "/journal/stats"), 200);
        assertEquals(42, stats.path("lastIndex").asLong());
        assertEquals("/data/journal", stats.path("directory").asText());
    }

    @Test
    void shouldListInstrumentsFromMemory() throws Exception
    {
        final JsonNode okx = json(harness.get(API + "/instruments?venue=OKX"), 200);
        assertEquals(1, okx.path("instruments").size());
        assertEquals("BTC-USDT", okx.path("instruments").get(0).path("symbol").asText());
        assertEquals(3, json(harness.get(API + "/instruments"), 200).path("instruments").size());
    }

    @Test
    void shouldRefuseBadRequestsWithClearErrors() throws Exception
    {
        assertError(API + "/ohlcv/KRAKEN/BTC-USDT", 400, "unknown venue KRAKEN (BINANCE, OKX, BYBIT, COINBASE)");
        assertError(API + "/ohlcv/BINANCE/BTCUSDT", 400, "symbol 'BTCUSDT' is not BASE-QUOTE");
        assertError(API + "/ohlcv/BINANCE/BTC-USDT?interval=2m", 400, "unknown interval 2m (1m, 5m, 15m, 1h, 1d)");
        assertError(API + "/ohlcv/BINANCE/BTC-USDT?source=kline", 400, "unknown source kline");
        assertError(API + "/trades/BINANCE/BTC-USDT?limit=0", 400, "limit must be an integer from 1 to 10000: 0");
        assertError(API + "/trades/BINANCE/BTC-USDT?from=yesterday", 400, "from must be ISO-8601");
        assertError(API + "/trades/BINANCE/BTC-USDT?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", 400,
            "from must be before to");
        assertError(API + "/trades/BINANCE/BTC-USDT?cursor=!!", 400, "cursor is not one this API gave out");
        assertError(API + "/nothing", 404, "no route " + API + "/nothing; the routes are in " + API + "/openapi.json");

        final HttpResponse<String> post = harness.http.send(HttpRequest.newBuilder(
            URI.create("http://" + harness.context.host() + ':' + harness.server.port() + API + "/instruments"))
            .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        assertEquals("GET", post.headers().firstValue("allow").orElse(""));
    }

    @Test
    void shouldAnswerServiceUnavailableWithoutADatabase() throws Exception
    {
        try (GatewayHarness noDatabase = new GatewayHarness(new GatewayContext()))
        {
            final HttpResponse<String> response = noDatabase.get(API + "/trades/BINANCE/BTC-USDT");
            assertEquals(503, response.statusCode());
            assertTrue(response.body().contains("no database"), response.body());
            assertNotEquals(503, noDatabase.get(API + "/instruments").statusCode(), "memory routes still answer");
            assertEquals(503, noDatabase.get(API + "/journal/stats").statusCode(), "no journal given");
        }
    }

    private void assertError(final String path, final int status, final String messageStart) throws Exception
    {
        final JsonNode body = json(harness.get(path), status);
        assertEquals(status, body.path("status").asInt());
        assertTrue(body.path("error").asText().startsWith(messageStart), path + ": " + body);
    }

    private static JsonNode json(final HttpResponse<String> response, final int status)
    {
        assertEquals(status, response.statusCode(), response.uri() + ": " + response.body());
        return TestClient.parse(response.body());
    }

    private void execute(final String sql) throws Exception
    {
        try (Connection connection = schema.context().connect(); Statement statement = connection.createStatement())
        {
            statement.execute(sql);
        }
    }
}
