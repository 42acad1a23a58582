package zvt.crypto.persistence.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import zvt.crypto.persistence.TimescaleLite;

/**
 * The TimescaleDB storage path on a real TimescaleDB ({@link TimescaleLite}): the migrations in Flyway's order
 * (common + timescale), the spec's hypertables, compression and retention policies and continuous aggregate, and the
 * writer's own statements against those hypertables, compressed chunks included. The JDBC side (COPY, checkpoint
 * transaction, restarts) is the same on both paths and is tested against the local PostgreSQL.
 */
class TimescalePathTest
{
    private static final String BTC = "spot_binance_BTC-USDT";

    @Test
    void shouldBuildTheSpecsStorageAndTakeTheWritersStatements() throws Exception
    {
        try (TimescaleLite db = TimescaleLite.start())
        {
            for (final Path migration : migrations("timescale"))
            {
                db.exec(Files.readString(migration));
            }
            System.out.println("TimescaleDB path on " + db.version() + " with timescaledb " +
                db.queryValue("SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'"));

            assertEquals("timescaledb", db.queryValue("SELECT storage_path FROM zvt_storage_info"));
            assertEquals(List.of("crypto_ohlcv_15m true", "crypto_ohlcv_1d true", "crypto_ohlcv_1h true",
                "crypto_ohlcv_1m true", "crypto_ohlcv_5m true", "crypto_orderbook true", "crypto_trades true"),
                column(db.query("SELECT hypertable_name || ' ' || compression_enabled" +
                    " FROM timescaledb_information.hypertables ORDER BY 1")));
            assertEquals(List.of(
                "crypto_ohlcv_15m policy_compression", "crypto_ohlcv_1d policy_compression",
                "crypto_ohlcv_1h policy_compression", "crypto_ohlcv_1h_agg policy_refresh_continuous_aggregate",
                "crypto_ohlcv_1m policy_compression", "crypto_ohlcv_1m policy_retention",
                "crypto_ohlcv_5m policy_compression", "crypto_orderbook policy_compression",
                "crypto_orderbook policy_retention", "crypto_trades policy_compression",
                "crypto_trades policy_retention"),
                column(db.query("SELECT hypertable_name || ' ' || proc_name FROM timescaledb_information.jobs" +
                    " WHERE hypertable_name IS NOT NULL ORDER BY 1")));

            for (final String create : WriterSql.CREATE_STAGING)
            {
                db.exec(create);
            }
            writesTradesOnceEvenIntoCompressedChunks(db);
            keepsTheClosedCandleAndFeedsTheContinuousAggregate(db);
            commitsCheckpointAndCandleState(db);
        }
    }

    private static void writesTradesOnceEvenIntoCompressedChunks(final TimescaleLite db)
    {
        final String batch = "INSERT INTO stage_trades VALUES " + trade(1) + ", " + trade(2) + ";";
        db.exec("BEGIN; " + batch + WriterSql.INSERT_STAGED_TRADES + "; COMMIT;");
        db.exec("BEGIN; " + batch + WriterSql.INSERT_STAGED_TRADES + "; COMMIT;");
        assertEquals("2", db.queryValue("SELECT count(*) FROM crypto_trades"), "a batch written twice counts once");

        assertTrue(Integer.parseInt(db.queryValue(
            "SELECT count(compress_chunk(c)) FROM show_chunks('crypto_trades') c")) > 0);
        db.exec("BEGIN; INSERT INTO stage_trades VALUES " + trade(2) + ", " + trade(3) + ";" +
            WriterSql.INSERT_STAGED_TRADES + "; COMMIT;");
        assertEquals("3 100.3", String.join(" ", db.query(
            "SELECT count(*), max(price) FROM crypto_trades WHERE entity_id = $1", BTC).get(0)),
            "a re-read range meets its rows in a compressed chunk: duplicates ignored, new rows in");
    }

