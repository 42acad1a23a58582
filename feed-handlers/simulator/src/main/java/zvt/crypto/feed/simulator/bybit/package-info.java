/**
 * Bybit v5 public, spot and linear, as the simulator speaks it: {@link zvt.crypto.feed.simulator.bybit.BybitProtocol}
 * (topics, categories as separate markets), {@link zvt.crypto.feed.simulator.bybit.BybitWireEncoder} (publicTrade,
 * orderbook.1/50/200 snapshot then deltas with u +1 and seq, tickers, kline) and
 * {@link zvt.crypto.feed.simulator.bybit.BybitSession} (acks and pongs in each category's shape), and
 * {@link zvt.crypto.feed.simulator.bybit.BybitRestApi} (instruments-info: tick and lot sizes).
 */
package zvt.crypto.feed.simulator.bybit;
