/**
 * Binance spot: stream names and addresses ({@link zvt.crypto.feed.binance.BinanceStreams}), the {@code @trade}
 * frame adapter that decodes straight into ring slots ({@link zvt.crypto.feed.binance.BinanceTradeAdapter}), and
 * the feed that wires them to a {@link zvt.crypto.feed.connection.FeedConnection}
 * ({@link zvt.crypto.feed.binance.BinanceFeed}).
 */
package zvt.crypto.feed.binance;
