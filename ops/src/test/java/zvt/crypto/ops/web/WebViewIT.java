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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.CloseHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.core.codec.Venue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static zvt.crypto.ops.web.BrowserPage.LADDER;

/**
 * The gateway's web page in a real headless Chromium, driven over the DevTools protocol, against a demo-like node
 * (four venue simulators, the real PostgreSQL and Redis, auth off): it loads with no console error, fills its views
 * from the live protocol, shows exactly the node's book, and follows a venue that drops and comes back. Screenshots
 * of both views go to {@code target/web-view/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebViewIT
{
    private static final List<Venue> VENUES = List.of(Venue.BINANCE, Venue.OKX, Venue.BYBIT, Venue.COINBASE);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SCREENSHOTS = Path.of("target", "web-view");
    private static final int LADDER_DEPTH = 20;

    @TempDir
    static Path directory;

    private final HttpClient http = HttpClient.newHttpClient();
    private SimulatedNode node;
    private Chromium chromium;
    private BrowserPage page;

    @BeforeAll
    void startNodeAndBrowser() throws Exception
    {
        node = SimulatedNode.start(VENUES, directory, Map.of("gateway.auth.enabled", "false"));
        chromium = Chromium.launch(1400, 1000);
    }

    @AfterAll
    void stop()
    {
        CloseHelper.closeAll(chromium, node, http);
    }

    @BeforeEach
    void openPage() throws Exception
    {
        page = BrowserPage.open(chromium, node.http() + "/#BINANCE/BTC-USDT");
    }

    @AfterEach
    void closePage() throws Exception
    {
        page.close();
    }

    @Test
    void shouldShowTheMarketExactlyAsTheNodeHasItAndEveryVenueConnected() throws Exception
    {
        page.await(() -> page.number(LADDER + ".bidLevels") >= 10 && page.number(LADDER + ".askLevels") >= 10,
            Duration.ofSeconds(10), "the ladder shows 10 levels a side within 10 s");
        page.await(() -> page.number("document.getElementById('trades').dataset.count") > 0, Duration.ofSeconds(10),
            "trades on the tape");
        page.await(() -> page.number("document.getElementById('candles').dataset.bars") > 0, Duration.ofSeconds(30),
            "bars on the candle chart");
        assertLadderIsTheNodesBook();
        page.screenshot(SCREENSHOTS.resolve("web-market.png"));

        page.click("tab-node");
        page.await(() -> page.number("document.querySelectorAll('#venues tr[data-connected=true]').length") ==
            VENUES.size(), Duration.ofSeconds(10), "every configured venue shown connected in the node view");
        page.await(() -> page.number("document.querySelector('#gateway-stats dd').textContent") >= 1,
            Duration.ofSeconds(5), "the page itself among the gateway's clients in the node view");
        page.screenshot(SCREENSHOTS.resolve("web-node.png"));
        assertEquals(List.of(), page.errors(), "no console errors, exceptions or failed loads");
    }

    @Test
    void shouldShowAVenueThatDropsAsStaleThenRecovered()
    {
        page.await(() -> "live".equals(page.text(LADDER + ".state")), Duration.ofSeconds(10), "the book live");
        final long snapshots = page.number(LADDER + ".snapshots");

        node.simulators.simulator(Venue.BINANCE).dropAllConnections();

        page.await(() -> page.number(LADDER + ".staleCount") > 0, Duration.ofSeconds(10),
            "the page drops the book when the node marks it stale");
        page.await(() -> page.number("document.querySelectorAll('#status-events li[data-venue=BINANCE]" +
            "[data-status=disconnected]').length") > 0, Duration.ofSeconds(10), "the venue's disconnect listed");
        page.await(() -> "live".equals(page.text(LADDER + ".state")) &&
                page.number(LADDER + ".snapshots") > snapshots && page.number(LADDER + ".bidLevels") >= 10,
            Duration.ofSeconds(30), "the book live again from a fresh snapshot after the venue reconnected");
        page.click("tab-node");
        page.await(() -> page.number("document.querySelectorAll('#venues tr[data-venue=binance]" +
            "[data-connected=true]').length") == 1, Duration.ofSeconds(10), "the venue connected again");
        assertEquals(List.of(), page.errors(), "no console errors, exceptions or failed loads");
    }

    @Test
    void shouldReplayThePastMinutesIntoTheSameViews()
    {
        page.await(() -> page.number("document.getElementById('trades').dataset.count") > 0, Duration.ofSeconds(10),
            "live trades first");
        page.text("document.getElementById('replay-panel').open = true");
        page.await(() -> !page.text("document.getElementById('replay-from').value").isEmpty(),
            Duration.ofSeconds(5), "the panel offers the last five minutes");
        page.text("document.getElementById('replay-speed').value = '0'; " +
            "document.getElementById('replay-form').requestSubmit()");

        page.await(() -> page.text("document.getElementById('connection').textContent").startsWith("replay ended"),
            Duration.ofSeconds(30), "the replay of the last five minutes ends");
        final String ended = page.text("document.getElementById('connection').textContent");
        assertTrue(ended.matches("replay ended: (end_of_range|end_of_journal), [1-9]\\d* messages"),
            "the range ran to its end (to is now: the journal may end first): " + ended);
        assertTrue(page.number("document.getElementById('trades').dataset.count") > 0, "replayed trades on the tape");
        assertTrue(page.number(LADDER + ".bidLevels") > 0, "the replayed book on the ladder");
        assertEquals(List.of(), page.errors(), "no console errors, exceptions or failed loads");
    }

    /**
     * The page's book model, as the browser runs it: a delta that straddles the book's sequence (the first after a
     * venue snapshot) applies and "0" removes a level; one that ends at or before it is a break (the page asks for a
     * fresh snapshot); the spread is exact decimal arithmetic.
     */
    @Test
    void shouldCheckTheBookSequenceAndKeepDecimalsExact() throws Exception
    {
        final JsonNode result = JSON.readTree(page.text("""
            Promise.all([import('/web/book.js'), import('/web/decimal.js')]).then(([{ Book }, { subtract }]) => {
              let breaks = 0;
              const book = new Book(() => breaks++);
              book.onSnapshot({ sequence: 10, journalIndex: 100, bids: [['99.50', '1']], asks: [['100.0', '2']] });
              book.onUpdate({ firstSequence: 5, lastSequence: 12, journalIndex: 101,
                levels: [['buy', '99.5', '0'], ['buy', '99.4', '3']] }, false);
              const straddled = book.best(5);
              book.onUpdate({ firstSequence: 11, lastSequence: 12, journalIndex: 102, levels: [] }, false);
              return JSON.stringify({ straddled, breaks, state: book.state,
                spread: subtract('100.10', '99.9'), negative: subtract('0.001', '0.01') });
            })"""));
        assertEquals("{\"bids\":[[\"99.4\",\"3\"]],\"asks\":[[\"100.0\",\"2\"]]}", result.get("straddled").toString());
        assertEquals(1, result.get("breaks").asInt(), "a delta ending at the book's sequence is a break");
        assertEquals("resyncing", result.get("state").asText());
        assertEquals("0.20", result.get("spread").asText());
        assertEquals("-0.009", result.get("negative").asText());
    }

    /**
     * With BINANCE's market paused, the page's ladder and the node's REST book reach the same venue sequence; then
     * every level shown equals the node's, price and size.
     */
    private void assertLadderIsTheNodesBook() throws Exception
    {
        node.simulators.simulator(Venue.BINANCE).pause(8_000);
        final JsonNode[] rest = new JsonNode[1];
        page.await(() ->
        {
            rest[0] = restBook();
            return rest[0] != null &&
                Long.toString(rest[0].get("sequence").asLong()).equals(page.text(LADDER + ".sequence"));
        }, Duration.ofSeconds(6), "the page at the node's book sequence while the market pauses");
        final JsonNode shown = JSON.readTree(page.text("JSON.stringify({sequence: " + LADDER + ".sequence, " +
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
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(node.http() +
                    "/api/v1/crypto/book/BINANCE/BTC-USDT?depth=" + LADDER_DEPTH)).build(),
                HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
