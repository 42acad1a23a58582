package zvt.crypto.bench.gateway;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.netty.util.concurrent.DefaultThreadFactory;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.persistence.query.MarketDataQueries;
import zvt.crypto.persistence.query.OhlcvInterval;

/**
 * The baseline: the route's query through {@link MarketDataQueries} (pgjdbc, pooled connections, each row read into
 * its record and dropped), on as many threads as the gateway has query threads, with no HTTP and no JSON. The queue is unbounded so the schedule never blocks.
 */
final class JdbcOhlcvTarget implements OhlcvTarget
{
    private final MarketDataQueries queries;
    private final ExecutorService threads;

    JdbcOhlcvTarget(final MarketDataQueries queries, final int threadCount)
    {
        this.queries = queries;
        this.threads = new ThreadPoolExecutor(threadCount, threadCount, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), new DefaultThreadFactory("jdbc-query", true));
    }

    public void issue(final OhlcvQuery query, final long intendedNs, final LoadResults results)
    {
        threads.execute(() ->
        {
            try
            {
                final int candles = queries.candles(Venue.BINANCE, MarketType.SPOT, query.symbol(), OhlcvInterval.M1,
                    "trades", query.from(), query.to(), query.limit(), row -> { });
                if (candles == query.limit())
                {
                    results.success(intendedNs);
                }
                else
                {
                    results.error(intendedNs, candles + " candles for " + query);
                }
            }
            catch (final Exception ex)
            {
                results.error(intendedNs, ex.toString());
            }
        });
    }

    public String name()
    {
        return "jdbc (baseline)";
    }

    public void close()
    {
        threads.shutdownNow();
    }
}
