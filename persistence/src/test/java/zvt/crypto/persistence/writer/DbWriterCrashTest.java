package zvt.crypto.persistence.writer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import zvt.crypto.core.codec.MessageHeaderDecoder;
import zvt.crypto.core.codec.TradeDecoder;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.event.EventView;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.journal.JournalReader;
import zvt.crypto.persistence.TestSchema;

/**
 * The acceptance crash test: a node (synthetic stream → ring → journal, and the database writer) in a forked JVM,
 * killed with SIGKILL five times at random moments during a steady stream and restarted each time. Afterwards the
 * database holds exactly the journal's trades: same count, no duplicates, same ids; and candles of every interval
 * equal to one uninterrupted aggregation of the journal.
 */
class DbWriterCrashTest
{
    private static final int KILLS = 5;
    private static final long TRADES_PER_SECOND = 4_000;

    @TempDir
    Path journalDir;

    @Test
    void shouldHoldExactlyTheJournalsTradesAfterFiveKills() throws Exception
    {
        final Random random = new Random();
        try (TestSchema schema = TestSchema.migrated())
        {
            long lastCommitted = -1;
            for (int run = 0; run < KILLS; run++)
            {
                final Process child = new ProcessBuilder(javaCommand(schema.name(), run))
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
                final BufferedReader out = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII));
                assertEquals("STARTED", out.readLine(), "child did not start");
                final long killAfterMillis = 800 + random.nextInt(1_700);
                final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(killAfterMillis);
                String line = null;
                while (System.nanoTime() < deadline)
                {
                    line = out.readLine();
                }
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, mid-batch
                child.waitFor(10, TimeUnit.SECONDS);
                System.out.println("run " + run + " killed after " + killAfterMillis + " ms; last report: " + line);
                final long committed = Long.parseLong(line.split(" ")[1]);
                if (committed >= 0) // -1: this run had not connected yet when it was killed
                {
                    assertTrue(committed >= lastCommitted, "checkpoint went backwards");
                    lastCommitted = committed;
                }
            }

            final long journalTrades;
            final long journalIdSum;
            final List<String> expectedCandles;
            try (Journal journal = Journal.open(new JournalContext().directory(journalDir)))
            {
                final long[] counts = countTrades(journal);
                journalTrades = counts[0];
                journalIdSum = counts[1];
                DbWriterTest.runUntilCaughtUp(schema, journal); // the sixth start: catch up on what is left
                expectedCandles = TradeCandleRows.expected(journal);
            }
            final long rows = schema.queryLong("SELECT count(*) FROM crypto_trades");
            final long distinct = schema.queryLong("SELECT count(DISTINCT (entity_id, trade_id)) FROM crypto_trades");
            final long idSum = schema.queryLong("SELECT coalesce(sum(trade_id::bigint), 0) FROM crypto_trades");
            final long candleTrades = schema.queryLong("SELECT coalesce(sum(trade_count), 0) FROM crypto_ohlcv_1m");
            System.out.println("crash test: " + KILLS + " SIGKILLs; journal trades " + journalTrades +
                ", trade rows " + rows + ", distinct " + distinct + ", trades counted in 1m candles " + candleTrades);
            assertTrue(journalTrades > KILLS * 1_000L, "the stream did not run: " + journalTrades);
            assertEquals(journalTrades, rows);
            assertEquals(rows, distinct);
            assertEquals(journalIdSum, idSum);
            assertEquals(rows, candleTrades, "every trade counted once in its 1m candle");
            final List<String> storedCandles = TradeCandleRows.stored(schema);
            System.out.println("crash test: " + storedCandles.size() + " trade candle rows (1m..1d, " +
                storedCandles.stream().filter(row -> row.endsWith(" t")).count() + " closed) vs " +
                expectedCandles.size() + " from one uninterrupted aggregation of the journal");
            assertTrue(expectedCandles.size() > 10, "the stream spanned several minutes: " + expectedCandles);
            assertEquals(expectedCandles, storedCandles, "candles continue exactly across kills");
        }
    }

    private static long[] countTrades(final Journal journal)
    {
        final long[] counts = new long[2];
        final TradeDecoder trade = new TradeDecoder();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        try (JournalReader reader = journal.newReader())
        {
            reader.toStart();
            while (reader.readNext((final DirectBuffer buffer, final int offset, final int length, final long index) ->
            {
                if (length >= EventView.MIN_LENGTH && EventView.templateId(buffer, offset) == EventType.TRADE.templateId())
                {
                    trade.wrapAndApplyHeader(buffer, offset, header);
                    counts[0]++;
                    counts[1] += Long.parseLong(trade.venueTradeId());
                }
            }))
            {
                // counting
            }
        }
        return counts;
    }

    private List<String> javaCommand(final String schema, final int run)
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        final List<String> inputArguments = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int k = 0; k < inputArguments.size(); k++)
        {
            final String argument = inputArguments.get(k);
            if (argument.startsWith("--add-opens") || argument.startsWith("--add-exports") ||
                argument.startsWith("-Dchronicle") || argument.startsWith("-Dzvt"))
            {
                command.add(argument);
                if (!argument.contains("=") && k + 1 < inputArguments.size())
                {
                    command.add(inputArguments.get(++k));
                }
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(WriterNodeMain.class.getName());
        command.add(journalDir.toString());
        command.add(TestSchema.URL);
        command.add(schema);
        command.add(Long.toString(run * 1_000_000_000L));
        command.add(Long.toString(TRADES_PER_SECOND));
        return command;
    }
}
