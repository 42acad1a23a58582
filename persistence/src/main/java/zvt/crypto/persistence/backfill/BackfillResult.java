package zvt.crypto.persistence.backfill;

import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.Venue;

/**
 * What a backfill run did.
 *
 * @param instrumentId    the instrument the candles were journaled for.
 * @param resumedFromMs   where this run started: the requested start, or just after the last REST candle already
 *                        journaled.
 * @param nextFromMs      where a later run would continue.
 * @param pages           REST pages fetched.
 * @param candles         candles journaled by this run.
 * @param requests        HTTP attempts, retries included.
 * @param retries         attempts that were retries.
 * @param completed       true when the whole range was done, false when stopped early.
 */
public record BackfillResult(
    Venue venue,
    String symbol,
    CandleInterval interval,
    int instrumentId,
    long resumedFromMs,
    long nextFromMs,
    long pages,
    long candles,
    long requests,
    long retries,
    boolean completed)
{
}
