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
 * The data (4 instruments, one trade per 100 ms each, and their 1m candles) is generated server-side once into
 * schema {@code bench_query} and kept for later runs. Arguments: [JDBC URL] [trades, default 10,000,000]
 * [calls, default 2,000].
 */
public final class QueryLatencyBenchmark
{
    private static final String SCHEMA = "bench_query";
    private static final long BASE_SECONDS = 1_767_225_600L;
    private static final String[] SYMBOLS = {"BTC-USDT", "ETH-USDT", "SOL-USDT", "XRP-USDT"};

    private QueryLatencyBenchmark()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final String url = args.length > 0 ? args[0] : BenchDatabase.DEFAULT_URL;
        final long trades = args.length > 1 ? Long.parseLong(args[1]) : 10_000_000L;
        final int calls = args.length > 2 ? Integer.parseInt(args[2]) : 2_000;
        final DatabaseContext context = BenchDatabase.migrated(url, SCHEMA);
        final long minutes = load(context, trades);

        try (MarketDataQueries queries = new MarketDataQueries(context, 1))
        {
            final Random random = new Random(42);
            final long[] candleNanos = new long[calls];
            final long[] tradeNanos = new long[calls];
            for (int round = -calls / 4; round < calls; round++)
            {
                final String symbol = SYMBOLS[random.nextInt(SYMBOLS.length)];
                final Instant from = Instant.ofEpochSecond(BASE_SECONDS + 60 * random.nextLong(minutes - 1_000));
                long start = System.nanoTime();
                final int candles = queries.candles(Venue.BINANCE, MarketType.SPOT, symbol, OhlcvInterval.M1, "trades",
                    from, from.plusSeconds(60_000), 1_000).size();
                final long candleTime = System.nanoTime() - start;
                start = System.nanoTime();
                final int rows = queries.trades(Venue.BINANCE, MarketType.SPOT, symbol, from, from.plusSeconds(100),
                    1_000).size();
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

    private static long load(final DatabaseContext context, final long trades) throws SQLException
    {
        try (Connection connection = context.connect(); Statement statement = connection.createStatement())
        {
            final long present = count(statement, "SELECT count(*) FROM crypto_trades");
            if (present < trades)
            {
                System.out.printf(Locale.ROOT, "loading %,d trades (server-side) ...%n", trades);
                final long start = System.nanoTime();
                statement.execute("TRUNCATE crypto_trades, crypto_ohlcv_1m");
                statement.execute("INSERT INTO crypto_trades (entity_id, timestamp, trade_id, price, quantity, side," +
                    " exchange, symbol, is_buyer_maker, receive_time, journal_index)" +
                    " SELECT 'spot_binance_' || s.symbol, to_timestamp(" + BASE_SECONDS + ") + (i / 4) * INTERVAL" +
                    " '100 milliseconds', i::text, 100 + (i % 1000) / 100.0, 0.001 * (1 + i % 7)," +
                    " CASE WHEN i % 2 = 0 THEN 'buy' ELSE 'sell' END, 'binance', s.symbol, i % 2 = 1," +
                    " to_timestamp(" + BASE_SECONDS + ") + (i / 4) * INTERVAL '100 milliseconds', i" +
                    " FROM generate_series(0, " + (trades - 1) + ") i" +
                    " JOIN (SELECT * FROM unnest(ARRAY['" + String.join("','", SYMBOLS) + "'])" +
                    " WITH ORDINALITY AS u(symbol, n)) s ON s.n = i % 4 + 1");
                statement.execute("INSERT INTO crypto_ohlcv_1m (entity_id, timestamp, source, open, high, low, close," +
                    " volume, exchange, symbol, quote_volume, trade_count, closed)" +
                    " SELECT entity_id, date_bin('1 minute', timestamp, timestamptz 'epoch'), 'trades'," +
                    " (array_agg(price ORDER BY timestamp))[1], max(price), min(price)," +
                    " (array_agg(price ORDER BY timestamp DESC))[1], sum(quantity), min(exchange), min(symbol)," +
                    " sum(price * quantity), count(*), true FROM crypto_trades GROUP BY 1, 2");
                statement.execute("VACUUM ANALYZE crypto_trades");
                statement.execute("VACUUM ANALYZE crypto_ohlcv_1m");
                System.out.printf(Locale.ROOT, "loaded in %.0f s%n", (System.nanoTime() - start) / 1e9);
            }
            final long minutes = count(statement,
                "SELECT count(*) FROM crypto_ohlcv_1m WHERE entity_id = 'spot_binance_BTC-USDT'");
            System.out.printf(Locale.ROOT, "crypto_trades: %,d rows; crypto_ohlcv_1m: %,d rows (%,d per instrument)%n",
                count(statement, "SELECT count(*) FROM crypto_trades"),
                count(statement, "SELECT count(*) FROM crypto_ohlcv_1m"), minutes);
            return minutes;
        }
    }

    private static void explain(final DatabaseContext context) throws SQLException
    {
        final Instant from = Instant.ofEpochSecond(BASE_SECONDS + 60 * 1_000);
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

    private static long count(final Statement statement, final String sql) throws SQLException
    {
        try (ResultSet rows = statement.executeQuery(sql))
        {
            rows.next();
            return rows.getLong(1);
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
