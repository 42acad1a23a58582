package zvt.crypto.ops;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the CLI says when it cannot do what it was asked: one line a person can act on, no stack trace, exit 1 for a
 * failing command and 2 for a bad command line.
 */
class CliErrorsTest
{
    @Test
    void shouldRequireAConfigFileToRunANode()
    {
        final Result result = execute("run");
        assertEquals(2, result.exit, result.err);
        assertTrue(result.err.contains("run needs --config FILE: copy ops/config/zvt-crypto.properties"),
            result.err);
    }

    @Test
    void shouldNameAMissingConfigFile(@TempDir final Path dir)
    {
        final Path missing = dir.resolve("zvt.properties");
        for (final String command : new String[]{"run", "journal stats", "rebuild-db"})
        {
            final Result result = execute((command + " --config " + missing).split(" "));
            assertEquals(1, result.exit, command + ": " + result.err);
            assertEquals("error: config file not found: " + missing, result.err.strip(), command);
        }
    }

    @Test
    void shouldRejectADirectoryAsConfigFile(@TempDir final Path dir)
    {
        final Result result = execute("run", "--config", dir.toString());
        assertEquals(1, result.exit, result.err);
        assertEquals("error: " + dir + " is a directory, not a config file", result.err.strip());
    }

    @Test
    void shouldRefuseABadVenueSettingBeforeOpeningTheJournalOrTheGateway(@TempDir final Path dir) throws IOException
    {
        final Path journal = dir.resolve("journal");
        final String common = "journal.dir = " + journal + "\ndb.enabled = false\ngateway.port = 0\n" +
            "gateway.auth.enabled = false\n";
        final String[][] cases = {
            {"venues = binance,kraken\n", "error: unknown venue 'kraken'; known venues: [binance, bybit, coinbase, okx]"},
            {"venues = okx\nokx.channels = trades,tradez\n", "error: okx.channels: "},
            {"venues = binance\ngateway.auth.enabled = true\n", "error: gateway.auth.enabled is true but no credential"},
        };
        for (final String[] bad : cases)
        {
            final Path config = Files.writeString(dir.resolve("zvt.properties"), common + bad[0]);
            final Result result = execute("run", "--config", config.toString());
            assertEquals(1, result.exit, bad[0] + result.err);
            assertTrue(result.err.strip().startsWith(bad[1]), result.err);
            assertFalse(Files.exists(journal), bad[0] + ": the journal was not opened");
        }
    }

    @Test
    void shouldSayThereIsNoJournalInAnEmptyOrMissingDirectory(@TempDir final Path dir)
    {
        for (final Path journal : new Path[]{dir, dir.resolve("missing")})
        {
            for (final String command : new String[]{"journal stats", "journal dump", "replay"})
            {
                final Result result = execute((command + " --dir " + journal).split(" "));
                assertEquals(1, result.exit, command + ": " + result.err);
                assertEquals("error: no journal in " + journal, result.err.strip(), command);
                assertEquals("", result.out, command);
            }
        }
    }

    @Test
    void shouldNameTheAcceptedTimeFormats(@TempDir final Path dir)
    {
        for (final String command : new String[]{"journal dump --from", "replay --to"})
        {
            final Result result = execute((command + " yesterday --dir " + dir).split(" "));
            assertEquals(2, result.exit, command + ": " + result.err);
            assertTrue(result.err.contains("'yesterday' is not a time: use an ISO-8601 instant " +
                "(2024-01-01T00:00:00Z) or epoch nanoseconds"), command + ": " + result.err);
        }
        final Result backfill = execute("backfill", "--venue", "binance", "--symbol", "BTC-USDT", "--from",
            "yesterday", "--journal-dir", dir.toString());
        assertEquals(2, backfill.exit, backfill.err);
        assertTrue(backfill.err.contains("'yesterday' is not a time: use a UTC date (2024-01-01), an ISO-8601 " +
            "instant (2024-01-01T00:00:00Z) or epoch milliseconds"), backfill.err);
    }

    @Test
    void shouldDocumentWhereTheJournalToolsLook() throws IOException
    {
        assertTrue(execute("demo", "--help").out.contains("./data/demo"));
        final String help = execute("journal", "stats", "--help").out.replaceAll("\\s+", " ");
        assertTrue(help.contains("else ./data/journal if it exists, else the demo's ./data/demo/journal"), help);
        assertFalse(Files.exists(Path.of("data")), "tests leave no ./data behind");
    }

    private static Result execute(final String... args)
    {
        final CommandLine commandLine = ZvtCrypto.commandLine();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final int exit = commandLine.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    private record Result(int exit, String out, String err)
    {
    }
}