    private static void keepsTheClosedCandleAndFeedsTheContinuousAggregate(final TimescaleLite db)
    {
        final String upsert = WriterSql.upsertCandles("crypto_ohlcv_1m", "1m");
        stageCandles(db, upsert, candle(0, "101", false, 10) + ", " + candle(0, "102", true, 11) + ", " +
            candle(60, "104", false, 12));
        stageCandles(db, upsert, candle(0, "103", false, 13)); // a forming repeat after the close, as across overlaps
        assertEquals(List.of("102 true", "104 false"),
            column(db.query("SELECT close || ' ' || closed FROM crypto_ohlcv_1m ORDER BY timestamp")));

        db.exec("CALL refresh_continuous_aggregate('crypto_ohlcv_1h_agg', NULL, NULL)");
        assertEquals("100 105 90 104 2 2", String.join(" ", db.query("SELECT trim_scale(open), trim_scale(high)," +
            " trim_scale(low), trim_scale(close), trim_scale(volume), candle_count FROM crypto_ohlcv_1h_agg").get(0)));
    }

    private static void commitsCheckpointAndCandleState(final TimescaleLite db)
    {
        final String checkpoint = numbered(WriterSql.UPSERT_CHECKPOINT);
        db.query(checkpoint, "node", 41, 40, 7);
        db.query(checkpoint, "node", 42, 42, 5);
        assertEquals("42 42", String.join(" ", db.query(numbered(WriterSql.SELECT_CHECKPOINT), "node").get(0)));
        assertEquals("12", db.queryValue("SELECT rows_written FROM zvt_writer_checkpoint"));

        db.exec("BEGIN; INSERT INTO stage_candle_state VALUES ('node', 1, '\\x0102ff');");
        db.exec(WriterSql.UPSERT_CANDLE_STATE);
        db.exec("COMMIT");
        assertEquals("\\x0102ff", db.queryValue(numbered(WriterSql.SELECT_CANDLE_STATE), "node"));
    }

    private static void stageCandles(final TimescaleLite db, final String upsert, final String rows)
    {
        db.exec("BEGIN; INSERT INTO stage_candles VALUES " + rows);
        db.exec(upsert);
        db.exec("COMMIT");
    }

    /** Trade {@code i} of the test instrument, {@code i} seconds into 2026, price 100.i, as a stage_trades row. */
    private static String trade(final int i)
    {
        return "('" + BTC + "', timestamptz '2026-01-01 00:00:00+00' + interval '" + i + " s', '" + i + "', 100." +
            i + ", 0.5, 'buy', 'binance', 'BTC-USDT', false, now(), " + i + ")";
    }

    /** A 1m trade candle {@code seconds} into 2026 as a stage_candles row. */
    private static String candle(final int seconds, final String close, final boolean closed, final long index)
    {
        final long micros = (1_767_225_600L + seconds) * 1_000_000L;
        return "('1m', '" + BTC + "', " + micros + ", 'trades', 100, 105, 90, " + close + ", 1, 'binance'," +
            " 'BTC-USDT', 100, 3, " + closed + ", " + index + ")";
    }

    /** JDBC's {@code ?} placeholders as PostgreSQL's {@code $1, $2...}. */
    private static String numbered(final String sql)
    {
        final StringBuilder numbered = new StringBuilder();
        int n = 0;
        for (final char c : sql.toCharArray())
        {
            if (c == '?')
            {
                numbered.append('$').append(++n);
            }
            else
            {
                numbered.append(c);
            }
        }
        return numbered.toString();
    }

    private static List<String> column(final List<String[]> rows)
    {
        final List<String> values = new ArrayList<>();
        rows.forEach(row -> values.add(row[0]));
        return values;
    }

    /** The migrations Flyway applies on this storage path, in version order. */
    private static List<Path> migrations(final String storagePath) throws URISyntaxException, IOException
    {
        final List<Path> files = new ArrayList<>();
        for (final String location : new String[] {"common", storagePath})
        {
            try (Stream<Path> listed = Files.list(
                Path.of(TimescalePathTest.class.getResource("/db/migration/" + location).toURI())))
            {
                listed.filter(file -> file.getFileName().toString().endsWith(".sql")).forEach(files::add);
            }
        }
        files.sort(Comparator.comparingInt(file -> Integer.parseInt(
            file.getFileName().toString().substring(1, file.getFileName().toString().indexOf("__")))));
        return files;
    }
}
