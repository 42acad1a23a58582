package zvt.crypto.core.ring;

/**
 * One consumer wake-up for a burst of publishes. A feed loop decodes every frame one socket read brought in a burst:
 * publishing each event wakes the parked consumer thread, which on two cores then takes the events one at a time,
 * a futex wake and a context switch each. Inside {@link #open()}..{@link #close()} the events are still published
 * at once (a running consumer sees them immediately); only the wake-up of a parked consumer ({@link
 * ParkingWaitStrategy}), or the drain by consumers the loop hosts itself ({@link HostedConsumers}), waits for {@link
 * #close()}, or for {@link RingSignal#maxDeferredSignals()} publishes, which keeps a producer that fills the ring from
 * waiting on a consumer it never woke.
 * <p>
 * One per thread; not thread safe. Open and close it on the same thread, close it whenever the burst ends, for
 * whatever reason, and publish to one ring inside it (another ring is woken at once).
 */
public final class PublishBurst
{
    private static final ThreadLocal<PublishBurst> ON_THREAD = ThreadLocal.withInitial(PublishBurst::new);

    private boolean open;
    private RingSignal pending;
    private int deferred;

    private PublishBurst()
    {
    }

    public static PublishBurst onThisThread()
    {
        return ON_THREAD.get();
    }

    public void open()
    {
        open = true;
    }

    /** Ends the burst and wakes the consumers its publishes deferred. */
    public void close()
    {
        open = false;
        final RingSignal strategy = pending;
        if (strategy != null)
        {
            pending = null;
            deferred = 0;
            strategy.signalNow();
        }
    }

    /** @return true when the caller's wake-up is left to {@link #close()}. */
    boolean defer(final RingSignal strategy)
    {
        if (!open || (pending != null && pending != strategy))
        {
            return false;
        }
        if (++deferred >= strategy.maxDeferredSignals())
        {
            pending = null;
            deferred = 0;
            return false;
        }
        pending = strategy;
        return true;
    }
}
