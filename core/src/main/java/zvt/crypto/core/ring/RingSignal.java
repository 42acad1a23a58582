package zvt.crypto.core.ring;

/**
 * How a ring's consumers learn of publishes: what a {@link PublishBurst} defers to the end of a burst.
 */
interface RingSignal
{
    /** Tells the consumers of everything published so far. */
    void signalNow();

    /** Publishes a {@link PublishBurst} may leave unsignalled; at this count it signals. */
    int maxDeferredSignals();
}
