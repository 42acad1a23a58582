package zvt.crypto.gateway;

import com.lmax.disruptor.EventHandler;
import zvt.crypto.core.event.MarketEvent;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stands in for the journal as the ring's first consumer: gives every event the journal index
 * {@code FIRST_INDEX + sequence}, so tests know which index each published event must arrive with.
 * <p>
 * It can also hold the ring at an event: since it passes its sequence on only at the end of each of its batches, the
 * events published while it is held reach the consumers after it as one batch.
 */
final class JournalIndexStub implements EventHandler<MarketEvent>
{
    static final long FIRST_INDEX = 7_000_000_000L;

    private final Semaphore holding = new Semaphore(0);
    private final Semaphore resume = new Semaphore(0);
    private volatile boolean holdNext;

    public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
        throws InterruptedException
    {
        if (holdNext)
        {
            holdNext = false;
            holding.release();
            resume.acquire();
        }
        event.journalIndex(FIRST_INDEX + sequence);
    }

    /** The next event this stub handles waits there until {@link #release()}. */
    void holdAtNextEvent()
    {
        holdNext = true;
    }

    /** Returns once the stub waits at the held event. */
    void awaitHolding() throws InterruptedException
    {
        assertTrue(holding.tryAcquire(TestClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "the ring is held");
    }

    void release()
    {
        resume.release();
    }
}
