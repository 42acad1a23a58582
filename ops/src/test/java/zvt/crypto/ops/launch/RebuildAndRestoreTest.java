package zvt.crypto.ops.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import zvt.crypto.core.codec.Venue;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.feed.simulator.VenueSimulators;
import zvt.crypto.ops.config.NodeConfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Recovery, on the real PostgreSQL: a node (Binance simulator) writes its journal into schema A. Then
 * <ul>
 *   <li>{@code zvt rebuild-db} writes the same journal into an empty schema B, and every data table of B equals A's
 *       row for row (the writer's own bookkeeping and the rows' insert times aside);</li>
 *   <li>{@code pg_dump} of schema A restored with {@code psql} into a fresh database equals A row for row, insert
 *       times included.</li>
 * </ul>
 */
class RebuildAndRestoreTest
{
    private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";
    private static final List<String> DATA_TABLES = List.of("crypto_trades", "crypto_ohlcv_1m", "crypto_ohlcv_5m",
        "crypto_ohlcv_15m", "crypto_ohlcv_1h", "crypto_ohlcv_1d", "crypto_orderbook", "crypto_pairs", "crypto_assets");
    private static final List<String> INSERT_TIMES = List.of("created_at", "updated_at");

    @TempDir
    Path directory;

    @Test
    void shouldRebuildTheDatabaseFromTheJournalAndRestoreABackupRowForRow() throws Exception
    {
        final String live = "live_" + Long.toHexString(System.nanoTime());
        final String rebuilt = "rebuilt_" + Long.toHexString(System.nanoTime());
        final String restoreDb = "restore_" + Long.toHexString(System.nanoTime());
        try
        {
            final NodeConfig config = runNode(live);
            final long trades = count("test", live + ".crypto_trades");
            assertTrue(trades > 100, "the node wrote trades: " + trades);

            final Path configFile = directory.resolve("rebuild.properties");
            Files.writeString(configFile, "db.url = " + SERVER + "test\ndb.schema = " + rebuilt + "\n" +
                "journal.dir = " + config.get("journal.dir") + "\n");
            assertEquals(0, new CommandLine(new RebuildCommand()).execute("--config", configFile.toString()));
            for (final String table : DATA_TABLES)
            {
                assertEquals(rows("test", live, table, INSERT_TIMES), rows("test", rebuilt, table, INSERT_TIMES),
                    table + ": rebuilt from the journal equals the live database");
            }

            execute("postgres", "CREATE DATABASE " + restoreDb);
            final Path dump = directory.resolve("backup.sql");
            run("pg_dump", "-h", "127.0.0.1", "-U", "postgres", "-n", live, "-f", dump.toString(), "test");
            run("psql", "-h", "127.0.0.1", "-U", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-f", dump.toString(),
                restoreDb);
            for (final String table : DATA_TABLES)
            {
                assertEquals(rows("test", live, table, List.of()), rows(restoreDb, live, table, List.of()),
                    table + ": the restored backup equals the live database");
            }
            System.out.println("rebuild and restore: " + trades + " trades, " + DATA_TABLES.size() +
                " tables compared row for row");
        }
        finally
        {
            execute("test", "DROP SCHEMA IF EXISTS " + live + " CASCADE");
            execute("test", "DROP SCHEMA IF EXISTS " + rebuilt + " CASCADE");
            execute("postgres", "DROP DATABASE IF EXISTS " + restoreDb);
        }
    }

    /** Runs a node for a few seconds against the simulator; closing it drains the writer into the schema. */
    private NodeConfig runNode(final String schema) throws Exception
    {
        try (VenueSimulators simulators = VenueSimulators.launch(List.of(Venue.BINANCE),
            new BinanceSimulatorContext().port(0).seed(11).messagesPerSecond(400)))
        {
            NodeConfig config = NodeConfig.defaults(Map.of())
                .with("journal.dir", directory.resolve("journal").toString())
                .with("gateway.port", "0")
                .with("gateway.auth.enabled", "false")
                .with("db.url", SERVER + "test")
                .with("db.schema", schema)
                .with("venues", "binance");
            for (final Map.Entry<String, String> setting : simulators.feedSettings(Venue.BINANCE).entrySet())
            {
                config = config.with("binance." + setting.getKey(), setting.getValue());
            }
            try (MarketDataNode node = MarketDataNode.launch(config, new SystemEpochNanoClock()))
            {
                Thread.sleep(4_000);
                assertTrue(node.journaledEvents() > 100, "events journaled: " + node.journaledEvents());
            }
            return config;
        }
    }

    /** Every row of a table, ordered, as text, without the given columns. */
    private static List<String> rows(
        final String database, final String schema, final String table, final List<String> without)
        throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(SERVER + database, "postgres", "");
            Statement statement = connection.createStatement())
        {
            final List<String> columns = new ArrayList<>();
            try (ResultSet result = statement.executeQuery("SELECT column_name FROM information_schema.columns " +
                "WHERE table_schema = '" + schema + "' AND table_name = '" + table + "' ORDER BY ordinal_position"))
            {
                while (result.next())
                {
                    if (!without.contains(result.getString(1)))
                    {
                        columns.add(result.getString(1));
                    }
                }
            }
            assertTrue(!columns.isEmpty(), schema + "." + table + " exists in " + database);
            final String list = String.join(", ", columns);
            final List<String> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery(
                "SELECT " + list + " FROM " + schema + "." + table + " ORDER BY " + list))
            {
                while (result.next())
                {
                    final StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns.size(); i++)
                    {
                        row.append(result.getString(i)).append('|');
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        }
    }

    private static long count(final String database, final String table) throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(SERVER + database, "postgres", "");
            Statement statement = connection.createStatement();
            ResultSet result = statement.executeQuery("SELECT count(*) FROM " + table))
        {
            result.next();
            return result.getLong(1);
        }
    }

    private static void execute(final String database, final String sql) throws SQLException
    {
        try (Connection connection = DriverManager.getConnection(SERVER + database, "postgres", "");
            Statement statement = connection.createStatement())
        {
            statement.execute(sql);
        }
    }

    private static void run(final String... command) throws Exception
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS) && process.exitValue() == 0,
            String.join(" ", command) + " failed: " + output);
    }
}
