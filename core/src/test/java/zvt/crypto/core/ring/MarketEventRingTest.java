package zvt.crypto.core.ring;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import zvt.crypto.core.event.MarketEvent;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MarketEventRingTest
{
    /** Hosts {@link ConsumerThreads#HOSTED} consumers, as the node's feed event loop does. */
    private static final ScheduledExecutorService HOST = Executors.newSingleThreadScheduledExecutor(runnable ->
    {
        final Thread thread = new Thread(runnable, "ring-host");
        thread.setDaemon(true);
        return thread;
    });

    static RingContext context(final ConsumerThreads consumerThreads, final int ringSize)
    {
        final RingContext context = new RingContext().ringSize(ringSize).consumerThreads(consumerThreads);
        return consumerThreads == ConsumerThreads.HOSTED ? context.host(HOST) : context;
    }

    @ParameterizedTest
    @EnumSource(ConsumerThreads.class)
    void shouldRunConsumersAfterTheJournalStageAndDrainOnClose(final ConsumerThreads consumerThreads)
    {
        final AtomicLong journaled = new AtomicLong();
        final AtomicLong outOfOrder = new AtomicLong();
        final AtomicLong seen = new AtomicLong();
        final EventHandler<MarketEvent> journal = (event, sequence, endOfBatch) ->
            event.journalIndex(journaled.incrementAndGet());
        final EventHandler<MarketEvent> after = (event, sequence, endOfBatch) ->
        {
            if (event.journalIndex() != sequence + 1)
            {
                outOfOrder.incrementAndGet();
            }
            seen.incrementAndGet();
        };
        final MarketEventRing ring = new MarketEventRing(
            context(consumerThreads, 1024), journal, List.of(after));
        ring.start();
        final RingBuffer<MarketEvent> buffer = ring.ringBuffer();

        for (int i = 0; i < 100_000; i++)
        {
            buffer.publishEvent((event, sequence) -> event.reset().length(1));
        }
        ring.close();

        assertEquals(100_000, journaled.get());
        assertEquals(100_000, seen.get());
        assertEquals(0, outOfOrder.get());
    }

    @ParameterizedTest
    @EnumSource(ConsumerThreads.class)
    void shouldRunTheJournalAndTheConsumersAfterItOnThreadsAsConfigured(final ConsumerThreads consumerThreads)
    {
        final Set<Thread> journalThreads = ConcurrentHashMap.newKeySet();
        final Set<Thread> afterThreads = ConcurrentHashMap.newKeySet();
        final MarketEventRing ring = new MarketEventRing(
            context(consumerThreads, 64),
            (event, sequence, endOfBatch) -> journalThreads.add(Thread.currentThread()),
            List.of((event, sequence, endOfBatch) -> afterThreads.add(Thread.currentThread()),
                (event, sequence, endOfBatch) -> afterThreads.add(Thread.currentThread())));
        ring.start();
        for (int i = 0; i < 100; i++)
        {
            ring.ringBuffer().publishEvent((event, sequence) -> event.reset());
        }
        ring.close();

        assertEquals(1, journalThreads.size());
        final Set<Thread> all = new HashSet<>(journalThreads);
        all.addAll(afterThreads);
        assertEquals(consumerThreads == ConsumerThreads.SEPARATE ? 3 : 1, all.size(), "threads running consumers");
    }

    @ParameterizedTest
    @EnumSource(ConsumerThreads.class)
    void shouldSurviveAConsumerThatThrows(final ConsumerThreads consumerThreads)
    {
        final AtomicLong seen = new AtomicLong();
        final EventHandler<MarketEvent> poisoned = (event, sequence, endOfBatch) ->
        {
            if (sequence % 10 == 0)
            {
                throw new IllegalStateException("poison at " + sequence);
            }
            seen.incrementAndGet();
        };
        final MarketEventRing ring = new MarketEventRing(context(consumerThreads, 64), poisoned, List.of());
        ring.start();
        for (int i = 0; i < 1000; i++)
        {
            ring.ringBuffer().publishEvent((event, sequence) -> event.reset());
        }
        ring.close();

        assertEquals(900, seen.get());
        assertEquals(100, ring.consumerErrors());
    }

    @ParameterizedTest
    @EnumSource(ConsumerThreads.class)
    void shouldDrainEventsPublishedRightAfterStart(final ConsumerThreads consumerThreads)
    {
        for (int round = 0; round < 50; round++)
        {
            final AtomicLong seen = new AtomicLong();
            final EventHandler<MarketEvent> slowToStart = new EventHandler<>()
            {
                public void onStart()
                {
                    Thread.yield();
                }

                public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
                {
                    seen.incrementAndGet();
                }
            };
            final MarketEventRing ring = new MarketEventRing(context(consumerThreads, 64), slowToStart, List.of());
            ring.start();
            ring.ringBuffer().publishEvent((event, sequence) -> event.reset());
            ring.close();

            assertEquals(1, seen.get(), "round " + round);
        }
    }
}
