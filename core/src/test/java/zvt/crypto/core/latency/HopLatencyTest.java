package zvt.crypto.core.latency;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HopLatencyTest
{
    private long totalCount;
    private long totalNanos;
    private Histogram lastInterval;

    @Test
    void eachReadGivesTheValuesSinceThePreviousOneAndRunningTotals()
    {
        final HopLatency hop = new HopLatency("receive_to_journal");
        for (int i = 1; i <= 100; i++)
        {
            hop.record(i * 1_000L);
        }
        hop.read(this::onRead);
        assertEquals(100, lastInterval.getTotalCount());
        assertEquals(99_000, lastInterval.getValueAtPercentile(99), 100);
        assertEquals(100, totalCount);
        assertEquals(5_050_000, totalNanos, 5_050);

        hop.record(-5); // clocks apart: counts as 0
        hop.record(TimeUnit.HOURS.toNanos(1)); // capped at 10 minutes
        hop.read(this::onRead);
        assertEquals(2, lastInterval.getTotalCount());
        assertEquals(0, lastInterval.getMinValue());
        assertTrue(lastInterval.getMaxValue() <= TimeUnit.MINUTES.toNanos(10) * 1.001);
        assertEquals(102, totalCount);
    }

    @Test
    void concurrentWritersLoseNoValueWhileItIsRead() throws InterruptedException
    {
        final HopLatency hop = new HopLatency("rest");
        final List<Thread> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++)
        {
            writers.add(Thread.ofPlatform().start(() ->
            {
                for (int i = 0; i < 50_000; i++)
                {
                    hop.record(i);
                }
            }));
        }
        long seen = 0;
        while (writers.stream().anyMatch(Thread::isAlive))
        {
            hop.read(this::onRead); // reads while they write: nothing may fall between two reads
            seen += lastInterval.getTotalCount();
        }
        for (final Thread writer : writers)
        {
            writer.join();
        }
        hop.read(this::onRead);
        seen += lastInterval.getTotalCount();
        assertEquals(200_000, seen);
        assertEquals(200_000, totalCount);
    }

    private void onRead(final long totalCount, final long totalNanos, final Histogram sinceLastRead)
    {
        this.totalCount = totalCount;
        this.totalNanos = totalNanos;
        this.lastInterval = sinceLastRead.copy();
    }
}
