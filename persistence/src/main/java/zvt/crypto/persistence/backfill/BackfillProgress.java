package zvt.crypto.persistence.backfill;

import zvt.crypto.feed.rest.RestCounters;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How far a running backfill has come: written by the loader's thread after each page, read by metrics scrapes from
 * any thread. The REST client's counters (requests, retries, throttling, failures) appear once the run has started.
 */
public final class BackfillProgress
{
    private final AtomicLong candles = new AtomicLong();
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong positionMs = new AtomicLong();
    private volatile RestCounters rest;

    /** @return candles published into the journal's ring. */
    public long candles()
    {
        return candles.get();
    }

    public long pages()
    {
        return pages.get();
    }

    /** @return the end of the last window journaled (epoch ms), or 0 before the first page. */
    public long positionMs()
    {
        return positionMs.get();
    }

    /** @return the run's REST client counters, or null before the run starts. */
    public RestCounters rest()
    {
        return rest;
    }

    void started(final RestCounters rest)
    {
        this.rest = rest;
    }

    void page(final int candlesInPage, final long windowEndMs)
    {
        candles.lazySet(candles.get() + candlesInPage);
        pages.lazySet(pages.get() + 1);
        positionMs.lazySet(windowEndMs);
    }
}
