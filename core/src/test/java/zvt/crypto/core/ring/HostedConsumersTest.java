package zvt.crypto.core.ring;

import com.lmax.disruptor.EventHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.event.MarketEvent;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostedConsumersTest
{
    private final ScheduledExecutorService host = Executors.newSingleThreadScheduledExecutor();
    private final Set<Thread> consumerThreads = ConcurrentHashMap.newKeySet();
    private final AtomicLong handled = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong lastSequence = new AtomicLong(-1);
    private final AtomicLong outOfOrder = new AtomicLong();
    private final EventHandler<MarketEvent> recorder = new EventHandler<>()
    {
        public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
        {
            consumerThreads.add(Thread.currentThread());
            if (lastSequence.getAndSet(sequence) != sequence - 1)
            {
                outOfOrder.incrementAndGet();
            }
            handled.incrementAndGet();
        }

        public void onBatchStart(final long batchSize, final long queueDepth)
        {
            batches.incrementAndGet();
        }

        public void onTimeout(final long sequence)
        {
            consumerThreads.add(Thread.currentThread());
            timeouts.incrementAndGet();
        }
    };

    @AfterEach
    void stopHost()
    {
        host.shutdownNow();
    }

    private MarketEventRing ring(final int ringSize, final long idleTimeoutMs)
    {
        return new MarketEventRing(new RingContext().ringSize(ringSize).idleTimeoutMs(idleTimeoutMs)
            .consumerThreads(ConsumerThreads.HOSTED).host(host), recorder, List.of()).start();
    }

    @Test
    void shouldHandleAHostBurstMuchLargerThanTheRingWithoutWaitingOnItself() throws Exception
    {
        final MarketEventRing ring = ring(64, 100);
        // The host alone empties the ring: were the burst's drains left to its end, its 65th claim would wait forever.
        host.submit(() ->
        {
            final PublishBurst burst = PublishBurst.onThisThread();
            burst.open();
            for (int i = 0; i < 10_000; i++)
            {
                ring.ringBuffer().publishEvent((event, sequence) -> event.reset());
            }
            burst.close();
        }).get(10, TimeUnit.SECONDS);

        assertEquals(10_000, handled.get(), "handled by the time the burst closed");
        assertTrue(batches.get() >= 10_000 / 16, "drained every few publishes: " + batches.get());
        ring.close();
        assertEquals(0, outOfOrder.get());
        assertEquals(1, consumerThreads.size());
        assertTrue(consumerThreads.iterator().next() != Thread.currentThread());
    }

    @Test
    void shouldHandleEventsOtherThreadsPublishOnTheHost() throws Exception
    {
        final MarketEventRing ring = ring(1024, 100);
        final Thread hostThread = host.submit(Thread::currentThread).get();
        final Thread[] producers = new Thread[3];
        for (int p = 0; p < producers.length; p++)
        {
            producers[p] = new Thread(() ->
            {
                for (int i = 0; i < 20_000; i++)
                {
                    ring.ringBuffer().publishEvent((event, sequence) -> event.reset());
                }
            });
            producers[p].start();
        }
        for (final Thread producer : producers)
        {
            producer.join();
        }
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (handled.get() < 60_000 && System.nanoTime() < deadline)
        {
            Thread.sleep(1);
        }

        assertEquals(60_000, handled.get(), "handled without a close");
        ring.close();
        assertEquals(0, outOfOrder.get());
        assertEquals(Set.of(hostThread), consumerThreads);
    }

    @Test
    void shouldTellIdleConsumersOfTheTimeoutOnTheHost() throws Exception
    {
        final MarketEventRing ring = ring(64, 20);
        final Thread hostThread = host.submit(Thread::currentThread).get();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (timeouts.get() < 3 && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        ring.close();

        assertTrue(timeouts.get() >= 3, "timeouts: " + timeouts.get());
        assertEquals(Set.of(hostThread), consumerThreads);
    }

    @Test
    void shouldDrainOnTheCallerWhenTheHostHasStopped() throws Exception
    {
        final MarketEventRing ring = ring(64, 100);
        final CountDownLatch blocked = new CountDownLatch(1);
        host.execute(() -> awaitQuietly(blocked)); // the host is busy: the drain these publishes schedule waits
        for (int i = 0; i < 50; i++)
        {
            ring.ringBuffer().publishEvent((event, sequence) -> event.reset());
        }
        host.shutdown(); // rejects new tasks; the queued drain still runs once the host is released
        blocked.countDown();
        assertTrue(host.awaitTermination(10, TimeUnit.SECONDS));
        ring.ringBuffer().publishEvent((event, sequence) -> event.reset()); // its drain is rejected: left to close
        ring.close();

        assertEquals(51, handled.get());
        assertEquals(0, outOfOrder.get());
    }

    private static void awaitQuietly(final CountDownLatch latch)
    {
        try
        {
            latch.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
