package zvt.crypto.core.ring;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.ProducerType;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.test.Tests;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The ring with {@link WaitStrategyType#PARKING} and a thread per consumer: a consumer gated on a busy consumer parks
 * instead of spinning, is woken when the upstream finishes or the ring halts, and nothing is lost or reordered on the
 * way.
 */
class ParkingWaitStrategyTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void shouldParkAConsumerGatedOnABusyConsumerAndWakeItWhenTheUpstreamFinishes() throws Exception
    {
        final CountDownLatch journalBusy = new CountDownLatch(1);
        final CountDownLatch journalMayFinish = new CountDownLatch(1);
        final EventHandler<MarketEvent> journal = (event, sequence, endOfBatch) ->
        {
            journalBusy.countDown();
            journalMayFinish.await();
            event.journalIndex(sequence + 1);
        };
        final GatedConsumer after = new GatedConsumer();
        final MarketEventRing ring = new MarketEventRing(
            new RingContext().ringSize(64).waitStrategy(WaitStrategyType.PARKING).consumerThreads(ConsumerThreads.SEPARATE), journal, List.of(after)).start();
        try
        {
            ring.ringBuffer().publishEvent((event, sequence) -> event.reset());
            assertTrue(journalBusy.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            final Thread gated = after.thread.get();

            // BlockingWaitStrategy fails here: the gated consumer spins on the journal's sequence, RUNNABLE.
            Tests.await(() -> gated.getState() == Thread.State.WAITING, TIMEOUT,
                () -> "the gated consumer parks while the journal is busy; it is " + gated.getState());
            final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            final long cpuBefore = threads.getThreadCpuTime(gated.threadId());
            Thread.sleep(200);
            final long cpuNanos = threads.getThreadCpuTime(gated.threadId()) - cpuBefore;
            assertTrue(cpuNanos < TimeUnit.MILLISECONDS.toNanos(20),
                "a parked consumer burns no CPU; it used " + cpuNanos / 1_000 + " us in 200 ms");
            assertEquals(0, after.seen.get(), "nothing passes the journal before it is done");

            journalMayFinish.countDown();
            Tests.await(() -> after.seen.get() == 1, TIMEOUT,
                () -> "the gated consumer wakes when the journal is done");
        }
        finally
        {
            journalMayFinish.countDown();
            ring.close();
        }
        assertEquals(0, after.outOfOrder.get());
    }

    @Test
    void shouldDrainEveryEventInOrderThroughTheJournalAndTwoGatedConsumers() throws Exception
    {
        final int producers = 2;
        final int perProducer = 50_000;
        final EventHandler<MarketEvent> journal = (event, sequence, endOfBatch) -> event.journalIndex(sequence + 1);
        final GatedConsumer first = new GatedConsumer();
        final GatedConsumer second = new GatedConsumer();
        // A small ring keeps producers, the journal and both gated consumers waking each other all the time.
        final MarketEventRing ring = new MarketEventRing(
            new RingContext().ringSize(16).waitStrategy(WaitStrategyType.PARKING).consumerThreads(ConsumerThreads.SEPARATE).producerType(ProducerType.MULTI),
            journal, List.of(first, second)).start();
        final RingBuffer<MarketEvent> buffer = ring.ringBuffer();
        final Thread[] threads = new Thread[producers];
        for (int p = 0; p < producers; p++)
        {
            threads[p] = Thread.ofPlatform().start(() ->
            {
                for (int i = 0; i < perProducer; i++)
                {
                    buffer.publishEvent((event, sequence) -> event.reset());
                    if (i % 1_000 == 0)
                    {
                        Thread.yield(); // let the consumers catch up and park now and then
                    }
                }
            });
        }
        for (final Thread thread : threads)
        {
            thread.join(TIMEOUT.toMillis());
            assertTrue(!thread.isAlive(), "a producer is stuck on a full ring: a consumer missed a wake-up");
        }
        ring.close(); // times out and halts (events unhandled) if a wake-up is lost

        assertEquals(producers * perProducer, first.seen.get());
        assertEquals(producers * perProducer, second.seen.get());
        assertEquals(0, first.outOfOrder.get());
        assertEquals(0, second.outOfOrder.get());
    }

    @Test
    void shouldWakeAParkedGatedConsumerWhenTheRingHalts() throws Exception
    {
        final CountDownLatch journalBusy = new CountDownLatch(1);
        final CountDownLatch journalMayFinish = new CountDownLatch(1);
        final EventHandler<MarketEvent> journal = (event, sequence, endOfBatch) ->
        {
            journalBusy.countDown();
            journalMayFinish.await();
        };
        final GatedConsumer after = new GatedConsumer();
        final MarketEventRing ring = new MarketEventRing(
            new RingContext().ringSize(64).waitStrategy(WaitStrategyType.PARKING).consumerThreads(ConsumerThreads.SEPARATE).shutdownTimeoutMs(100),
            journal, List.of(after)).start();
        try
        {
            ring.ringBuffer().publishEvent((event, sequence) -> event.reset());
            assertTrue(journalBusy.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            final Thread gated = after.thread.get();
            Tests.await(() -> gated.getState() == Thread.State.WAITING, TIMEOUT, () -> "the gated consumer parks");

            ring.close(); // the journal never finishes: the drain times out and the ring halts

            gated.join(TIMEOUT.toMillis());
            assertEquals(Thread.State.TERMINATED, gated.getState(), "the halt woke the parked consumer, which ended");
            assertEquals(0, after.seen.get());
        }
        finally
        {
            journalMayFinish.countDown();
        }
    }

    @Test
    void shouldTellAnIdleConsumerItTimedOutSoItCanDoHousekeeping() throws Exception
    {
        final CountDownLatch timedOut = new CountDownLatch(3);
        final EventHandler<MarketEvent> journal = new EventHandler<>()
        {
            public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
            {
                event.journalIndex(sequence + 1);
            }

            public void onTimeout(final long sequence)
            {
                timedOut.countDown();
            }
        };
        final GatedConsumer after = new GatedConsumer();
        final MarketEventRing ring = new MarketEventRing(
            new RingContext().ringSize(64).waitStrategy(WaitStrategyType.PARKING), journal, List.of(after)).start();
        try
        {
            final long start = System.nanoTime();
            assertTrue(timedOut.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "no onTimeout without events");
            final long elapsed = System.nanoTime() - start;
            assertTrue(elapsed >= TimeUnit.MILLISECONDS.toNanos(2 * RingContext.IDLE_TIMEOUT_MS_DEFAULT),
                "three timeouts came " + elapsed / 1_000_000 + " ms apart in all: it must not spin");

            ring.ringBuffer().publishEvent((event, sequence) -> event.reset());
            Tests.await(() -> after.seen.get() == 1, TIMEOUT, () -> "events still flow after timeouts");
        }
        finally
        {
            ring.close();
        }
        assertEquals(0, after.outOfOrder.get());
    }

    /** Counts events and checks each carries the journal index of its sequence; remembers its thread. */
    private static final class GatedConsumer implements EventHandler<MarketEvent>
    {
        final AtomicReference<Thread> thread = new AtomicReference<>();
        final AtomicLong seen = new AtomicLong();
        final AtomicLong outOfOrder = new AtomicLong();

        public void onStart()
        {
            thread.set(Thread.currentThread());
        }

        public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
        {
            if (event.journalIndex() != seen.get() + 1)
            {
                outOfOrder.incrementAndGet();
            }
            seen.incrementAndGet();
        }
    }
}
