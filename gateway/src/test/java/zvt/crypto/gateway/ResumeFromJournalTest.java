package zvt.crypto.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.core.codec.BookUpdateKind;
import zvt.crypto.core.codec.Side;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@code resume_from} on a real journal: the client gets every event after the index it names, from the journal and
 * then live, with no gap and no duplicate, while events keep arriving.
 */
class ResumeFromJournalTest
{
    @TempDir
    Path directory;

    private GatewayHarness harness;

    @BeforeEach
    void start()
    {
        harness = new GatewayHarness(new GatewayContext(), directory);
    }

    @AfterEach
    void stop()
    {
        harness.close();
    }

    @Test
    void shouldResumeAcrossADisconnectWhileTradesKeepArrivingWithNoGapAndNoDuplicate() throws Exception
    {
        final TestClient first = harness.connect();
        assertEquals("subscribed",
            first.request(GatewayHarness.subscribe("BINANCE", "BTC-USDT")).path("type").asText());
        final AtomicInteger published = new AtomicInteger();
        final AtomicBoolean publishing = new AtomicBoolean(true);
        final Thread publisher = new Thread(() ->
        {
            while (publishing.get())
            {
                final int n = published.getAndIncrement();
                harness.publishTrade(harness.btcBinance, "100", "1", Side.BUY, "T-" + n);
                // the other instrument's events are journaled too, and must not be resumed
                harness.publishTop(harness.ethBinance, 10, 11);
                if (n % 64 == 63)
                {
                    LockSupport.parkNanos(2_000_000); // about 60,000 events a second: many times a venue's rate
                }
            }
        }, "publisher");
        publisher.start();

        long lastSeen = -1;
        for (int i = 0; i < 500; i++)
        {
            final JsonNode trade = first.nextJson();
            assertEquals("T-" + i, trade.path("tradeId").asText());
            lastSeen = trade.path("journalIndex").asLong();
        }
        first.close(); // a forced disconnect: the client holds trades T-0..T-499 and the index of the last
        while (published.get() < 5_000)
        {
            Thread.sleep(10); // the client is away while thousands more arrive
        }

        final TestClient resumed = harness.connect();
        resumed.send("{\"op\":\"subscribe\",\"channel\":\"trades\",\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\"," +
            "\"resume_from\":" + lastSeen + "}");
        final JsonNode reply = resumed.nextJson();
        assertEquals("subscribed", reply.path("type").asText(), reply.toString());

        long previousIndex = lastSeen;
        long liveIndex = -1;
        int afterLive = 0;
        final List<String> ids = new ArrayList<>();
        while (publishing.get() || ids.size() < published.get() - 500)
        {
            final JsonNode message = resumed.nextJson();
            if (liveIndex == -1 && published.get() > 300_000)
            {
                publishing.set(false);
                fail("no live message after " + published.get() + " trades");
            }
            final long index = message.path("journalIndex").asLong();
            final boolean live = "live".equals(message.path("type").asText());
            assertTrue(index > previousIndex || live && index == previousIndex,
                "journal index went down or repeated: " + message + " after " + previousIndex);
            previousIndex = index;
            if (live)
            {
                assertEquals(-1, liveIndex, "a second live message");
                liveIndex = index;
                continue;
            }
            assertEquals("trade", message.path("type").asText(), message.toString());
            ids.add(message.path("tradeId").asText());
            if (liveIndex != -1 && ++afterLive == 1_000)
            {
                publishing.set(false); // live while trades kept arriving: let the stream end
                publisher.join();
            }
        }
        assertTrue(liveIndex > lastSeen, "went live after the replayed trades: " + liveIndex);
        for (int i = 0; i < ids.size(); i++)
        {
            assertEquals("T-" + (500 + i), ids.get(i), "the resumed stream's trade " + i);
        }
        Thread.sleep(200);
        assertEquals(0, resumed.pending(), "nothing after the last trade published: no duplicate");
    }

    @Test
    void shouldStartAResumedBookWithASnapshotAtTheLiveIndex()
    {
        harness.publishBook(harness.btcBinance, BookUpdateKind.SNAPSHOT, 1, List.of(
            new GatewayHarness.BookLevel(Side.BUY, 1000, 1), new GatewayHarness.BookLevel(Side.SELL, 1010, 2)));
        final TestClient client = harness.connect();
        assertEquals("subscribed", client.request(GatewayHarness.subscribe("top", "BINANCE", "BTC-USDT")).path("type")
            .asText());
        harness.publishTop(harness.btcBinance, 1000, 1010);
        final long seen = client.nextJson().path("journalIndex").asLong();
        client.close();
        harness.publishBook(harness.btcBinance, BookUpdateKind.DELTA, 2, List.of(
            new GatewayHarness.BookLevel(Side.BUY, 1001, 3)));
        harness.publishTop(harness.btcBinance, 1001, 1010);

        final TestClient resumed = harness.connect();
        resumed.send("{\"op\":\"subscribe\",\"resume_from\":" + seen + ",\"subscriptions\":[" +
            "{\"channel\":\"top\",\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\"}," +
            "{\"channel\":\"book\",\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\"}]}");
        assertEquals("top", resumed.nextJson().path("channel").asText());
        assertEquals("book", resumed.nextJson().path("channel").asText());
        final JsonNode top = resumed.nextJson();
        assertEquals("top", top.path("type").asText(), "the top after the resume point is replayed: " + top);
        assertEquals("100.1", top.path("bidPrice").asText(), top.toString());
        final JsonNode live = resumed.nextJson();
        assertEquals("live", live.path("type").asText(), "the book delta is not replayed: " + live);
        final JsonNode snapshot = resumed.nextJson();
        assertEquals("book_snapshot", snapshot.path("type").asText(), snapshot.toString());
        assertEquals(live.path("journalIndex").asLong(), snapshot.path("journalIndex").asLong());
        assertEquals(2, snapshot.path("sequence").asLong());
        assertEquals("100.1", snapshot.path("bids").path(0).path(0).asText(), snapshot.toString());
    }

