package zvt.crypto.bench.gateway;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.agrona.CloseHelper;
import zvt.crypto.bench.persistence.BenchDatabase;
import zvt.crypto.bench.persistence.QueryDataSet;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.gateway.GatewayContext;
import zvt.crypto.gateway.GatewayCounters;
import zvt.crypto.gateway.fanout.FanoutEventHandler;
import zvt.crypto.gateway.ws.GatewayServer;
import zvt.crypto.persistence.DatabaseContext;
import zvt.crypto.persistence.query.MarketDataQueries;

/**
 * Latency of {@code GET /api/v1/crypto/ohlcv/{venue}/{symbol}} for 1,000 1m candles over 10M trades
 * ({@link QueryDataSet}), under an open-loop load at a fixed rate, beside a baseline in the same run:
 * <ul>
 *   <li>{@code jdbc (baseline)}: the route's query through {@link MarketDataQueries} on the gateway's number of query
 *       threads, no HTTP, no JSON;</li>
 *   <li>{@code http+json}: a real gateway on loopback (auth off, the node's defaults: 1 I/O thread, 4 query threads
 *       and 4 pooled connections), asked by Netty HTTP/1.1 clients over a few keep-alive connections, with its cache
 *       of rendered candles off: every answer is a query and its JSON (the cold figure);</li>
 *   <li>{@code http+json cached}: the same with the cache on, at the node's defaults (64 MiB, 60 s TTL). The data set
 *       is about 70 blocks of bars (4 instruments x 4,167 bars / 256), all settled, so after the first requests of the
 *       warm-up nearly every block is a hit; the block hits and misses of the warm-up and of the measured part are
 *       printed.</li>
 * </ul>
 * Both get the same schedule (request {@code i} is due at {@code start + i / rate}, whatever happened before it) and
 * the same queries (same seed: a random symbol of 4, a random 1,000-minute window). Latency runs from the due time to
 * the whole answer, so queueing behind a slow answer counts (no coordinated omission); HdrHistogram, 3 digits.
 * Warm-up answers are not recorded. CPU is the process's (gateway, JDBC and the load client; not PostgreSQL's) from
 * the first measured request to the last answer, per measured request, with the client's share (pacer and HTTP
 * client threads) beside it.
 * <pre>
 *   java ... zvt.crypto.bench.gateway.RestOhlcvLoadHarness [requests/s] [warm-up s] [measured s] [connections]
 *       [rounds] [JDBC URL]
 * </pre>
 * Defaults: 1,000/s, 10 s, 30 s, 16 connections, 1 round (baseline, HTTP, HTTP cached), the local test database.
 */
public final class RestOhlcvLoadHarness
{
    private static final long TRADES = 10_000_000L;
    private static final int CANDLES = 1_000;
    /** The node's default {@code gateway.rest.query.threads}, which also sizes its connection pool. */
    private static final int QUERY_THREADS = 4;
    private static final long SEED = 42;
    private static final double BAR_P95_MS = 10;
    /** How long queries still queued when the schedule ends may take; those left are reported unanswered. */
    private static final int DRAIN_SECONDS = 120;

    private RestOhlcvLoadHarness()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int rate = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        final int warmupSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        final int measuredSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        final int connections = args.length > 3 ? Integer.parseInt(args[3]) : 16;
        final int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        final String url = args.length > 5 ? args[5] : BenchDatabase.DEFAULT_URL;

