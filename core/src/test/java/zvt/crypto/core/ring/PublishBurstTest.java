package zvt.crypto.core.ring;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.dsl.ProducerType;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.test.Tests;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A producer's burst on a {@link WaitStrategyType#PARKING} ring: the parked consumer is woken once, at the end of
 * the burst, and takes the burst in one batch; a burst longer than the ring can hold still wakes it in time.
 */
class PublishBurstTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void shouldWakeAParkedConsumerOnceAtTheEndOfTheBurst() throws Exception
    {
        final CountingConsumer consumer = new CountingConsumer();
        final MarketEventRing ring = new MarketEventRing(
            new RingContext().ringSize(1024).producerType(ProducerType.SINGLE).idleTimeoutMs(60_000), consumer,
            List.of()).start();
        final PublishBurst burst = PublishBurst.onThisThread();
        try
        {
            consumer.awaitParked();
            burst.open();
            for (int i = 0; i < 10; i++)
            {
                ring.ringBuffer().publishEvent((event, sequence) -> event.reset());
            }
            Thread.sleep(100);
            assertEquals(0, consumer.seen.get(), "published, but the parked consumer is not woken inside the burst");

            burst.close();
            Tests.await(() -> consumer.seen.get() == 10, TIMEOUT, () -> "the end of the burst wakes the consumer");
            assertEquals(List.of(10L), consumer.batchSizes, "the whole burst in one batch");
        }
        finally
        {
            burst.close();
            ring.close();
        }
    }

    @Test
    void shouldWakeTheConsumerBeforeABurstFillsTheRing()
    {
        final CountingConsumer consumer = new CountingConsumer();
        final MarketEventRing ring = new MarketEventRing(
            new RingContext().ringSize(8).producerType(ProducerType.SINGLE).idleTimeoutMs(60_000), consumer,
            List.of()).start();
        try
        {
            consumer.awaitParked();
            // 1,000 events through 8 slots: without a wake-up inside the burst the producer waits on a full ring forever.
            assertTimeoutPreemptively(TIMEOUT, () ->
            {
                final PublishBurst producerBurst = PublishBurst.onThisThread();
                producerBurst.open();
                for (int i = 0; i < 1_000; i++)
                {
                    ring.ringBuffer().publishEvent((event, sequence) -> event.reset());
                }
                producerBurst.close();
            });
            Tests.await(() -> consumer.seen.get() == 1_000, TIMEOUT, () -> "every event of the burst arrives");
        }
        finally
        {
            ring.close();
        }
    }

    private static final class CountingConsumer implements EventHandler<MarketEvent>
    {
        final AtomicReference<Thread> thread = new AtomicReference<>();
        final AtomicLong seen = new AtomicLong();
        final List<Long> batchSizes = new CopyOnWriteArrayList<>();

        public void onStart()
        {
            thread.set(Thread.currentThread());
        }

        public void onBatchStart(final long batchSize, final long queueDepth)
        {
            batchSizes.add(batchSize);
        }

        public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
        {
            seen.incrementAndGet();
        }

        void awaitParked()
        {
            // Timed: the idle timeout (set beyond the test's length here) bounds every wait for producers.
            Tests.await(() -> thread.get() != null && thread.get().getState() == Thread.State.TIMED_WAITING, TIMEOUT,
                () -> "the consumer parks with nothing to do");
        }
    }
}
