package zvt.crypto.core.book;

/**
 * Told by {@link OrderBookEventHandler} when a book has changed: after a complete batch was applied, or when it
 * became stale. Called on the handler's thread; the book may be read during the call only.
 */
@FunctionalInterface
public interface OrderBookListener
{
    void onBookChanged(OrderBook book);
}
