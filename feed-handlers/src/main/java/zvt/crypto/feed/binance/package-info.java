/**
 * Binance spot: the feed ({@link zvt.crypto.feed.binance.BinanceFeed}: instruments, channels, sharded connections,
 * REST snapshots and reference data), the frame adapter that decodes every stream straight into ring slots
 * ({@link zvt.crypto.feed.binance.BinanceFrameAdapter} with one small decoder per stream kind), the diff-depth book
 * synchronization ({@link zvt.crypto.feed.binance.BinanceDepthSync}), exchangeInfo
 * ({@link zvt.crypto.feed.binance.BinanceExchangeInfo}) and stream naming
 * ({@link zvt.crypto.feed.binance.BinanceStreams}).
 */
package zvt.crypto.feed.binance;
