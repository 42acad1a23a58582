package zvt.crypto.journal;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.ProducerType;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.ring.MarketEventRing;
import zvt.crypto.core.ring.RingContext;

import java.util.List;

/**
 * The production topology for tests: a real ring whose first consumer is the journal handler and whose one
 * after-journal consumer records the indexes events arrive with.
 * <p>
 * The constructor returns once the consumers run: core's {@code MarketEventRing.close()} drains through the
 * Disruptor's backlog check, which ignores consumers whose threads have not started yet, so closing a ring just
 * after starting it could otherwise halt it with the published events unprocessed.
 */
public final class JournalTestRing implements AutoCloseable
{
    private static final int RING_SIZE = 16_384;

    private final MarketEventRing ring;
    private final RecordingHandler recorder;
    private final TradePublisher publisher;

    public JournalTestRing(final JournalEventHandler journalHandler, final int capacity, final ProducerType producers)
    {
        recorder = new RecordingHandler(capacity);
        ring = new MarketEventRing(
            new RingContext().ringSize(RING_SIZE).producerType(producers), journalHandler, List.of(recorder));
        ring.start();
        recorder.awaitStarted();
        publisher = new TradePublisher(ring.ringBuffer());
    }

    public RingBuffer<MarketEvent> ringBuffer()
    {
        return ring.ringBuffer();
    }

    /** Publishes from the calling thread; with {@link ProducerType#SINGLE} only one thread may. */
    public TradePublisher publisher()
    {
        return publisher;
    }

    public RecordingHandler recorder()
    {
        return recorder;
    }

    public long consumerErrors()
    {
        return ring.consumerErrors();
    }

    /** Drains every published event through every consumer, then stops the ring. */
    public void close()
    {
        ring.close();
    }
}
