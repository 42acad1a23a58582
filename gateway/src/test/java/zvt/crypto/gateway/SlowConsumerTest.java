package zvt.crypto.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.test.Tests;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static zvt.crypto.gateway.GatewayHarness.subscribe;

/**
 * A client that stops reading while large messages stream is dropped as a slow consumer (1008), without slowing the
 * ring or the clients that keep up.
 */
class SlowConsumerTest
{
    private static final int BURST = 100;
    private static final int MAX_EVENTS = 400_000;
    /** The longest venue trade id the schema holds, to make each message large (about 500 bytes of JSON). */
    private static final String LONG_TRADE_ID = "L".repeat(240);

    private final GatewayHarness harness = harness(new GatewayContext()
        .writeBufferLowWatermark(128 * 1024)
        .writeBufferHighWatermark(256 * 1024)
        .closeTimeoutMs(10_000));

    /** The layout under test: sessions on a gateway loop of their own, fed by a fan-out thread. */
    GatewayHarness harness(final GatewayContext context)
    {
        return new GatewayHarness(context);
    }

    @AfterEach
    void close()
    {
        harness.close();
    }

    @Test
    void shouldDisconnectSlowConsumerWhileRingAndOtherClientsKeepGoing()
    {
        final TestClient slow = harness.connect();
        final TestClient fast = harness.connect();
        final TestClient alsoFast = harness.connect();
        for (final TestClient client : List.of(slow, fast, alsoFast))
        {
            assertEquals("subscribed", client.request(subscribe("BINANCE", "BTC-USDT")).path("type").asText());
        }
        slow.stopReading();

        long published = 0;
        long expectedIndex = -1;
        while (harness.counters().slowConsumerDisconnects() == 0)
        {
            if (published >= MAX_EVENTS)
            {
                fail("no slow-consumer disconnect after " + published + " events: " + harness.counters());
            }
            expectedIndex = publishBurstAndDrain(published, expectedIndex, fast, alsoFast);
            published += BURST;
        }
        final long publishedAtDisconnect = published;

        // The ring keeps going and the clients that read keep receiving everything, in order.
        for (int i = 0; i < 20; i++)
        {
            expectedIndex = publishBurstAndDrain(published, expectedIndex, fast, alsoFast);
            published += BURST;
        }
        assertEquals(1, harness.counters().slowConsumerDisconnects());

        // Once the slow client reads again it drains its backlog and finds the close frame saying why.
        slow.resumeReading();
        final TestClient.CloseStatus status = slow.closed().orTimeout(20, TimeUnit.SECONDS).join();
        assertEquals(1008, status.code(), status.toString());
        assertEquals("slow consumer", status.reason());
        assertTrue(slow.receivedCount() < published, "slow client received " + slow.receivedCount());
        Tests.await(() -> harness.counters().sessionsOpen() == 2, Duration.ofSeconds(10),
            () -> harness.counters().toString());
        assertTrue(publishedAtDisconnect > BURST, "disconnect came after " + publishedAtDisconnect + " events");
    }

    /** Publishes a burst, then waits until both fast clients have it, so they never fall behind themselves. */
    private long publishBurstAndDrain(
        final long published, final long previousIndex, final TestClient fast, final TestClient alsoFast)
    {
        long lastIndex = previousIndex;
        for (int i = 0; i < BURST; i++)
        {
            lastIndex = harness.publishTrade(
                harness.btcBinance, "65000.01", "0.001", Side.BUY, LONG_TRADE_ID + (published + i));
        }
        long expected = previousIndex;
        for (final TestClient client : List.of(fast, alsoFast))
        {
            expected = previousIndex;
            for (int i = 0; i < BURST; i++)
            {
                final JsonNode trade = client.nextJson();
                final long index = trade.path("journalIndex").asLong();
                if (expected >= 0)
                {
                    assertEquals(expected + 1, index, "gap or reorder at " + trade);
                }
                expected = index;
            }
        }
        assertEquals(lastIndex, expected);
        return lastIndex;
    }
}
