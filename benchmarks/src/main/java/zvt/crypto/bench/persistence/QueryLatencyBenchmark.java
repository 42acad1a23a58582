package zvt.crypto.bench.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;

import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.persistence.DatabaseContext;
import zvt.crypto.persistence.query.MarketDataQueries;
import zvt.crypto.persistence.query.OhlcvInterval;

/**
 * Latency of the gateway's REST reads through {@link MarketDataQueries} with at least 10M trades in crypto_trades:
 * 1,000 1m candles of one instrument from a random window, and 1,000 trades from a random window; p50/p95/p99/max
 * over many calls after a warm-up, plus the plans (EXPLAIN ANALYZE) showing index range scans.
 * <p>
 * The data is {@link QueryDataSet}'s, loaded once and kept for later runs. Arguments: [JDBC URL]
 * [trades, default 10,000,000] [calls, default 2,000].
 */
public final class QueryLatencyBenchmark
{
    private QueryLatencyBenchmark()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String url = args.length > 0 ? args[0] : BenchDatabase.DEFAULT_URL;
        final long trades = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        final int calls = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        final DatabaseContext context = BenchDatabase.migrated(url, QueryDataSet.SCHEMA);
        final QueryDataSet data = QueryDataSet.load(context, trades);

        try (MarketDataQueries queries = new MarketDataQueries(context, 1))
        {
            final Random random = new Random(42);
            final long[] candleNanos = new long[calls];
            final long[] tradeNanos = new long[calls];
            for (int round = -calls / 4; round < calls; round++)
            {
                final String symbol = QueryDataSet.randomSymbol(random);
                final Instant from = data.randomFrom(random, 1_000);
                long start = System.nanoTime();
                final int candles = queries.candles(Venue.BINANCE, MarketType.SPOT, symbol, OhlcvInterval.M1, "trades",
                    from, from.plusSeconds(60_000), 1_000, row -> { });
                final long candleTime = System.nanoTime() - start;
                start = System.nanoTime();
                final int rows = queries.trades(Venue.BINANCE, MarketType.SPOT, symbol, from, from.plusSeconds(100),
                    1_000, row -> { });
                final long tradeTime = System.nanoTime() - start;
                if (candles != 1_000 || rows != 1_000)
                {
                    throw new IllegalStateException("expected 1,000 rows: candles " + candles + ", trades " + rows);
                }
                if (round >= 0)
                {
                    candleNanos[round] = candleTime;
                    tradeNanos[round] = tradeTime;
                }
            }
            report("1,000 candles (1m)", candleNanos);
            report("1,000 trades", tradeNanos);
        }
        explain(context);
    }

    private static void explain(final DatabaseContext context) throws SQLException
    {
        final Instant from = Instant.ofEpochSecond(QueryDataSet.BASE_SECONDS + 60 * 1_000);
        try (Connection connection = context.connect(); Statement statement = connection.createStatement())
        {
            System.out.println("\nEXPLAIN ANALYZE, 1,000 candles:");
            print(statement, "EXPLAIN (ANALYZE, BUFFERS) SELECT timestamp, source, open, high, low, close, volume," +
                " quote_volume, trade_count, closed FROM crypto_ohlcv_1m WHERE entity_id = 'spot_binance_BTC-USDT'" +
                " AND source = 'trades' AND timestamp >= '" + from + "' AND timestamp < '" + from.plusSeconds(60_000) +
                "' ORDER BY timestamp LIMIT 1000");
            System.out.println("\nEXPLAIN ANALYZE, 1,000 trades:");
            print(statement, "EXPLAIN (ANALYZE, BUFFERS) SELECT timestamp, trade_id, price, quantity, side," +
                " journal_index FROM crypto_trades WHERE entity_id = 'spot_binance_BTC-USDT' AND timestamp >= '" +
                from + "' AND timestamp < '" + from.plusSeconds(100) + "' ORDER BY timestamp, journal_index LIMIT 1000");
        }
    }

    private static void print(final Statement statement, final String sql) throws SQLException
    {
        try (ResultSet rows = statement.executeQuery(sql))
        {
            while (rows.next())
            {
                System.out.println("  " + rows.getString(1));
            }
        }
    }

    private static void report(final String what, final long[] nanos)
    {
        final long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%-20s calls %,d  p50 %.2f ms  p95 %.2f ms  p99 %.2f ms  max %.2f ms%n", what,
            sorted.length, sorted[sorted.length / 2] / 1e6, sorted[(int)(sorted.length * 0.95)] / 1e6,
            sorted[(int)(sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }
}
