package zvt.crypto.journal;

import com.lmax.disruptor.EventHandler;
import zvt.crypto.core.event.MarketEvent;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An after-journal ring consumer that records, in ring order, the journal index each non-empty event arrived with,
 * as a gateway would see them.
 */
public final class RecordingHandler implements EventHandler<MarketEvent>
{
    public final long[] indexes;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong missingIndexes = new AtomicLong();
    private final CountDownLatch started = new CountDownLatch(1);

    public RecordingHandler(final int capacity)
    {
        indexes = new long[capacity];
    }

    public void onStart()
    {
        started.countDown();
    }

    /** Waits until the consumer's thread runs (the Disruptor sets it running just before calling onStart). */
    public void awaitStarted()
    {
        try
        {
            if (!started.await(10, TimeUnit.SECONDS))
            {
                throw new AssertionError("ring consumer did not start");
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", ex);
        }
    }

    public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
    {
        if (event.isEmpty())
        {
            return;
        }
        if (event.journalIndex() == MarketEvent.NO_JOURNAL_INDEX)
        {
            missingIndexes.incrementAndGet();
        }
        final long n = count.get();
        indexes[(int)n] = event.journalIndex();
        count.lazySet(n + 1);
    }

    public long count()
    {
        return count.get();
    }

    public long missingIndexes()
    {
        return missingIndexes.get();
    }
}
