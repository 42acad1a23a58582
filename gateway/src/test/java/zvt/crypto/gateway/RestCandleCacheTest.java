package zvt.crypto.gateway;

import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.gateway.rest.RestApi;
import zvt.crypto.persistence.EntityIds;
import zvt.crypto.persistence.TestSchema;
import zvt.crypto.persistence.query.MarketDataQueries;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code ohlcv} route with its cache of rendered closed bars against the same route without one, over the same
 * database: every answer must be the same bytes, whether the cache missed, hit or was evicted, across block
 * boundaries (1m blocks start at 01:04, 05:20 and 09:36 on 2026-01-01), for unaligned and sub-microsecond ranges,
 * limits that cut inside a block, {@code from} omitted, empty ranges, each source and interval, nulls, and sparse bars.
 */
class RestCandleCacheTest
{
    private static final String BTC = EntityIds.entityId(Venue.BINANCE, MarketType.SPOT, "BTC-USDT");
    private static final String OHLCV = RestApi.PREFIX + "/ohlcv/BINANCE/BTC-USDT?";
    private static final String DAY = "from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z";
    private static final List<String> QUERIES = List.of(
        DAY + "&limit=10000",
        DAY,
        DAY + "&limit=1",
        DAY + "&limit=64",
        DAY + "&limit=65",
        DAY + "&limit=321",
        "from=2026-01-01T01:03:20Z&to=2026-01-01T09:17:30Z&limit=1000",
        "from=2026-01-01T01:04:00Z&to=2026-01-01T05:20:00Z",
        "from=2026-01-01T01:03:59.999999Z&to=2026-01-01T01:04:00.000001Z",
        "from=2026-01-01T00:30:00Z&to=2026-01-01T01:03:59.9999995Z",
        "from=2026-01-01T00:30:00Z&to=2026-01-01T01:03:59.9999994Z",
        "from=2026-01-01T02:00:00.000000499Z&to=2026-01-01T05:00:00.0000005Z",
        "to=2026-01-01T10:00:00Z&limit=400",
        "to=2026-01-01T06:00:00Z",
        "to=1767225600000&limit=10",
        "from=0&to=1767300000000&limit=500",
        "from=2025-06-01T00:00:00Z&to=2025-06-02T00:00:00Z",
        "from=2026-01-01T00:00:00.5Z&to=2026-01-01T00:00:00.9Z",
        DAY + "&source=venue_stream&limit=150",
        "from=2026-01-01T03:00:00Z&to=2026-01-01T08:00:00Z&source=venue_stream",
        "from=2025-12-01T00:00:00Z&to=2026-02-15T00:00:00Z&source=rest&limit=40",
        "from=2025-12-01T00:00:00Z&to=2026-02-15T00:00:00Z&source=rest&limit=10000",
        DAY + "&interval=5m",
        "from=2026-01-01T00:07:00Z&to=2026-01-01T21:00:00Z&interval=5m&limit=77");

    private final TestSchema schema = TestSchema.migrated();
    private final MarketDataQueries queries = new MarketDataQueries(schema.context(), 4);
    private final AtomicLong clockMs = new AtomicLong(System.currentTimeMillis());
    private GatewayHarness uncached;
    private GatewayHarness cached;

    @AfterEach
    void close()
    {
        CloseHelper.closeAll(cached, uncached, queries, schema);
    }

    @Test
    void shouldAnswerTheSameBytesAsTheDatabaseWhetherMissedOrHit() throws Exception
    {
        insertBars();
        start(64L * 1024 * 1024);
        for (final String query : QUERIES)
        {
            final String expected = answer(uncached, query);
            assertEquals(expected, answer(cached, query), query + ", first asked");
            assertEquals(expected, answer(cached, query), query + ", asked again");
        }
        final GatewayCounters counters = cached.context.counters();
        assertTrue(counters.restCacheMisses() > 0, "blocks were read");
        assertTrue(counters.restCacheHits() > counters.restCacheMisses(),
            "asked twice, most blocks were found: hits " + counters.restCacheHits() + ", misses " +
            counters.restCacheMisses());
        assertEquals(0, counters.restCacheEvictions());
    }

    @Test
    void shouldReadARangeWithoutBarsInOneQueryNotBlockByBlock() throws Exception
    {
        insertBars();
        start(64L * 1024 * 1024);
        final String query = "from=2025-01-01T00:00:00Z&to=2026-01-01T00:30:00Z&limit=10000";
        assertEquals(answer(uncached, query), answer(cached, query));
        final GatewayCounters counters = cached.context.counters();
        assertEquals(1, counters.restCacheMisses(), "the first block was empty: the rest in one query");
        assertEquals(answer(uncached, query), answer(cached, query));
        assertEquals(1, counters.restCacheHits());
        assertEquals(2, counters.restCacheMisses(), "one more block each time the range is asked");
    }

    @Test
    void shouldAnswerTheSameBytesWhileEvictingToStayWithinTheBudget() throws Exception
    {
        insertBars();
        start(64 * 1024); // about one 1m block of these bars
        for (int pass = 0; pass < 2; pass++)
        {
            for (final String query : QUERIES)
            {
                assertEquals(answer(uncached, query), answer(cached, query), query);
            }
        }
        assertTrue(cached.context.counters().restCacheEvictions() > 0, "evicted");
    }

