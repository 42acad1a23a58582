/**
 * Historical klines over REST from the four venues: the {@link zvt.crypto.feed.rest.klines.KlineApi} contract, with
 * one implementation in each venue's package (Binance {@code /api/v3/klines}, OKX {@code /api/v5/market/history-candles}, Bybit {@code /v5/market/kline},
 * Coinbase Exchange {@code /products/{id}/candles}) that knows the venue's symbols, intervals, page size, request
 * weight and rate limit, builds the request for a time window and parses the answer into
 * {@link zvt.crypto.core.candle.CandleBar}s without {@code double}; and the
 * {@link zvt.crypto.feed.rest.klines.KlineFetcher} that pages through a range, oldest first.
 */
package zvt.crypto.feed.rest.klines;
