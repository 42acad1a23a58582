package zvt.crypto.feed.simulator;

/**
 * What a {@link SyntheticSymbol} tells about each market step, in no venue's format: trades, batches of book changes
 * and changes of the best bid and ask. Prices and sizes are mantissas at exponent {@link GroundTruthBook#EXPONENT}.
 * A venue's {@link WireEncoder} turns these into its JSON; nothing here allocates. Called on the simulator's event
 * loop only.
 */
public interface MarketListener
{
    /**
     * One fill against the best level.
     *
     * @param tradeId      the venue trade id, +1 per trade of the symbol.
     * @param aggregateId  a second id, +1 per trade, for venues that number aggregate trades apart.
     * @param buyerIsMaker true if the aggressor sold into the bid.
     */
    void onTrade(long tradeId, long aggregateId, long price, long quantity, long timeMs, boolean buyerIsMaker);

    /** The levels one market event changed; the change and the book are valid only during the call. */
    void onBookChange(BookChange change, BookView book);

    /** The best bid or ask (price or size) changed with the book change whose last update id is {@code updateId}. */
    void onTopOfBook(long updateId, long bidPrice, long bidSize, long askPrice, long askSize, long timeMs);
}