        final DatabaseContext database = BenchDatabase.migrated(url, QueryDataSet.SCHEMA);
        final QueryDataSet data = QueryDataSet.load(database, TRADES);
        final MarketDataQueries queries = new MarketDataQueries(database, QUERY_THREADS);
        final InstrumentRegistry instruments = new InstrumentRegistry();
        final GatewayContext context = new GatewayContext().marketData(() -> queries)
            .restQueryThreads(QUERY_THREADS).restCacheBytes(0).conclude();
        final GatewayServer server = GatewayServer.launch(
            context, instruments, new FanoutEventHandler(context, instruments));
        final GatewayContext cachedContext = new GatewayContext().marketData(() -> queries)
            .restQueryThreads(QUERY_THREADS).conclude();
        final GatewayServer cachedServer = GatewayServer.launch(
            cachedContext, instruments, new FanoutEventHandler(cachedContext, instruments));
        final JdbcOhlcvTarget jdbc = new JdbcOhlcvTarget(queries, QUERY_THREADS);
        final HttpOhlcvTarget http = new HttpOhlcvTarget(
            "http+json", new InetSocketAddress(context.host(), server.port()), connections);
        final HttpOhlcvTarget cached = new HttpOhlcvTarget(
            "http+json cached", new InetSocketAddress(cachedContext.host(), cachedServer.port()), connections);
        try
        {
            System.out.printf(Locale.ROOT, "%,d requests/s open loop, %d s warm-up + %d s measured, %d HTTP " +
                "connections, %d query threads, %d candles per request%n", rate, warmupSeconds, measuredSeconds,
                connections, QUERY_THREADS, CANDLES);
            for (int round = 1; round <= rounds; round++)
            {
                run(round, jdbc, null, data, rate, warmupSeconds, measuredSeconds);
                final boolean met = run(round, http, null, data, rate, warmupSeconds, measuredSeconds);
                final boolean metCached =
                    run(round, cached, cachedContext.counters(), data, rate, warmupSeconds, measuredSeconds);
                System.out.printf(Locale.ROOT, "  bar p95 < %.0f ms at %,d requests/s over HTTP, every answer right: " +
                    "%s without the cache, %s with it%n", BAR_P95_MS, rate, met ? "met" : "NOT met",
                    metCached ? "met" : "NOT met");
            }
        }
        finally
        {
            CloseHelper.closeAll(cached, http, cachedServer, server, jdbc, queries);
        }
    }

    /**
     * @param cache the gateway's counters when it caches candles (its block hits and misses are printed), else null.
     * @return whether p95 is under the bar with every request answered, and answered right.
     */
    private static boolean run(
        final int round,
        final OhlcvTarget target,
        final GatewayCounters cache,
        final QueryDataSet data,
        final int rate,
        final int warmupSeconds,
        final int measuredSeconds) throws InterruptedException
    {
        final Random random = new Random(SEED);
        final long periodNs = TimeUnit.SECONDS.toNanos(1) / rate;
        final long warmupRequests = (long)rate * warmupSeconds;
        final long total = warmupRequests + (long)rate * measuredSeconds;
        final long startNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        final long measureFromNs = startNs + warmupRequests * periodNs;
        final LoadResults results = new LoadResults(measureFromNs);
        CpuSnapshot cpuBefore = null;
        final CacheSnapshot cacheBefore = CacheSnapshot.take(cache);
        CacheSnapshot cacheAtMeasure = null;
        for (long i = 0; i < total; i++)
        {
            final Instant from = data.randomFrom(random, CANDLES);
            final OhlcvQuery query = new OhlcvQuery(
                QueryDataSet.randomSymbol(random), from, from.plusSeconds(60L * CANDLES), CANDLES);
            if (i == warmupRequests)
            {
                cpuBefore = CpuSnapshot.take();
                cacheAtMeasure = CacheSnapshot.take(cache);
            }
            final long intendedNs = startNs + i * periodNs;
            long waitNs;
            while ((waitNs = intendedNs - System.nanoTime()) > 0)
            {
                LockSupport.parkNanos(waitNs);
            }
            target.issue(query, intendedNs, results);
        }
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(DRAIN_SECONDS);
        while (results.answered() < total && System.nanoTime() < deadlineNs)
        {
            TimeUnit.MILLISECONDS.sleep(1);
        }
        final CpuSnapshot cpu = CpuSnapshot.take().minus(cpuBefore);
        final Histogram latency = results.histogram();
        final long measured = latency.getTotalCount();
        final double seconds = (results.lastAnswerNs() - measureFromNs) / 1e9;
        final double p95Ms = latency.getValueAtPercentile(95) / 1e6;
        System.out.printf(Locale.ROOT, "round %d  %-16s requests %,7d  errors %,d  answered/s %,6.0f  p50 %6.2f ms  " +
            "p95 %6.2f ms  p99 %6.2f ms  max %7.2f ms  CPU/request %,6.0f us (client %,5.0f us)%s%n", round,
            target.name(), measured, results.errors(), measured / seconds, latency.getValueAtPercentile(50) / 1e6, p95Ms,
            latency.getValueAtPercentile(99) / 1e6, latency.getMaxValue() / 1e6, cpu.processNs() / 1e3 / measured,
            cpu.clientNs() / 1e3 / measured,
            results.answered() < total ? "  UNANSWERED " + (total - results.answered()) : "");
        if (cache != null)
        {
            final CacheSnapshot cacheAfter = CacheSnapshot.take(cache);
            System.out.printf(Locale.ROOT, "  cache blocks: warm-up %s; measured %s%n",
                cacheAtMeasure.minus(cacheBefore), cacheAfter.minus(cacheAtMeasure));
        }
        if (results.firstError() != null)
        {
            System.out.println("  first error: " + results.firstError());
        }
        return p95Ms < BAR_P95_MS && results.errors() == 0 && results.answered() == total;
    }

    /** The REST cache's block counters at one moment. */
    private record CacheSnapshot(long hits, long misses, long evictions)
    {
        static CacheSnapshot take(final GatewayCounters counters)
        {
            return counters == null ? null :
                new CacheSnapshot(counters.restCacheHits(), counters.restCacheMisses(), counters.restCacheEvictions());
        }

        CacheSnapshot minus(final CacheSnapshot before)
        {
            return new CacheSnapshot(hits - before.hits, misses - before.misses, evictions - before.evictions);
        }

        public String toString()
        {
            final long lookups = hits + misses;
            return String.format(Locale.ROOT, "hits %,d, misses %,d (hit ratio %.4f), evictions %,d", hits, misses,
                lookups == 0 ? 0.0 : (double)hits / lookups, evictions);
        }
    }
}
