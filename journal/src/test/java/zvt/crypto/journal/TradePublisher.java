package zvt.crypto.journal;

import com.lmax.disruptor.RingBuffer;
import zvt.crypto.core.event.MarketEvent;

/**
 * Publishes synthetic trades into a ring from the calling thread, the way a feed handler does: claim, encode in
 * place, publish.
 */
public final class TradePublisher
{
    private final RingBuffer<MarketEvent> ring;
    private final SyntheticTrades trades = new SyntheticTrades();

    public TradePublisher(final RingBuffer<MarketEvent> ring)
    {
        this.ring = ring;
    }

    public void publish(final long i)
    {
        publish(i, SyntheticTrades.receiveTimeNanos(i));
    }

    public void publish(final long i, final long receiveTimeNanos)
    {
        final long sequence = ring.next();
        try
        {
            final MarketEvent event = ring.get(sequence).reset();
            event.length(trades.encode(i, receiveTimeNanos, event.buffer(), 0));
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    /** Publishes a slot a producer rejected: length 0, which every consumer must skip. */
    public void publishEmpty()
    {
        final long sequence = ring.next();
        ring.get(sequence).reset();
        ring.publish(sequence);
    }
}
