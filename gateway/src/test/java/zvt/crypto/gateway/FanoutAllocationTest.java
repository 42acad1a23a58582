package zvt.crypto.gateway;

import com.lmax.disruptor.EventHandler;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.event.MarketEvent;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static zvt.crypto.gateway.GatewayHarness.subscribe;

/**
 * Measures what the fan-out thread allocates per delivered event in steady state, with the JVM's per-thread
 * allocation counter. Render, frame and write should cost only pooled, recycled objects. Netty 4.2 recycles its
 * write tasks and derived buffers only on its own {@code FastThreadLocalThread}s, which is what the ring's consumer
 * threads must be in production; the test runs the fan-out on one.
 */
class FanoutAllocationTest
{
    private static final int WARMUP_EVENTS = 30_000;
    private static final int MEASURED_EVENTS = 50_000;
    private static final int BURST = 500;
    /**
     * Off Netty threads this is about 280 bytes. What remains on them is core's renderer lower-casing the side
     * (a String per trade, about 50 bytes), Netty's leak-detector sampling and its task-queue chunks.
     */
    private static final double MAX_BYTES_PER_EVENT = 128;

    private final ThreadCapture capture = new ThreadCapture();
    private final GatewayHarness harness = new GatewayHarness(
        new GatewayContext(), new DefaultThreadFactory("test-ring", true), capture::wrap);

    @AfterEach
    void close()
    {
        harness.close();
    }

    @Test
    void shouldAllocateAlmostNothingPerEventOnTheFanoutThread()
    {
        assumeTrue(ResourceLeakDetector.getLevel().ordinal() < ResourceLeakDetector.Level.ADVANCED.ordinal(),
            "leak detection at " + ResourceLeakDetector.getLevel() + " records a stack trace per buffer");
        final List<TestClient> clients = List.of(harness.connect(), harness.connect());
        for (final TestClient client : clients)
        {
            assertEquals("subscribed", client.request(subscribe("BINANCE", "BTC-USDT")).path("type").asText());
        }
        assertAllocationPerEvent(clients, List.of());
    }

    @Test
    void shouldAllocateAlmostNothingPerTradeForLiveCandleSubscribers()
    {
        assumeTrue(ResourceLeakDetector.getLevel().ordinal() < ResourceLeakDetector.Level.ADVANCED.ordinal(),
            "leak detection at " + ResourceLeakDetector.getLevel() + " records a stack trace per buffer");
        final TestClient trades = harness.connect();
        assertEquals("subscribed", trades.request(subscribe("BINANCE", "BTC-USDT")).path("type").asText());
        final TestClient candles = harness.connect();
        assertEquals("subscribed",
            candles.request(subscribe("candle", "BINANCE", "BTC-USDT")).path("type").asText());
        assertAllocationPerEvent(List.of(trades), List.of(candles));
    }

    /**
     * @param pacers  receive every event: reading them all paces the bursts.
     * @param readers receive what they receive (forming candles are one per batch); their messages are dropped.
     */
    private void assertAllocationPerEvent(final List<TestClient> pacers, final List<TestClient> readers)
    {
        publishAndDrain(WARMUP_EVENTS, pacers, readers);

        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = capture.thread.threadId();
        final long before = threads.getThreadAllocatedBytes(threadId);
        publishAndDrain(MEASURED_EVENTS, pacers, readers);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        final double perEvent = (double)allocated / MEASURED_EVENTS;
        System.out.printf("fan-out thread allocated %d bytes for %d events to %d subscribers: %.2f B/event%n",
            allocated, MEASURED_EVENTS, pacers.size() + readers.size(), perEvent);
        assertTrue(perEvent <= MAX_BYTES_PER_EVENT, "fan-out allocated " + perEvent + " bytes per event");
    }

    private void publishAndDrain(final int count, final List<TestClient> pacers, final List<TestClient> readers)
    {
        for (int published = 0; published < count; published += BURST)
        {
            for (int i = 0; i < BURST; i++)
            {
                harness.publishTrade(harness.btcBinance, "65000.25", "0.015", Side.SELL, "T123456789");
            }
            for (final TestClient client : pacers)
            {
                client.next(BURST);
            }
            for (final TestClient client : readers)
            {
                client.discardPending();
            }
        }
    }

    /** Delegates to the fan-out and remembers the thread the ring runs it on. */
    private static final class ThreadCapture
    {
        private volatile Thread thread;

        EventHandler<MarketEvent> wrap(final EventHandler<MarketEvent> fanout)
        {
            return new EventHandler<>()
            {
                public void onStart()
                {
                    thread = Thread.currentThread();
                    fanout.onStart();
                }

                public void onBatchStart(final long batchSize, final long queueDepth)
                {
                    fanout.onBatchStart(batchSize, queueDepth);
                }

                public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
                    throws Exception
                {
                    fanout.onEvent(event, sequence, endOfBatch);
                }

                public void onTimeout(final long sequence) throws Exception
                {
                    fanout.onTimeout(sequence);
                }

                public void onShutdown()
                {
                    fanout.onShutdown();
                }
            };
        }
    }
}
