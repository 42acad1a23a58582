package zvt.crypto.ops.launch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.core.test.Tests;
import zvt.crypto.core.test.TextMessageCollector;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's demo command, exactly: {@code ops/bin/zvt demo} from the repository, its banner (printed last) naming
 * the web page, which is served, and the WebSocket; a WebSocket client on loopback
 * receiving trades and candles built from them within 10 s, and trades and book updates from every venue's
 * simulator through the one gateway; then SIGTERM, a clean drain and exit status 0, and the CLI's journal tools
 * reading what was journaled (one of them stopped by its reader, as {@code | head} does).
 */
class DemoCommandIT
{
    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern WEB_PAGE_LINE = Pattern.compile("^  web page   (http://\\S+/)$");
    private static final Pattern GATEWAY_LINE = Pattern.compile("^  WebSocket  (ws://\\S+)$");
    private static final Pattern STOP_LINE = Pattern.compile("^  stop       Ctrl-C .*kill -TERM \\d+ .*$");
    private static final Pattern TRADE = Pattern.compile(
        "\"type\":\"trade\",\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\".*\"tradeId\":\"(\\d+)\".*\"journalIndex\":(\\d+)");
    private static final Pattern VENUE_EVENT = Pattern.compile(
        "\"type\":\"(trade|book)\",\"venue\":\"(\\w+)\",\"symbol\":\"([\\w-]+)\"");
    private static final Pattern TRADE_CANDLE = Pattern.compile(
        "\"type\":\"candle\",\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\".*\"source\":\"trades\"");

    /** One symbol per venue, as each venue's defaults name it. */
    private static final Map<String, String> SYMBOL_PER_VENUE = Map.of(
        "BINANCE", "BTC-USDT", "OKX", "BTC-USDT", "BYBIT", "BTC-USDT", "COINBASE", "BTC-USD");

    private Process demo;

    @AfterEach
    void tearDown()
    {
        if (demo != null && demo.isAlive())
        {
            demo.destroyForcibly();
        }
    }

    @Test
    void shouldServeTradesWithin10SecondsAndDrainOnSigterm(@TempDir final Path dataDir) throws Exception
    {
        final long started = System.nanoTime();
        demo = new ProcessBuilder("bash", "ops/bin/zvt", "demo", "--port", "0", "--data-dir", dataDir.toString())
            .directory(REPOSITORY.toFile())
            .redirectError(dataDir.resolve("demo.log").toFile())
            .start();
        final BufferedReader stdout = new BufferedReader(
            new InputStreamReader(demo.getInputStream(), StandardCharsets.UTF_8));
        final Banner banner = awaitBanner(stdout, dataDir);
        final URI gateway = banner.webSocket();

        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final WebSocket client = HttpClient.newHttpClient().newWebSocketBuilder()
            .buildAsync(gateway, new TextMessageCollector(messages)).get(5, TimeUnit.SECONDS);
        client.sendText("{\"op\":\"subscribe\",\"channel\":\"trades\",\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\"}",
            true).get(5, TimeUnit.SECONDS);
        client.sendText("{\"op\":\"subscribe\",\"channel\":\"candle\",\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\"}",
            true).get(5, TimeUnit.SECONDS);
        final Set<String> venuesTrading = ConcurrentHashMap.newKeySet();
        final Set<String> venuesWithBooks = ConcurrentHashMap.newKeySet();
        for (final Map.Entry<String, String> venue : SYMBOL_PER_VENUE.entrySet())
        {
            for (final String channel : List.of("trades", "book"))
            {
                client.sendText("{\"op\":\"subscribe\",\"channel\":\"" + channel + "\",\"venue\":\"" +
                    venue.getKey() + "\",\"symbol\":\"" + venue.getValue() + "\"}", true).get(5, TimeUnit.SECONDS);
            }
        }

        final List<String[]> trades = new ArrayList<>();
        String tradeCandle = null;
        final long deadline = started + TimeUnit.SECONDS.toNanos(10);
        while ((trades.size() < 5 || tradeCandle == null) && System.nanoTime() < deadline)
        {
            final String message = messages.poll(100, TimeUnit.MILLISECONDS);
            if (message == null)
            {
                continue;
            }
            note(message, venuesTrading, venuesWithBooks);
            // The candle subscription is applied a moment after the trades one: more trades may come before it.
            final Matcher trade = TRADE.matcher(message);
            if (trade.find())
            {
                if (trades.size() < 5)
                {
                    trades.add(new String[]{trade.group(1), trade.group(2)});
                }
            }
            else if (TRADE_CANDLE.matcher(message).find())
            {
                tradeCandle = message;
            }
        }
        assertEquals(5, trades.size(), "BTC-USDT trades received within 10 s of starting the demo");
        assertNotNull(tradeCandle, "a candle built from trades received within 10 s; " + trades.size() + " trades");
        final long venuesDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while ((venuesTrading.size() < SYMBOL_PER_VENUE.size() || venuesWithBooks.size() < SYMBOL_PER_VENUE.size()) &&
            System.nanoTime() < venuesDeadline)
        {
            final String message = messages.poll(100, TimeUnit.MILLISECONDS);
            if (message != null)
            {
                note(message, venuesTrading, venuesWithBooks);
            }
        }
        assertEquals(SYMBOL_PER_VENUE.keySet(), venuesTrading, "trades from every venue");
        assertEquals(SYMBOL_PER_VENUE.keySet(), venuesWithBooks, "book updates from every venue");
        client.sendClose(WebSocket.NORMAL_CLOSURE, "done");

        final HttpResponse<String> page = HttpClient.newHttpClient().send(
            HttpRequest.newBuilder(banner.webPage()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), "the banner's web page is served");
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"),
            page.headers().toString());
        assertTrue(page.body().contains("/web/app.js"), page.body());

