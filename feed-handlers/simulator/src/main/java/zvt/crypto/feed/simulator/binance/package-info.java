/**
 * Binance spot as the simulator speaks it: {@link zvt.crypto.feed.simulator.binance.BinanceProtocol} (stream names,
 * server pings), {@link zvt.crypto.feed.simulator.binance.BinanceWireEncoder} (trade, aggTrade, depthUpdate,
 * bookTicker, kline JSON), {@link zvt.crypto.feed.simulator.binance.BinanceSession} (combined and raw paths,
 * {@link zvt.crypto.feed.simulator.binance.BinanceControlProtocol} requests) and
 * {@link zvt.crypto.feed.simulator.binance.BinanceRestApi} (depth, exchangeInfo, klines with request weights).
 */
package zvt.crypto.feed.simulator.binance;
