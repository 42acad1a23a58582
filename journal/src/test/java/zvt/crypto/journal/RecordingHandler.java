package zvt.crypto.journal;

import com.lmax.disruptor.EventHandler;
import zvt.crypto.core.event.MarketEvent;

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

    public RecordingHandler(final int capacity)
    {
        indexes = new long[capacity];
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
