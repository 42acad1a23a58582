/**
 * Candles: the one aggregator that turns trades into deterministic OHLCV bars by event time
 * ({@link zvt.crypto.core.candle.TradeCandleAggregator}), the roll-up of closed bars into longer intervals
 * ({@link zvt.crypto.core.candle.CandleRollup}), the bar itself ({@link zvt.crypto.core.candle.CandleBar}) with its
 * exact sums ({@link zvt.crypto.core.candle.DecimalSum}), and interval arithmetic
 * ({@link zvt.crypto.core.candle.CandleIntervals}). Shared by the database writer and the gateway, so both compute
 * the same candle from the same journal.
 */
package zvt.crypto.core.candle;
