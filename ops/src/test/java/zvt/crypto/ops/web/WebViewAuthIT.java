package zvt.crypto.ops.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.gateway.auth.ApiKeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static zvt.crypto.ops.web.BrowserPage.LADDER;

/**
 * The web page with auth on and the production allow-list (no origin): the page itself loads without a credential,
 * the API answers 401, the page asks for a key, keeps it in sessionStorage only, and then shows the market over
 * REST and the WebSocket (its own origin is allowed).
 */
class WebViewAuthIT
{
    @TempDir
    Path directory;

    @Test
    void shouldAskForAKeyThenShowTheMarket() throws Exception
    {
        final String key = UUID.randomUUID().toString();
        final Path keys = Files.writeString(directory.resolve("api-keys"), "web:" + ApiKeys.sha256Hex(key) + "\n");
        final SimulatedNode node = SimulatedNode.start(List.of(Venue.BINANCE), directory, Map.of(
            "gateway.auth.enabled", "true", "gateway.auth.api.keys.file", keys.toString()));
        final Chromium chromium = Chromium.launch(1200, 900);
        try (BrowserPage page = BrowserPage.open(chromium, node.http() + "/#BINANCE/BTC-USDT"))
        {
            page.await(() -> "true".equals(page.text("String(document.getElementById('auth').open)")),
                Duration.ofSeconds(10), "the page asks for a credential");
            page.text("document.getElementById('auth-credential').value = '" + key + "'; " +
                "document.getElementById('auth-form').requestSubmit()");

            page.await(() -> page.number(LADDER + ".bidLevels") >= 10 && page.number(LADDER + ".askLevels") >= 10,
                Duration.ofSeconds(15), "the ladder filled over the WebSocket with the key");
            page.await(() -> page.number("document.getElementById('trades').dataset.count") > 0,
                Duration.ofSeconds(10), "trades on the tape");
            assertEquals(key, page.text("sessionStorage.getItem('zvt.credential')"));
            assertEquals(0, page.number("localStorage.length"), "the key is kept for the tab only");
            assertTrue(page.errors().stream().allMatch(error -> error.contains("401")),
                "only the 401 that made the page ask: " + page.errors());
        }
        finally
        {
            CloseHelper.closeAll(chromium, node);
        }
    }
}
