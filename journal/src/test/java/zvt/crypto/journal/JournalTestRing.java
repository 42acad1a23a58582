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
