/**
 * Coinbase Advanced Trade public market data on the venue seam: {@link zvt.crypto.feed.coinbase.CoinbaseAdapter}
 * (streams, subscribe messages, keepalive, book rule, reference data), {@link zvt.crypto.feed.coinbase.CoinbaseDecoder}
 * (one pass over each frame's envelope, then one reader per channel: trades, level2, ticker, candles), the
 * allocation-free time parser {@link zvt.crypto.feed.coinbase.CoinbaseTime} and the products reader
 * {@link zvt.crypto.feed.coinbase.CoinbaseProducts}. Coinbase Exchange (ws-feed) messages are recognized and ignored.
 */
package zvt.crypto.feed.coinbase;
