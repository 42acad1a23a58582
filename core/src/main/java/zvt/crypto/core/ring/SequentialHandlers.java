package zvt.crypto.core.ring;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import zvt.crypto.core.event.MarketEvent;

import java.util.List;

/**
 * Several consumers on one thread, called in order for every callback ({@link ConsumerThreads#SHARED}). An exception
 * from one skips the consumers after it for that event, as a separate gated thread would never see an event the
 * journal failed on either.
 */
final class SequentialHandlers implements EventHandler<MarketEvent>
{
    private final EventHandler<MarketEvent>[] handlers;

    @SuppressWarnings("unchecked")
    SequentialHandlers(final List<? extends EventHandler<MarketEvent>> handlers)
    {
        this.handlers = handlers.toArray(new EventHandler[0]);
    }

    public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch) throws Exception
    {
        for (final EventHandler<MarketEvent> handler : handlers)
        {
            handler.onEvent(event, sequence, endOfBatch);
        }
    }

    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        for (final EventHandler<MarketEvent> handler : handlers)
        {
            handler.onBatchStart(batchSize, queueDepth);
        }
    }

    public void onStart()
    {
        for (final EventHandler<MarketEvent> handler : handlers)
        {
            handler.onStart();
        }
    }

    public void onShutdown()
    {
        for (final EventHandler<MarketEvent> handler : handlers)
        {
            handler.onShutdown();
        }
    }

    public void onTimeout(final long sequence) throws Exception
    {
        for (final EventHandler<MarketEvent> handler : handlers)
        {
            handler.onTimeout(sequence);
        }
    }

    /** Not passed on: a consumer reporting progress early would release slots the ones after it have not seen. */
    public void setSequenceCallback(final Sequence sequenceCallback)
    {
    }
}
