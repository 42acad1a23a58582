package zvt.crypto.persistence.query;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One stored OHLCV bar. {@code quoteVolume} and {@code tradeCount} are null when the source does not know them;
 * {@code closed} is null for bars built from trades.
 */
public record CandleRow(
    Instant openTime,
    String source,
    BigDecimal open,
    BigDecimal high,
    BigDecimal low,
    BigDecimal close,
    BigDecimal volume,
    BigDecimal quoteVolume,
    Long tradeCount,
    Boolean closed)
{
}
