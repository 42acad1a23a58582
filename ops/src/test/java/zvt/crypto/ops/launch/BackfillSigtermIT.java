package zvt.crypto.ops.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.feed.simulator.rest.KlineRoutes;
import zvt.crypto.feed.simulator.rest.RestFaults;
import zvt.crypto.feed.simulator.rest.RestSimulator;
import zvt.crypto.feed.simulator.rest.RestSimulatorContext;
import zvt.crypto.feed.simulator.rest.SyntheticCandleMarket;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ops/bin/zvt backfill} stopped by SIGTERM mid-range: it finishes the page in progress, drains into the
 * journal, says where it stopped and exits 2 (incomplete), not 143; a rerun completes the range.
 */
class BackfillSigtermIT
{
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final long LISTED_MS = 1_600_000_000_000L;

    @Test
    void shouldStopBetweenPagesOnSigtermAndResumeOnARerun(@TempDir final Path dir) throws Exception
    {
        final SyntheticCandleMarket market = new SyntheticCandleMarket(7, LISTED_MS, System::currentTimeMillis);
        // Every page answers after 200 ms, so the range takes minutes and SIGTERM lands mid-way.
        try (RestSimulator server = RestSimulator.launch(KlineRoutes.mount(
            new RestSimulatorContext().faults(new RestFaults().slowEvery(1, 200)), Venue.BINANCE, market,
            List.of("BTCUSDT"))))
        {
            final List<String> args = List.of("bash", "ops/bin/zvt", "backfill", "--venue", "binance",
                "--symbol", "BTC-USDT", "--interval", "1m", "--from", "2021-01-01", "--to", "2021-02-01",
                "--base-url", server.baseUri(), "--journal-dir", dir.toString());
            final Path stdout = dir.resolve("backfill.out");
            final Process backfill = start(args, stdout);

            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (server.counters().requests() < 3 && System.nanoTime() < deadline)
            {
                Thread.sleep(50);
            }
            assertTrue(server.counters().requests() >= 3, "the backfill is paging");
            backfill.destroy(); // SIGTERM

            assertTrue(backfill.waitFor(30, TimeUnit.SECONDS), "backfill stops after SIGTERM");
            final String out = Files.readString(stdout);
            assertEquals(2, backfill.exitValue(), out);
            assertTrue(out.contains("; run again to continue"), out);

            final Process rerun = start(args, stdout);
            assertTrue(rerun.waitFor(120, TimeUnit.SECONDS), "the rerun completes");
            final String rerunOut = Files.readString(stdout);
            assertEquals(0, rerun.exitValue(), rerunOut);
            assertTrue(rerunOut.contains(", complete"), rerunOut);
        }
    }

    /** Output to a file: {@link Process#destroy} (SIGTERM) would close a pipe before the last lines are read. */
    private static Process start(final List<String> args, final Path stdout) throws IOException
    {
        return new ProcessBuilder(args).directory(REPOSITORY.toFile())
            .redirectOutput(stdout.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
