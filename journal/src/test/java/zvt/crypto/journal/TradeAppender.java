package zvt.crypto.journal;

import zvt.crypto.core.event.MarketEvent;

/**
 * Appends synthetic trades through a {@link JournalEventHandler} on the calling thread, without a ring: for tests
 * that need exact control of timing or of the journal's clock. Close on the same thread.
 */
public final class TradeAppender implements AutoCloseable
{
    private final JournalEventHandler handler;
    private final MarketEvent event = new MarketEvent();
    private final SyntheticTrades trades = new SyntheticTrades();

    public TradeAppender(final JournalEventHandler handler)
    {
        this.handler = handler;
    }

    public TradeAppender(final Journal journal)
    {
        this(new JournalEventHandler(journal));
    }

    /** @return the journal index of trade {@code i}, stamped with the given receive time. */
    public long append(final long i, final long receiveTimeNanos)
    {
        event.reset().length(trades.encode(i, receiveTimeNanos, event.buffer(), 0));
        handler.onEvent(event, i, true);
        return event.journalIndex();
    }

    public JournalEventHandler handler()
    {
        return handler;
    }

    public void close()
    {
        handler.onShutdown();
    }
}
