package zvt.crypto.feed.test;

import com.lmax.disruptor.RingBuffer;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.core.ring.MarketEventRing;
import zvt.crypto.core.ring.RingContext;

import java.util.List;

/**
 * Core's real ring with a {@link RecordingEventHandler} as its first consumer, plus the registry and status
 * publisher a feed needs.
 */
public final class TestRing implements AutoCloseable
{
    private final RecordingEventHandler recorder = new RecordingEventHandler();
    private final MarketEventRing ring;
    private final InstrumentRegistry registry = new InstrumentRegistry();
    private final EpochNanoClock clock = new OffsetEpochNanoClock();
    private final ControlEventPublisher publisher;

    public TestRing(final int ringSize)
    {
        ring = new MarketEventRing(new RingContext().ringSize(ringSize), recorder, List.of()).start();
        publisher = new ControlEventPublisher(ring.ringBuffer(), clock);
    }

    public RingBuffer<MarketEvent> ringBuffer()
    {
        return ring.ringBuffer();
    }

    public RecordingEventHandler recorder()
    {
        return recorder;
    }

    public InstrumentRegistry registry()
    {
        return registry;
    }

    public ControlEventPublisher publisher()
    {
        return publisher;
    }

    public EpochNanoClock clock()
    {
        return clock;
    }

    /** Sequences published so far (the ring cursor + 1). */
    public long published()
    {
        return ring.ringBuffer().getCursor() + 1;
    }

    public void close()
    {
        ring.close();
    }
}
