package zvt.crypto.ops.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.event.EventType;
import zvt.crypto.feed.simulator.rest.KlineRoutes;
import zvt.crypto.feed.simulator.rest.RestSimulator;
import zvt.crypto.feed.simulator.rest.RestSimulatorContext;
import zvt.crypto.feed.simulator.rest.SyntheticCandleMarket;
import zvt.crypto.ops.ZvtCrypto;
import zvt.crypto.ops.test.JournalScan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code zvt-crypto backfill …} through the real CLI against the REST simulator, into a journal on disk. */
class BackfillCommandTest
{
    private static final long LISTED_MS = 1_700_006_400_000L;
    private static final String DATABASE_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    @Test
    void shouldBackfillThroughTheCliAndResumeOnARerun(@TempDir final Path dir)
    {
        final SyntheticCandleMarket market = new SyntheticCandleMarket(3, LISTED_MS, System::currentTimeMillis);
        try (RestSimulator server = RestSimulator.launch(
            KlineRoutes.mount(new RestSimulatorContext(), Venue.BYBIT, market, List.of("ETHUSDT"))))
        {
            final String[] args = {"backfill", "--venue", "bybit", "--symbol", "ETH-USDT", "--interval", "5m",
                "--from", "2023-11-15", "--to", "2023-11-22T00:00:00Z", "--base-url", server.baseUri(),
                "--journal-dir", dir.toString()};

            assertEquals(0, new CommandLine(ZvtCrypto.class).execute(args));
            assertEquals(7 * 24 * 12, JournalScan.count(dir, EventType.CANDLE), "7 days of 5-minute candles");
            final long requests = server.counters().requests();
            assertEquals(3, requests, "2,016 candles in pages of 1,000");

            assertEquals(0, new CommandLine(ZvtCrypto.class).execute(args));
            assertEquals(7 * 24 * 12, JournalScan.count(dir, EventType.CANDLE), "a rerun adds nothing");
            assertEquals(requests, server.counters().requests());
        }
    }

    @Test
    void shouldPersistTheBackfilledCandlesWithTheNodesWriter(@TempDir final Path dir) throws Exception
    {
        final String schema = "backfill_" + Long.toHexString(System.nanoTime());
        final Path config = dir.resolve("loader.properties");
        Files.writeString(config, "db.url = " + DATABASE_URL + "\ndb.schema = " + schema + "\n" +
            "db.writer.id = loader\njournal.dir = " + dir.resolve("journal") + "\n");
        final SyntheticCandleMarket market = new SyntheticCandleMarket(5, LISTED_MS, System::currentTimeMillis);
        try (RestSimulator server = RestSimulator.launch(
            KlineRoutes.mount(new RestSimulatorContext(), Venue.BINANCE, market, List.of("BTCUSDT")));
            Connection connection = DriverManager.getConnection(DATABASE_URL, "postgres", ""))
        {
            try
            {
                assertEquals(0, new CommandLine(ZvtCrypto.class).execute("backfill", "--venue", "binance",
                    "--symbol", "BTC-USDT", "--interval", "1h", "--from", "2023-11-15", "--to", "2023-11-17",
                    "--base-url", server.baseUri(), "--config", config.toString(), "--persist"));

                try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*), count(DISTINCT timestamp) FROM " +
                        schema + ".crypto_ohlcv_1h WHERE source = 'rest' AND exchange = 'binance'"))
                {
                    assertTrue(rows.next());
                    assertEquals(48, rows.getLong(1), "two days of hourly REST candles, in the database");
                    assertEquals(48, rows.getLong(2), "once each");
                }
            }
            finally
            {
                try (Statement statement = connection.createStatement())
                {
                    statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    @Test
    void shouldParseTheTimeFormatsOfFromAndTo()
    {
        assertEquals(1_700_006_400_000L, new BackfillCommand.EpochMillis().convert("2023-11-15"));
        assertEquals(1_700_006_460_000L, new BackfillCommand.EpochMillis().convert("2023-11-15T00:01:00Z"));
        assertEquals(1_700_006_400_123L, new BackfillCommand.EpochMillis().convert("1700006400123"));
    }
}
