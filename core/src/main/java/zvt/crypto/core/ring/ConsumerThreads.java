package zvt.crypto.core.ring;

/**
 * How the ring's consumers map to threads. Both keep the order of the pipeline: an event reaches the consumers after
 * the journal only once the journal has appended it.
 */
public enum ConsumerThreads
{
    /**
     * One thread runs the journal and then every later consumer on each event ({@link SequentialHandlers}): one
     * wake-up per batch instead of one per consumer, which is what costs on a 2-core machine at moderate rates. A
     * later consumer's work delays the journal's next append, so it must not block (fan-out only queues writes).
     */
    SHARED,
    /** A thread per consumer, each gated on the journal's sequence: the journal never waits for a later consumer. */
    SEPARATE,
    /**
     * As {@link #SHARED}, but on the {@link RingContext#host host} the ring is given (the node gives its feed event
     * loop) instead of a thread of their own: the loop that published a burst handles it when the burst ends, so no
     * thread is woken for it ({@link HostedConsumers}). The host's other work and the consumers delay each other.
     */
    HOSTED
}
