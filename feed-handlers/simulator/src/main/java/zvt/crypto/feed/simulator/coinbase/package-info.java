/**
 * Coinbase Advanced Trade market data as the simulator speaks it:
 * {@link zvt.crypto.feed.simulator.coinbase.CoinbaseProtocol} (channels), {@link
 * zvt.crypto.feed.simulator.coinbase.CoinbaseWireEncoder} (l2_data snapshot and updates, market_trades, ticker,
 * candles, each with the {@link zvt.crypto.feed.simulator.coinbase.CoinbaseEnvelope} whose sequence_num every
 * connection splices in) and {@link zvt.crypto.feed.simulator.coinbase.CoinbaseSession} (one channel per subscribe,
 * subscriptions replies, heartbeats, the connection's sequence_num), and
 * {@link zvt.crypto.feed.simulator.coinbase.CoinbaseRestApi} (market/products: tick and lot sizes).
 */
package zvt.crypto.feed.simulator.coinbase;
