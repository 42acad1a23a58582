package zvt.crypto.core.ring;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;
import zvt.crypto.core.event.MarketEvent;

import java.util.concurrent.CountDownLatch;

/**
 * Delegates every callback to a consumer and counts down a latch once its thread has started. The ring waits on
 * that latch: the Disruptor's drain on shutdown ignores consumers whose threads are not running yet, so a close
 * right after start could otherwise halt with published events never handled.
 */
final class StartSignallingHandler implements EventHandler<MarketEvent>
{
    private final EventHandler<MarketEvent> delegate;
    private final CountDownLatch started;

    StartSignallingHandler(final EventHandler<MarketEvent> delegate, final CountDownLatch started)
    {
        this.delegate = delegate;
        this.started = started;
    }

    public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch) throws Exception
    {
        delegate.onEvent(event, sequence, endOfBatch);
    }

    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        delegate.onBatchStart(batchSize, queueDepth);
    }

    public void onStart()
    {
        try
        {
            delegate.onStart();
        }
        finally
        {
            started.countDown();
        }
    }

    public void onShutdown()
    {
        delegate.onShutdown();
    }

    public void onTimeout(final long sequence) throws Exception
    {
        delegate.onTimeout(sequence);
    }

    public void setSequenceCallback(final Sequence sequenceCallback)
    {
        delegate.setSequenceCallback(sequenceCallback);
    }
}
