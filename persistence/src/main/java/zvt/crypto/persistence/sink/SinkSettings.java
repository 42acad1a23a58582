package zvt.crypto.persistence.sink;

import org.agrona.concurrent.EpochNanoClock;

import zvt.crypto.journal.Journal;

/**
 * How a {@link SinkTailer} batches and retries.
 *
 * @param journal            the journal read.
 * @param maxBatch           a batch is committed once the sink holds this many items.
 * @param maxBatchDelayNanos ... or once its first entry has waited this long.
 * @param retryMinNanos      the first wait after a failure; it doubles on each failure in a row ...
 * @param retryMaxNanos      ... up to this.
 * @param clock              the clock for batch age, backoff and lag.
 */
public record SinkSettings(
    Journal journal,
    int maxBatch,
    long maxBatchDelayNanos,
    long retryMinNanos,
    long retryMaxNanos,
    EpochNanoClock clock)
{
    public SinkSettings
    {
        if (journal == null || clock == null)
        {
            throw new IllegalArgumentException("a sink needs a journal and a clock");
        }
        if (maxBatch < 1 || maxBatchDelayNanos < 0 || retryMinNanos <= 0 || retryMaxNanos < retryMinNanos)
        {
            throw new IllegalArgumentException("bad sink settings: batch " + maxBatch + ", delay " +
                maxBatchDelayNanos + " ns, retry " + retryMinNanos + ".." + retryMaxNanos + " ns");
        }
    }
}
