package zvt.crypto.feed.simulator;

/**
 * Told of each trade a simulator generates, and when the tick that generated it starts writing its frames: how a
 * harness in the same process measures from the venue's send to its own subscribers, finer than the millisecond trade
 * times the venues' formats carry. Called on the simulator's event loop, for every trade; keep it cheap.
 */
public interface TradeSends
{
    /**
     * A trade was generated; it is sent at the next {@link #onSend()} on this thread.
     *
     * @param venue       the protocol's name, e.g. {@code okx}.
     * @param venueSymbol the simulator's symbol, e.g. {@code BTC-USDT} on OKX, {@code SPOT:BTCUSDT} on Bybit.
     * @param tradeId     the trade id on the wire.
     */
    void onTrade(String venue, String venueSymbol, long tradeId);

    /** The trades told on this thread since the last call are being written to their sessions now. */
    void onSend();
}
