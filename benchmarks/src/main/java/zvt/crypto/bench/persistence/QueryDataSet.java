package zvt.crypto.bench.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import zvt.crypto.persistence.DatabaseContext;

/**
 * The data the REST read benchmarks query: 4 Binance spot instruments, one trade per 100 ms each, and their 1m
 * candles (source {@code trades}), generated server-side into schema {@link #SCHEMA} once and kept for later runs
 * (about 2 GB for 10M trades; {@code DROP SCHEMA bench_query CASCADE} reclaims it).
 */
public final class QueryDataSet
{
    public static final String SCHEMA = "bench_query";
    /** Open time of the first candle, 2026-01-01T00:00:00Z. */
    public static final long BASE_SECONDS = 1_767_225_600L;
    public static final List<String> SYMBOLS = List.of("BTC-USDT", "ETH-USDT", "SOL-USDT", "XRP-USDT");

    private final long minutes;

    private QueryDataSet(final long minutes)
    {
        this.minutes = minutes;
    }

    /**
     * Migrates schema {@link #SCHEMA} and fills it unless it already holds at least {@code trades} trades.
     *
     * @return the loaded set, with the context pointing at its schema.
     */
    public static QueryDataSet load(final DatabaseContext context, final long trades) throws SQLException
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
            return new QueryDataSet(minutes);
        }
    }

    /** 1m candles per instrument. */
    public long minutes()
    {
        return minutes;
    }

    public static String randomSymbol(final Random random)
    {
        return SYMBOLS.get(random.nextInt(SYMBOLS.size()));
    }

    /** @return a minute boundary such that {@code windowMinutes} candles from it all exist. */
    public Instant randomFrom(final Random random, final long windowMinutes)
    {
        return Instant.ofEpochSecond(BASE_SECONDS + 60 * random.nextLong(minutes - windowMinutes));
    }

    private static long count(final Statement statement, final String sql) throws SQLException
    {
        try (ResultSet rows = statement.executeQuery(sql))
        {
            rows.next();
            return rows.getLong(1);
        }
    }
}