        final URI health = URI.create("http://" + gateway.getHost() + ":" + gateway.getPort() + "/health");
        final String[] readiness = {""};
        Tests.await(() ->
        {
            readiness[0] = get(health);
            return readiness[0].contains("\"database\":\"connected\",\"storage\":\"plain\"") &&
                readiness[0].contains("\"lateCandleTrades\":");
        }, Duration.ofSeconds(60), () -> "readiness details show the embedded database on the plain path: " +
            readiness[0]);

        demo.destroy();
        assertTrue(demo.waitFor(30, TimeUnit.SECONDS), "demo exits after SIGTERM");
        assertEquals(0, demo.exitValue(), "a clean drain after SIGTERM is a success");
        final String log = Files.readString(dataDir.resolve("demo.log"));
        assertTrue(log.contains("journal closed after"), "the node drained and closed the journal:\n" + log);
        assertTrue(log.contains("gateway candles primed with 0 trades"), "the node primed its live candles:\n" + log);

        final Path journal = dataDir.resolve("journal");
        final String dump = run("journal", "dump", "--dir", journal.toString(), "--type", "trade",
            "--symbol", "BTC-USDT");
        for (final String[] trade : trades)
        {
            assertTrue(dump.contains("\"tradeId\":\"" + trade[0] + "\"") &&
                dump.contains("\"journalIndex\":" + trade[1] + "}"),
                "trade " + trade[0] + " at index " + trade[1] + " is in the journal");
        }
        final String stats = run("journal", "stats", "--dir", journal.toString());
        final Matcher entries = Pattern.compile("type trade\\s+(\\d+)").matcher(stats);
        assertTrue(entries.find(), stats);
        assertTrue(Long.parseLong(entries.group(1)) >= trades.size(), stats);