    @Test
    void shouldAnswerTheSameBytesToConcurrentRequests() throws Exception
    {
        insertBars();
        start(64L * 1024 * 1024);
        final Random random = new Random(7);
        final List<String> paths = new ArrayList<>();
        final List<String> expected = new ArrayList<>();
        for (int i = 0; i < 48; i++)
        {
            final Instant from = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(60L * random.nextInt(700));
            paths.add("from=" + from + "&to=" + from.plusSeconds(60L * (1 + random.nextInt(600))) + "&limit=" +
                (1 + random.nextInt(600)));
            expected.add(answer(uncached, paths.getLast()));
        }
        final List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int round = 0; round < 3; round++)
        {
            for (final String query : paths)
            {
                answers.add(cached.http.sendAsync(request(cached, query), HttpResponse.BodyHandlers.ofString()));
            }
        }
        for (int i = 0; i < answers.size(); i++)
        {
            final HttpResponse<String> response = answers.get(i).join();
            assertEquals(200, response.statusCode(), response.body());
            assertEquals(expected.get(i % paths.size()), response.body(), paths.get(i % paths.size()));
        }
    }

    @Test
    void shouldServeCachedBarsUntilTheyExpireThenWhatTheDatabaseHolds() throws Exception
    {
        insertBars();
        start(64L * 1024 * 1024);
        final String query = "from=2026-01-01T01:00:00Z&to=2026-01-01T02:00:00Z";
        final String before = answer(cached, query);
        execute("UPDATE crypto_ohlcv_1m SET close = 1.5 WHERE timestamp = '2026-01-01T01:30:00Z'"); // as a backfill
        final String after = answer(uncached, query);
        assertNotEquals(before, after);

        clockMs.addAndGet(cached.context.restCacheTtlMs() - 1);
        assertEquals(before, answer(cached, query), "still within the TTL: the cached bytes");
        clockMs.addAndGet(2);
        assertEquals(after, answer(cached, query), "expired: read again");
    }

    @Test
    void shouldReadBarsThatMayStillChangeFromTheDatabaseEveryTime() throws Exception
    {
        final Instant now = Instant.ofEpochMilli(clockMs.get());
        final Instant lastClosed = now.truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES);
        insertBar(lastClosed, "100");
        insertBar(lastClosed.minus(30, ChronoUnit.DAYS), "90");
        start(64L * 1024 * 1024);
        final String query = "to=" + now + "&limit=10000";
        final String first = answer(cached, query);
        assertEquals(answer(uncached, query), first);
        assertTrue(first.contains("\"close\":\"100\""), first);

        execute("UPDATE crypto_ohlcv_1m SET close = 101 WHERE timestamp = '" + lastClosed + "'");
        final String second = answer(cached, query);
        assertTrue(second.contains("\"close\":\"101\""), "the last bar is not settled, so never cached: " + second);
        assertEquals(answer(uncached, query), second);
    }

    private void start(final long cacheBytes)
    {
        uncached = new GatewayHarness(new GatewayContext().marketData(() -> queries).restCacheBytes(0));
        cached = new GatewayHarness(new GatewayContext().marketData(() -> queries).restCacheBytes(cacheBytes)
            .epochClock(clockMs::get));
    }

    /**
     * 1m bars from trades every minute for 700 minutes (decimals of varying scale, some nulls), one bar a microsecond
     * before a block boundary; venue bars with {@code closed} true, false and null; REST bars every 97 minutes over
     * 40 days (sparse: most blocks empty); 5m bars.
     */
    private void insertBars() throws Exception
    {
        execute(bars("crypto_ohlcv_1m", "trades", 700, "1 minute", "NULL"));
        execute(bars("crypto_ohlcv_1m", "venue_stream", 400, "1 minute",
            "CASE i % 3 WHEN 0 THEN NULL WHEN 1 THEN true ELSE false END"));
        execute(bars("crypto_ohlcv_1m", "rest", 600, "97 minutes", "true").replace("'2026-01-01'", "'2025-12-20'"));
        execute(bars("crypto_ohlcv_5m", "trades", 300, "5 minutes", "NULL"));
        insertBar(Instant.parse("2026-01-01T01:03:59.999999Z"), "0.000000000001");
    }

    private static String bars(
        final String table, final String source, final int count, final String step, final String closed)
    {
        return "INSERT INTO " + table + " (entity_id, timestamp, source, open, high, low, close, volume, exchange," +
            " symbol, quote_volume, trade_count, closed) SELECT '" + BTC + "', '2026-01-01'::timestamptz + i * interval '" +
            step + "', '" + source + "', round(100 + i * 0.0137, i % 5), round(101 + i * 0.02, i % 3), 99 + i," +
            " round(100.5 + i * 0.001, 6), (i * 1000000)::numeric / 7 :: numeric(30, 10)," +
            " 'binance', 'BTC-USDT', CASE WHEN i % 7 = 0 THEN NULL ELSE i * 12.5 END," +
            " CASE WHEN i % 11 = 0 THEN NULL ELSE i END, " + closed + " FROM generate_series(0, " + (count - 1) + ") i";
    }

    private void insertBar(final Instant openTime, final String close) throws Exception
    {
        execute("INSERT INTO crypto_ohlcv_1m (entity_id, timestamp, source, open, high, low, close, volume, exchange," +
            " symbol, quote_volume, trade_count, closed) VALUES ('" + BTC + "', '" + openTime + "', 'trades', 1, 2," +
            " 0.5, " + close + ", 3, 'binance', 'BTC-USDT', NULL, 4, NULL)");
    }

    private static String answer(final GatewayHarness harness, final String query) throws Exception
    {
        final HttpResponse<String> response =
            harness.http.send(request(harness, query), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), query + ": " + response.body());
        return response.body();
    }

    private static HttpRequest request(final GatewayHarness harness, final String query)
    {
        return HttpRequest.newBuilder(URI.create("http://" + harness.context.host() + ':' + harness.server.port() +
            OHLCV + query)).GET().build();
    }

    private void execute(final String sql) throws Exception
    {
        try (Connection connection = schema.context().connect(); Statement statement = connection.createStatement())
        {
            statement.execute(sql);
        }
    }
}
