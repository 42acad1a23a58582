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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
                "--base-url", server.baseUri(), "--journal-dir", dir.toString(), "--admin-port", "0");
            final Path stdout = dir.resolve("backfill.out");
            final Process backfill = start(args, stdout);

            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (server.counters().requests() < 3 && System.nanoTime() < deadline)
            {
                Thread.sleep(50);
            }
            assertTrue(server.counters().requests() >= 3, "the backfill is paging");
            assertAdminPortServesProgress(stdout);
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

    /** The loader's admin port: its progress at /metrics, and /health. */
    private static void assertAdminPortServesProgress(final Path stdout) throws Exception
    {
        final List<String> lines = Files.readAllLines(stdout);
        final String admin = lines.stream().filter(line -> line.startsWith("admin: ")).findFirst()
            .orElseThrow(() -> new AssertionError("no admin line in " + lines)).substring("admin: ".length());
        final HttpClient http = HttpClient.newHttpClient();
        final String metrics = http.send(HttpRequest.newBuilder(URI.create(admin)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
        final Matcher candles = Pattern.compile(
            "(?m)^zvt_backfill_candles_total\\{interval=\"1m\",venue=\"binance\"} (\\S+)$").matcher(metrics);
        assertTrue(candles.find(), metrics);
        assertTrue(Double.parseDouble(candles.group(1)) >= 1_000, metrics);
        assertTrue(metrics.contains("zvt_backfill_requests_total{interval=\"1m\",outcome=\"sent\",venue=\"binance\"}"),
            metrics);
        final HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(admin.replace(
            "/metrics", "/health"))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode());
        assertEquals("{\"status\":\"up\"}", health.body());
    }

    /** Output to a file: {@link Process#destroy} (SIGTERM) would close a pipe before the last lines are read. */
    private static Process start(final List<String> args, final Path stdout) throws IOException
    {
        return new ProcessBuilder(args).directory(REPOSITORY.toFile())
            .redirectOutput(stdout.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
