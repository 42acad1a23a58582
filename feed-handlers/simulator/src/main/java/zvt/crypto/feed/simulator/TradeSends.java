package zvt.crypto.feed.simulator;

/**
 * Told of each trade as the simulator generates it, just before the tick that generated it sends it: how a harness in
 * the same process measures from the venue's send to its own subscribers, finer than the millisecond trade times the
 * venues' formats carry. Called on the simulator's event loop, for every trade; keep it cheap.
 */
@FunctionalInterface
public interface TradeSends
{
    /**
     * @param venue       the protocol's name, e.g. {@code okx}.
     * @param venueSymbol the symbol as the venue writes it, e.g. {@code BTC-USDT} on OKX, {@code BTCUSDT} on Bybit.
     * @param tradeId     the trade id on the wire.
     */
    void onTrade(String venue, String venueSymbol, long tradeId);
}
