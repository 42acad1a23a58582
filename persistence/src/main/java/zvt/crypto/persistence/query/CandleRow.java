package zvt.crypto.persistence.query;

import java.time.Instant;

/**
 * One stored OHLCV bar. Decimals are PostgreSQL's text for the NUMERIC: exact, plain (never an exponent), with the
 * stored scale. {@code quoteVolume} and {@code tradeCount} are null when the source does not know them;
 * {@code closed} is null for bars built from trades.
 */
public record CandleRow(
    Instant openTime,
    String source,
    String open,
    String high,
    String low,
    String close,
    String volume,
    String quoteVolume,
    Long tradeCount,
    Boolean closed)
{
}