    @Test
    void shouldSendTheTradeBuiltBarsThatClosedWhileTheClientWasAway()
    {
        final long minute = 60_000_000_000L;
        final long m0 = 1_796_346_000_000_000_000L; // 2026-12-04T01:00:00Z
        harness.publishTrade(harness.btcBinance, "100", "1", m0 + 1_000_000_000L);
        harness.publishTrade(harness.btcBinance, "105", "2", m0 + 2_000_000_000L);
        harness.awaitFannedOut(); // else the subscription may take effect before these and the client get them live
        final TestClient client = harness.connect();
        assertEquals("subscribed", client.request(GatewayHarness.subscribe("trades", "BINANCE", "BTC-USDT"))
            .path("type").asText());
        harness.publishTrade(harness.btcBinance, "95", "1", m0 + 3_000_000_000L);
        final long lastSeen = client.nextJson().path("journalIndex").asLong();
        client.close();
        harness.publishTrade(harness.btcBinance, "101", "1", m0 + minute + 1_000_000_000L); // closes minute 0
        harness.publishTrade(harness.btcBinance, "102", "1", m0 + minute + 6_000_000_000L);

        final TestClient resumed = harness.connect();
        resumed.send("{\"op\":\"subscribe\",\"resume_from\":" + lastSeen + ",\"subscriptions\":[" +
            "{\"channel\":\"trades\",\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\"}," +
            "{\"channel\":\"candle\",\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\"}]}");
        assertEquals("trades", resumed.nextJson().path("channel").asText());
        assertEquals("candle", resumed.nextJson().path("channel").asText());
        final JsonNode closing = resumed.nextJson();
        assertEquals("101", closing.path("price").asText(), closing.toString());
        final JsonNode bar = resumed.nextJson();
        assertEquals("candle", bar.path("type").asText(), bar.toString());
        assertEquals("trades", bar.path("source").asText());
        assertEquals("M1", bar.path("interval").asText());
        assertTrue(bar.path("closed").asBoolean());
        assertEquals(m0, bar.path("openTime").asLong());
        assertEquals("100", bar.path("open").asText(), "the bar holds the trades from before the resume point");
        assertEquals("105", bar.path("high").asText());
        assertEquals("95", bar.path("low").asText());
        assertEquals("95", bar.path("close").asText());
        assertEquals(3, bar.path("tradeCount").asLong());
        assertEquals(closing.path("journalIndex").asLong(), bar.path("journalIndex").asLong());
        assertEquals("102", resumed.nextJson().path("price").asText());
        assertEquals("live", resumed.nextJson().path("type").asText());
    }

    @Test
    void shouldRefuseAnIndexTheJournalDoesNotHoldAndLetTheClientRetry()
    {
        harness.publishTrade(harness.btcBinance, "100", "1", Side.BUY, "T-1");
        final TestClient client = harness.connect();
        final JsonNode error = client.request("{\"op\":\"subscribe\",\"channel\":\"trades\",\"venue\":\"BINANCE\"," +
            "\"symbol\":\"BTC-USDT\",\"resume_from\":123456789}");
        assertEquals("error", error.path("type").asText(), error.toString());
        assertEquals("resume_unavailable", error.path("code").asText());
        assertEquals("subscribed", client.request(GatewayHarness.subscribe("BINANCE", "BTC-USDT")).path("type")
            .asText(), "the session is still usable");
    }

    @Test
    void shouldRefuseAResumeAfterOtherSubscriptions()
    {
        final TestClient client = harness.connect();
        assertEquals("subscribed", client.request(GatewayHarness.subscribe("BINANCE", "ETH-USDT")).path("type")
            .asText());
        final JsonNode error = client.request("{\"op\":\"subscribe\",\"channel\":\"trades\",\"venue\":\"BINANCE\"," +
            "\"symbol\":\"BTC-USDT\",\"resume_from\":0}");
        assertEquals("resume_not_first", error.path("code").asText(), error.toString());
        assertEquals("BTC-USDT", error.path("symbol").asText(), "the error quotes the request");
    }
}
