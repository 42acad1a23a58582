package zvt.crypto.feed.simulator.rest;

import java.math.BigDecimal;

/**
 * One candle of the synthetic series, in exact decimals. Immutable.
 *
 * @param openTimeMs  bucket start.
 * @param intervalMs  bucket length.
 * @param tradeCount  number of trades.
 */
public record SyntheticCandle(
    long openTimeMs,
    long intervalMs,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal close,
    BigDecimal volume,
    BigDecimal quoteVolume,
    long tradeCount)
{
    /** Folds the next (later) candle into this one. */
    SyntheticCandle merge(final SyntheticCandle next, final long intervalMs)
    {
        return new SyntheticCandle(openTimeMs, intervalMs, open, high.max(next.high), low.min(next.low), next.close,
            volume.add(next.volume), quoteVolume.add(next.quoteVolume), tradeCount + next.tradeCount);
    }
}
