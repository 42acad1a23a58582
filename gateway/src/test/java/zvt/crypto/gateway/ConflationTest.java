package zvt.crypto.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.BookUpdateKind;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.test.Tests;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The state channels conflate for a session that falls behind: it is never closed for it, and once it reads again
 * it gets the latest top of each instrument and a fresh book snapshot, with journal indexes that never go down.
 */
class ConflationTest
{
    private static final int TOPS = 40_000;

    private final GatewayHarness harness = new GatewayHarness(new GatewayContext()
        .writeBufferLowWatermark(32 * 1024)
        .writeBufferHighWatermark(64 * 1024));

    @AfterEach
    void close()
    {
        harness.close();
    }

    @Test
    void shouldSendABehindSessionTheLatestStateInsteadOfClosingIt() throws Exception
    {
        harness.publishBook(harness.btcBinance, BookUpdateKind.SNAPSHOT, 1, List.of(
            new GatewayHarness.BookLevel(Side.BUY, 1000, 1), new GatewayHarness.BookLevel(Side.SELL, 1010, 1)));
        final TestClient behind = harness.connect();
        assertEquals("subscribed", behind.request(GatewayHarness.subscribe("top", "BINANCE", "*")).path("type")
            .asText());
        assertEquals("subscribed", behind.request(GatewayHarness.subscribe("book", "BINANCE", "BTC-USDT"))
            .path("type").asText());
        assertEquals("book_snapshot", behind.nextJson().path("type").asText());
        behind.stopReading();

        long lastBookIndex = -1;
        for (int i = 1; i <= TOPS; i++)
        {
            harness.publishTop(harness.btcBinance, 1000 + i, 100_000 + i);
            harness.publishTop(harness.ethBinance, 10 + i, 10_000 + i);
            if (i % 100 == 0)
            {
                lastBookIndex = harness.publishBook(harness.btcBinance, BookUpdateKind.DELTA, 1 + i / 100,
                    List.of(new GatewayHarness.BookLevel(Side.BUY, 1000, 1 + i / 100)));
            }
        }
        final long lastIndex = harness.publishTrade(harness.ethBinance, "1", "1", Side.BUY, "END"); // not subscribed
        final JsonNode sessions = TestClient.parse(harness.get("/api/v1/crypto/sessions").body());
        assertEquals(1, sessions.path("count").asInt(), sessions.toString());
        final JsonNode lag = sessions.path("sessions").path(0);
        assertTrue(lag.path("unsentBytes").asLong() > 0 && !lag.path("writable").asBoolean(),
            "the session's lag is visible: " + lag);
        behind.resumeReading();

        final Map<String, JsonNode> latestTop = new HashMap<>();
        JsonNode lastBook = null;
        long previous = -1;
        int received = 0;
        while (!isLatest(latestTop.get("BTC-USDT"), 1000 + TOPS) || !isLatest(latestTop.get("ETH-USDT"), 10 + TOPS) ||
            lastBook == null || lastBook.path("journalIndex").asLong() < lastBookIndex)
        {
            final JsonNode message = behind.nextJson();
            received++;
            final long index = message.path("journalIndex").asLong();
            assertTrue(index >= previous, "index " + index + " after " + previous + ": " + message);
            previous = index;
            if ("top".equals(message.path("type").asText()))
            {
                latestTop.put(message.path("symbol").asText(), message);
            }
            else
            {
                lastBook = message;
            }
        }
        assertTrue(received < 2 * TOPS, "conflated: " + received + " messages for " + 2 * TOPS + " tops");
        assertEquals(0, harness.counters().slowConsumerDisconnects());
        assertTrue(harness.counters().conflatedMessages() >= 2 * TOPS - received,
            "held messages counted: " + harness.counters().conflatedMessages());
        assertEquals(2, harness.counters().subscriptions(), "top of the venue and one book");
        assertTrue(lastBook.path("type").asText().startsWith("book"), lastBook.toString());
        if ("book_snapshot".equals(lastBook.path("type").asText()))
        {
            assertEquals(1 + TOPS / 100, lastBook.path("bids").path(0).path(1).asLong(), lastBook.toString());
        }
        Tests.await(() -> behind.pending() == 0, Duration.ofSeconds(5), () -> "messages left");
        assertTrue(previous <= lastIndex);
        assertEquals("pong", behind.request("{\"op\":\"ping\"}").path("type").asText(), "the session lives");
    }

    private static boolean isLatest(final JsonNode top, final long bidTenths)
    {
        return top != null && top.path("bidPrice").asText().equals(tenths(bidTenths));
    }

    private static String tenths(final long tenths)
    {
        return tenths / 10 + "." + tenths % 10;
    }
}
