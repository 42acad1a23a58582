package zvt.crypto.persistence.query;

import java.time.Instant;

/**
 * One stored trade; {@code side} is the aggressor's: buy, sell or none. Decimals are PostgreSQL's text for the
 * NUMERIC: exact, plain (never an exponent), with the stored scale.
 */
public record TradeRow(
    Instant time,
    String tradeId,
    String price,
    String quantity,
    String side,
    long journalIndex)
{
}
