package zvt.crypto.persistence.query;

import java.math.BigDecimal;
import java.time.Instant;

/** One stored trade; {@code side} is the aggressor's: buy, sell or none. */
public record TradeRow(
    Instant time,
    String tradeId,
    BigDecimal price,
    BigDecimal quantity,
    String side,
    long journalIndex)
{
}
