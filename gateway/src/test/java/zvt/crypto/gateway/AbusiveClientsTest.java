package zvt.crypto.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.test.Tests;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Abusive clients, one after another, while trades stream to a well-behaved client: each abuse is refused with a
 * clear error or close status, and the well-behaved client gets every trade, in order.
 */
class AbusiveClientsTest
{
    private final GatewayHarness harness = new GatewayHarness(new GatewayContext().closeTimeoutMs(10_000));
    private final HttpClient ownHttp = HttpClient.newHttpClient();
    private final AtomicBoolean publishing = new AtomicBoolean(true);
    private final AtomicLong published = new AtomicLong();
    private CountingClient wellBehaved;
    private Thread publisher;

    @AfterEach
    void close() throws InterruptedException
    {
        publishing.set(false);
        if (publisher != null)
        {
            publisher.join();
        }
        if (wellBehaved != null)
        {
            wellBehaved.close();
        }
        harness.close();
        ownHttp.close();
    }

    @Test
    void shouldRefuseEachAbuseClearlyWhileOtherClientsGetEveryTrade() throws Exception
    {
        // its own HTTP client, whose selector thread the abusive clients' traffic cannot hold up
        wellBehaved = CountingClient.subscribe(ownHttp, harness.server.webSocketUri(), "BINANCE", "BTC-USDT");
        publisher = new Thread(() ->
        {
            while (publishing.get())
            {
                harness.publishTrade(harness.btcBinance, "65000.1", "0.01", Side.BUY, "T-" +
                    published.getAndIncrement());
                if (published.get() % 64 == 0)
                {
                    // a stream, not a flood: about 6k trades a second leaves the two cores room for the clients, so
                    // the well-behaved one, however much the abuse costs, stays well within its 1 MiB of slack
                    LockSupport.parkNanos(10_000_000);
                }
            }
        }, "publisher");
        publisher.start();

        // 1 MiB text frame: closed with 1009, the server's limit is 4 KiB
        final TestClient huge = harness.connect();
        try
        {
            huge.send("{\"op\":\"ping\",\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}");
        }
        catch (final CompletionException ex)
        {
            // the server may close before the client has finished sending: the close frame still says why
        }
        Tests.await(() -> harness.counters().rejectedRequests(Rejection.MESSAGE_TOO_BIG) == 1,
            Duration.ofSeconds(10), () -> harness.counters().toString());

        // invalid JSON, then a binary frame: an error each, the session stays usable
        final TestClient garbled = harness.connect();
        assertEquals("bad_json", garbled.request("{\"op\":\"subscribe\",").path("code").asText());
        garbled.sendBinary(new byte[]{0, 1, 2, 3});
        assertEquals("binary_frame", garbled.nextJson().path("code").asText());
        assertEquals("pong", garbled.request("{\"op\":\"ping\"}").path("type").asText());

        // 10,000 subscribe requests in a burst: the first 50 of the second are served, then one rate_limited
        // answer, the rest are counted and dropped
        final TestClient flood = harness.connect();
        for (int i = 0; i < 10_000; i++)
        {
            flood.send(GatewayHarness.subscribe("BINANCE", "ETH-USDT"));
        }
        Tests.await(() -> harness.counters().rejectedRequests(Rejection.RATE_LIMITED) >= 9_000,
            Duration.ofSeconds(30), () -> harness.counters().toString());
        String reply;
        do
        {
            reply = flood.next();
        }
        while (!reply.contains("rate_limited"));

        // a socket that never reads: closed as a slow consumer (1008) once its backlog passes the high watermark
        final TestClient stalled = harness.connect();
        assertEquals("subscribed", stalled.request(GatewayHarness.subscribe("BINANCE", "BTC-USDT")).path("type")
            .asText());
        stalled.stopReading();
        Tests.await(() -> harness.counters().slowConsumerDisconnects() == 1, Duration.ofSeconds(90),
            () -> harness.counters().toString());

        publishing.set(false);
        publisher.join();
        final long total = published.get();
        Tests.await(() -> wellBehaved.trades() == total, Duration.ofSeconds(30),
            () -> "well-behaved client has " + wellBehaved.trades() + " of " + total);
        assertNull(wellBehaved.disorder());
        assertTrue(total > 1_000, "trades streamed during the abuse: " + total);
        stalled.resumeReading();
        final TestClient.CloseStatus status = stalled.closed().orTimeout(30, TimeUnit.SECONDS).join();
        assertEquals(1008, status.code(), status.toString());
        assertEquals("slow consumer", status.reason());
        assertEquals("pong", flood.request("{\"op\":\"ping\"}").path("type").asText(), "the flood's session lives");
        assertEquals(1, harness.counters().rejectedRequests(Rejection.MESSAGE_TOO_BIG));
    }
}
