package zvt.crypto.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.test.Tests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code replay} on a real journal: a receive-time range of the subscriptions' events, then {@code replay_end};
 * stopping early; the limits that keep replays from hurting other clients.
 */
class ReplayOverSocketTest
{
    /** Exchange time of the first trade published; each next one is a millisecond later. */
    private static final long START_NANOS = 1_796_346_000_000_000_000L;
    private static final long MILLI = 1_000_000;

    @TempDir
    Path directory;

    private GatewayHarness harness;

    @AfterEach
    void stop()
    {
        harness.close();
    }

    private void start(final GatewayContext context)
    {
        harness = new GatewayHarness(context, directory);
    }

    /** Trades T-0.. on BTC, each a millisecond after the last, with ETH trades between them; all journaled. */
    private void publishTrades(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            harness.publishTrade(harness.btcBinance, "100", "1", START_NANOS + i * MILLI);
            harness.publishTrade(harness.ethBinance, "10", "1", START_NANOS + i * MILLI);
        }
        harness.awaitJournaled();
    }

    private static String replay(final long fromNanos, final long toNanos, final String extra)
    {
        return "{\"op\":\"replay\",\"channel\":\"trades\",\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\"," +
            "\"from\":" + fromNanos / MILLI + ",\"to\":" + toNanos / MILLI + extra + "}";
    }

    @Test
    void shouldReplayTheRangeByReceiveTimeThenSayItEnded()
    {
        start(new GatewayContext());
        publishTrades(100);
        final TestClient client = harness.connect();
        // receive time is exchange time + 1 ms: [10 ms, 20 ms) holds the trades of exchange times 9..18 ms
        final JsonNode reply = client.request(replay(START_NANOS + 10 * MILLI, START_NANOS + 20 * MILLI, ""));
        assertEquals("replaying", reply.path("type").asText(), reply.toString());
        assertEquals("BTC-USDT", reply.path("symbol").asText());
        long previous = -1;
        for (int i = 9; i < 19; i++)
        {
            final JsonNode trade = client.nextJson();
            assertEquals("trade", trade.path("type").asText(), trade.toString());
            assertEquals("BTC-USDT", trade.path("symbol").asText());
            assertEquals(START_NANOS + i * MILLI + GatewayHarness.RECEIVE_LATENCY_NANOS,
                trade.path("receiveTime").asLong(), trade.toString());
            assertTrue(trade.path("journalIndex").asLong() > previous);
            previous = trade.path("journalIndex").asLong();
        }
        final JsonNode end = client.nextJson();
        assertEquals("replay_end", end.path("type").asText(), end.toString());
        assertEquals("end_of_journal", end.path("reason").asText());
        assertEquals(10, end.path("messages").asLong());
        assertEquals(previous, end.path("lastJournalIndex").asLong());
        assertEquals("subscribed", client.request(GatewayHarness.subscribe("BINANCE", "BTC-USDT")).path("type")
            .asText(), "after the replay the session subscribes as any other");
    }

    @Test
    void shouldStopAPacedReplayOnRequest()
    {
        start(new GatewayContext());
        publishTrades(10);
        final TestClient client = harness.connect();
        // a millisecond of recording every 1,000 s: the second trade would be due long after this test
        assertEquals("replaying", client.request(replay(START_NANOS, START_NANOS + 100 * MILLI, ",\"speed\":0.000001"))
            .path("type").asText());
        assertEquals("trade", client.nextJson().path("type").asText(), "the first trade is due at once");
        assertEquals("replay_in_progress", client.request(GatewayHarness.subscribe("BINANCE", "BTC-USDT"))
            .path("code").asText());
        client.send("{\"op\":\"stop_replay\"}");
        final JsonNode end = client.nextJson();
        assertEquals("replay_end", end.path("type").asText(), end.toString());
        assertEquals("stopped", end.path("reason").asText());
        assertEquals(1, end.path("messages").asLong());
        assertEquals("not_replaying", client.request("{\"op\":\"stop_replay\"}").path("code").asText());
    }

    @Test
    void shouldRefuseAReplayBesideLiveSubscriptionsOrBeyondTheServersLimit()
    {
        start(new GatewayContext().maxConcurrentReplays(1));
        publishTrades(10);
        final TestClient live = harness.connect();
        assertEquals("subscribed", live.request(GatewayHarness.subscribe("BINANCE", "ETH-USDT")).path("type")
            .asText());
        assertEquals("replay_not_alone", live.request(replay(START_NANOS, START_NANOS + MILLI, "")).path("code")
            .asText());

        final TestClient slow = harness.connect();
        assertEquals("replaying", slow.request(replay(START_NANOS, START_NANOS + 100 * MILLI, ",\"speed\":0.000001"))
            .path("type").asText());
        final TestClient refused = harness.connect();
        assertEquals("replay_busy", refused.request(replay(START_NANOS, START_NANOS + MILLI, "")).path("code")
            .asText());
        slow.close();
        // the slow replay's thread is freed when its client goes
        JsonNode reply = null;
        for (int attempt = 0; attempt < 50; attempt++)
        {
            reply = refused.request(replay(START_NANOS, START_NANOS + 3 * MILLI, ""));
            if (!"replay_busy".equals(reply.path("code").asText()))
            {
                break;
            }
            sleep(100);
        }
        assertEquals("replaying", reply.path("type").asText(), reply.toString());
    }

    @Test
    void shouldCloseAReplayingClientThatStopsReading()
    {
        start(new GatewayContext().replayStallTimeoutMs(500).closeTimeoutMs(10_000));
        final String longTradeId = "L".repeat(240); // about 500 bytes of JSON a trade: 30 MB in all
        for (int i = 0; i < 60_000; i++)
        {
            harness.publishTrade(harness.btcBinance, "100", "1", Side.BUY, longTradeId + i);
        }
        harness.awaitJournaled();
        final TestClient stalled = harness.connect();
        stalled.stopReading();
        stalled.send("{\"op\":\"replay\",\"channel\":\"trades\",\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\"," +
            "\"from\":0}");
        Tests.await(() -> harness.counters().slowConsumerDisconnects() == 1, Duration.ofSeconds(30),
            () -> harness.counters().toString());

        final TestClient other = harness.connect();
        assertEquals("replaying", other.request(replay(START_NANOS, START_NANOS + 2 * MILLI, "")).path("type")
            .asText(), "the server still serves others");
        // once the stalled client reads again it drains what was sent and finds the close frame saying why
        stalled.resumeReading();
        final TestClient.CloseStatus status = stalled.closed().orTimeout(20, TimeUnit.SECONDS).join();
        assertEquals(1008, status.code(), status.toString());
        assertEquals("slow consumer", status.reason());
        assertTrue(stalled.receivedCount() < 60_000, "received " + stalled.receivedCount());
    }

    private static void sleep(final long millis)
    {
        try
        {
            Thread.sleep(millis);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }
}
