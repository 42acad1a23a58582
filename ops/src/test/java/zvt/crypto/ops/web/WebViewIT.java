package zvt.crypto.ops.web;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.CloseHelper;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.test.Tests;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.feed.simulator.VenueSimulators;
import zvt.crypto.feed.venue.VenueAdapter;
import zvt.crypto.feed.venue.VenueRegistry;
import zvt.crypto.ops.config.NodeConfig;
import zvt.crypto.ops.launch.MarketDataNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The gateway's web page in a real headless Chromium, driven over the DevTools protocol, against a demo-like node:
 * the four venue simulators on loopback, the node with the real PostgreSQL and Redis, auth off. The page must load
 * with no console error, fill its views from the live protocol, show exactly the node's book, and follow a venue
 * that drops and comes back. Screenshots of both views go to {@code target/web-view/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebViewIT
{
    private static final List<Venue> VENUES = List.of(Venue.BINANCE, Venue.OKX, Venue.BYBIT, Venue.COINBASE);
    private static final String DB_URL = "jdbc:postgresql://127.0.0.1:5432/test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = Path.of("target", "web-view");
    private static final int LADDER_DEPTH = 20;
    private static final long POLL_MS = 100;
    private static final String LADDER = "document.getElementById('ladder').dataset";

    @TempDir
    static Path directory;

    private VenueSimulators simulators;
    private MarketDataNode node;
    private Chromium chromium;
    private DevTools page;
    private String gateway;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void startNodeAndBrowser() throws Exception
    {
        simulators = VenueSimulators.launch(VENUES, new BinanceSimulatorContext().port(0).seed(42)
            .messagesPerSecond(200));
        NodeConfig config = NodeConfig.defaults(Map.of())
            .with("journal.dir", directory.resolve("journal").toString())
            .with("gateway.port", "0")
            .with("gateway.auth.enabled", "false")
            .with("db.url", DB_URL)
            .with("db.schema", "web_" + Long.toHexString(System.nanoTime()))
            .with("redis.url", "redis://127.0.0.1:6379")
            .with("redis.key.prefix", "test-web-" + UUID.randomUUID())
            .with("venues", "binance,okx,bybit,coinbase");
        for (final Venue venue : VENUES)
        {
            final VenueAdapter adapter = VenueRegistry.byName(venue.name().toLowerCase());
            for (final Map.Entry<String, String> setting : simulators.feedSettings(venue).entrySet())
            {
                config = config.with(adapter.configName() + "." + setting.getKey(), setting.getValue());
            }
        }
        node = MarketDataNode.launch(config, new SystemEpochNanoClock());
        final URI webSocket = node.gatewayUri();
        gateway = "http://" + webSocket.getHost() + ":" + webSocket.getPort();
        chromium = Chromium.launch(1400, 1000);
    }

    @AfterAll
    void stop()
    {
        CloseHelper.closeAll(chromium, node, simulators, http);
    }

    @BeforeEach
    void openPage() throws Exception
    {
        page = chromium.openTab();
        page.enable();
        page.navigate(gateway + "/#BINANCE/BTC-USDT");
    }

    @AfterEach
    void closePage()
    {
        page.close();
    }

    @Test
    void shouldShowTheMarketExactlyAsTheNodeHasItAndEveryVenueConnected() throws Exception
    {
        awaitPage(() -> number(LADDER + ".bidLevels") >= 10 && number(LADDER + ".askLevels") >= 10,
            Duration.ofSeconds(10), "the ladder shows 10 levels a side within 10 s");
        awaitPage(() -> number("document.getElementById('trades').dataset.count") > 0, Duration.ofSeconds(10),
            "trades on the tape");
        awaitPage(() -> number("document.getElementById('candles').dataset.bars") > 0, Duration.ofSeconds(30),
            "bars on the candle chart");
        assertLadderIsTheNodesBook();
        page.screenshot(SCREENSHOTS.resolve("web-market.png"));

        page.evaluate("document.getElementById('tab-node').click()");
        awaitPage(() -> number("document.querySelectorAll('#venues tr[data-connected=true]').length") == VENUES.size(),
            Duration.ofSeconds(10), "every configured venue shown connected in the node view");
        awaitPage(() -> number("document.querySelectorAll('#gateway-stats dd').length") > 0,
            Duration.ofSeconds(5), "the gateway's figures in the node view");
        page.screenshot(SCREENSHOTS.resolve("web-node.png"));
        assertEquals(List.of(), page.errors(), "no console errors, exceptions or failed loads");
    }

    @Test
    void shouldShowAVenueThatDropsAsStaleThenRecovered() throws Exception
    {
        awaitPage(() -> "live".equals(text(LADDER + ".state")), Duration.ofSeconds(10), "the book live");
        final long snapshots = number(LADDER + ".snapshots");

        simulators.simulator(Venue.BINANCE).dropAllConnections();

        awaitPage(() -> number(LADDER + ".staleCount") > 0, Duration.ofSeconds(10),
            "the page drops the book when the node marks it stale");
        awaitPage(() -> number("document.querySelectorAll('#status-events li[data-venue=BINANCE]" +
            "[data-status=disconnected]').length") > 0, Duration.ofSeconds(10), "the venue's disconnect listed");
        awaitPage(() -> "live".equals(text(LADDER + ".state")) && number(LADDER + ".snapshots") > snapshots &&
                number(LADDER + ".bidLevels") >= 10,
            Duration.ofSeconds(30), "the book live again from a fresh snapshot after the venue reconnected");
        page.evaluate("document.getElementById('tab-node').click()");
        awaitPage(() -> number("document.querySelectorAll('#venues tr[data-venue=binance][data-connected=true]')" +
            ".length") == 1, Duration.ofSeconds(10), "the venue shown connected again in the node view");
        assertEquals(List.of(), page.errors(), "no console errors, exceptions or failed loads");
    }

    /**
     * With BINANCE's market paused, the page's ladder and the node's REST book reach the same venue sequence; then
     * every level shown equals the node's, price and size.
     */
    private void assertLadderIsTheNodesBook() throws Exception
    {
        simulators.simulator(Venue.BINANCE).pause(8_000);
        final JsonNode[] rest = new JsonNode[1];
        awaitPage(() ->
        {
            rest[0] = restBook();
            return rest[0] != null && Long.toString(rest[0].get("sequence").asLong()).equals(text(LADDER + ".sequence"));
        }, Duration.ofSeconds(6), "the page at the node's book sequence while the market pauses");
        final JsonNode shown = JSON.readTree(text("JSON.stringify({sequence: " + LADDER + ".sequence, " +
            "bids: [...document.querySelectorAll('#ladder .level.bid')].map(l => [l.dataset.price, l.dataset.size]), " +
            "asks: [...document.querySelectorAll('#ladder .level.ask')].map(l => [l.dataset.price, l.dataset.size])" +
            ".reverse()})"));
        final JsonNode after = restBook();
        assertEquals(rest[0].get("sequence").asLong(), after.get("sequence").asLong(), "the market stayed paused");
        assertEquals(rest[0].get("sequence").asLong(), shown.get("sequence").asLong());
        assertLevelsEqual(rest[0].get("bids"), shown.get("bids"), "bids");
        assertLevelsEqual(rest[0].get("asks"), shown.get("asks"), "asks");
    }

    private static void assertLevelsEqual(final JsonNode expected, final JsonNode shown, final String side)
    {
        assertEquals(expected.size(), shown.size(), side + " levels shown: " + shown + " node: " + expected);
        for (int i = 0; i < expected.size(); i++)
        {
            for (int field = 0; field < 2; field++)
            {
                assertEquals(0, new BigDecimal(expected.get(i).get(field).asText())
                        .compareTo(new BigDecimal(shown.get(i).get(field).asText())),
                    side + " level " + i + " shown " + shown.get(i) + ", node " + expected.get(i));
            }
        }
    }

    private JsonNode restBook()
    {
        try
        {
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(gateway + "/api/v1/crypto/book/BINANCE/BTC-USDT?depth=" + LADDER_DEPTH)).build(),
                HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private long number(final String expression)
    {
        final String value = text("String(" + expression + ")");
        return value == null || value.isEmpty() || value.equals("undefined") ? -1 : Long.parseLong(value);
    }

    private String text(final String expression)
    {
        try
        {
            final JsonNode value = page.evaluate(expression);
            return value == null || value.isNull() ? null : value.asText();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** Polls the page ten times a second: the browser shares two cores with the node and the simulators. */
    private void awaitPage(final BooleanSupplier condition, final Duration timeout, final String what)
    {
        Tests.await(() -> condition.getAsBoolean() || pause(), timeout, () -> what + "; ladder " +
            text("JSON.stringify(" + LADDER + ")") + ", errors " + page.errors());
    }

    private static boolean pause()
    {
        try
        {
            Thread.sleep(POLL_MS);
            return false;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }
}
