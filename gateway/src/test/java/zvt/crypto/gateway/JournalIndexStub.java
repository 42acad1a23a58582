package zvt.crypto.gateway;

import com.lmax.disruptor.EventHandler;
import zvt.crypto.core.event.MarketEvent;

/**
 * Stands in for the journal as the ring's first consumer: gives every event the journal index
 * {@code FIRST_INDEX + sequence}, so tests know which index each published event must arrive with.
 */
final class JournalIndexStub implements EventHandler<MarketEvent>
{
    static final long FIRST_INDEX = 7_000_000_000L;

    public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
    {
        event.journalIndex(FIRST_INDEX + sequence);
    }
}
