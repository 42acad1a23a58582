package zvt.crypto.feed.book;

/**
 * Asks the venue for a fresh snapshot of one instrument's book by unsubscribing and subscribing its stream again on
 * the connection that carries it. Implemented by the feed runner; called on the feed's event loop.
 */
@FunctionalInterface
public interface Resubscriber
{
    void resubscribe(int instrumentId, String reason);
}