        assertHeadEndsTheDumpQuietly(journal, dataDir.resolve("dump.log"));
        final Process help = new ProcessBuilder("bash", "ops/bin/zvt", "--help").directory(REPOSITORY.toFile())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        final String helpErr = new String(help.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(help.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, help.exitValue(), helpErr);
        assertEquals("", helpErr, "no JVM warnings on the launcher's commands");

        final String replay = run("replay", "--dir", journal.toString(), "--symbol", "ETH-USDT", "--type", "trade");
        assertTrue(replay.lines().findAny().isPresent(), "replay returns the ETH-USDT trades");
        assertTrue(replay.lines().allMatch(l -> l.contains("\"symbol\":\"ETH-USDT\"") && l.contains("\"type\":\"trade\"")),
            "replay filters by symbol and type");
    }

    /** {@code zvt journal dump | head -1}: the reader closes the pipe after one line; the dump ends, silent and 0. */
    private static void assertHeadEndsTheDumpQuietly(final Path journal, final Path log) throws Exception
    {
        final Process dump = new ProcessBuilder("bash", "ops/bin/zvt", "journal", "dump", "--dir", journal.toString())
            .directory(REPOSITORY.toFile())
            .redirectError(log.toFile())
            .start();
        try (BufferedReader lines = new BufferedReader(
            new InputStreamReader(dump.getInputStream(), StandardCharsets.UTF_8)))
        {
            assertNotNull(lines.readLine());
        }
        assertTrue(dump.waitFor(60, TimeUnit.SECONDS), "the dump ends once its reader is gone");
        final String errors = Files.readString(log);
        assertEquals(0, dump.exitValue(), errors);
        assertFalse(errors.contains("Broken pipe") || errors.contains("Exception") || errors.contains("error:"),
            errors);
    }

    /** Notes which venue a trade or book message of the subscribed symbols came from. */
    private static void note(final String message, final Set<String> venuesTrading, final Set<String> venuesWithBooks)
    {
        final Matcher event = VENUE_EVENT.matcher(message);
        if (event.find() && event.group(3).equals(SYMBOL_PER_VENUE.get(event.group(2))))
        {
            (event.group(1).equals("trade") ? venuesTrading : venuesWithBooks).add(event.group(2));
        }
    }

    /** The banner's URLs, once its closing rule is read: it is the last thing the demo prints. */
    private record Banner(URI webPage, URI webSocket)
    {
    }

    private static Banner awaitBanner(final BufferedReader stdout, final Path dataDir) throws IOException
    {
        URI webPage = null;
        URI webSocket = null;
        boolean stop = false;
        String line;
        while ((line = stdout.readLine()) != null)
        {
            final Matcher page = WEB_PAGE_LINE.matcher(line);
            final Matcher socket = GATEWAY_LINE.matcher(line);
            if (page.matches())
            {
                webPage = URI.create(page.group(1));
            }
            else if (socket.matches())
            {
                webSocket = URI.create(socket.group(1));
            }
            else if (STOP_LINE.matcher(line).matches())
            {
                stop = true;
            }
            else if (line.startsWith("=====") && webPage != null)
            {
                assertNotNull(webSocket, "the banner names the WebSocket");
                assertTrue(stop, "the banner says how to stop the demo");
                return new Banner(webPage, webSocket);
            }
        }
        throw new AssertionError("demo ended without printing its banner:\n" +
            Files.readString(dataDir.resolve("demo.log")));
    }

    private static String get(final URI uri)
    {
        try
        {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        }
        catch (final IOException ex)
        {
            return ex.toString();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    private static String run(final String... args) throws Exception
    {
        final List<String> command = new ArrayList<>(List.of("bash", "ops/bin/zvt"));
        command.addAll(List.of(args));
        final ProcessBuilder builder = new ProcessBuilder(command).directory(REPOSITORY.toFile());
        builder.environment().putAll(Map.of("ZVT_LOG_LEVEL", "WARN"));
        final Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        final CompletableFuture<String> output = CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                throw new IllegalStateException(ex);
            }
        });
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "zvt " + String.join(" ", args) + " finishes");
        assertEquals(0, process.exitValue(), "zvt " + String.join(" ", args) + " succeeds");
        final String text = output.get(5, TimeUnit.SECONDS);
        assertNotNull(text);
        return text;
    }
}
