package zvt.crypto.core.counters;

import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CountersRegistryTest
{
    private final CountersRegistry registry = new CountersRegistry(64);

    @Test
    void shouldRecordEachCountersFamilyAndLabelsAndListEachOnce()
    {
        final AtomicCounter binance = registry.counter("zvt_feed_frames", "frames", "venue", "binance");
        final AtomicCounter okx = registry.counter("zvt_feed_frames", "frames", "venue", "okx");
        final AtomicCounter sessions = registry.gauge("zvt_gateway_sessions", "sessions open");
        binance.incrementRelease();
        okx.getAndAddRelease(5);
        sessions.increment();
        sessions.increment();
        sessions.decrement();

        final List<String> visited = new ArrayList<>();
        registry.forEach((family, labelValues, value) ->
            visited.add(family.name() + " " + family.kind() + " " + family.labelNames() + "=" + labelValues + " " +
                value));

        assertEquals(List.of(
            "zvt_feed_frames COUNTER [venue]=[binance] 1",
            "zvt_feed_frames COUNTER [venue]=[okx] 5",
            "zvt_gateway_sessions GAUGE []=[] 1"), visited);
        assertEquals("zvt_feed_frames{venue=\"binance\"}", binance.label());
    }

    @Test
    void shouldSummariseOnlyTheNonZeroCounters()
    {
        registry.counter("zvt_feed_frames", "frames", "venue", "binance").incrementRelease();
        registry.counter("zvt_feed_frames", "frames", "venue", "okx");
        registry.counter("zvt_gateway_rejections", "refused", "reason", "bad_json").getAndAddRelease(3);

        assertEquals("zvt_feed_frames{venue=\"binance\"}=1 zvt_gateway_rejections{reason=\"bad_json\"}=3",
            registry.summary());
    }

    @Test
    void shouldRefuseAFamilyRedefinedWithOtherLabelsOrKind()
    {
        registry.counter("zvt_feed_frames", "frames", "venue", "binance");

        assertThrows(IllegalArgumentException.class, () -> registry.counter("zvt_feed_frames", "frames", "route", "x"));
        assertThrows(IllegalArgumentException.class, () -> registry.gauge("zvt_feed_frames", "frames", "venue", "x"));
        assertThrows(IllegalArgumentException.class, () -> registry.counter("zvt_x", "odd labels", "venue"));
    }

    @Test
    void shouldSumConcurrentIncrementsExactly() throws InterruptedException
    {
        final AtomicCounter shared = registry.counter("zvt_gateway_sessions_opened", "opened");
        final int threads = 4;
        final int perThread = 250_000;
        final CountDownLatch start = new CountDownLatch(1);
        final List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < threads; i++)
        {
            final Thread writer = new Thread(() ->
            {
                awaitQuietly(start);
                for (int k = 0; k < perThread; k++)
                {
                    shared.increment();
                }
            });
            writer.start();
            writers.add(writer);
        }
        start.countDown();
        for (final Thread writer : writers)
        {
            writer.join();
        }

        final long[] exported = new long[1];
        registry.forEach((family, labelValues, value) -> exported[0] += value);
        assertEquals((long)threads * perThread, shared.get());
        assertEquals((long)threads * perThread, exported[0]);
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
