package zvt.crypto.persistence.backfill;

import org.agrona.concurrent.status.AtomicCounter;
import zvt.crypto.core.counters.CountersRegistry;

/**
 * How far a running backfill has come: candles and pages journaled and the end of the last window, in the node's
 * {@link CountersRegistry} (labelled with the run's venue and interval). Written by the loader's thread after each
 * page; read by metrics scrapes from any thread.
 */
final class BackfillProgress
{
    private final AtomicCounter candles;
    private final AtomicCounter pages;
    private final AtomicCounter positionSeconds;

    BackfillProgress(final CountersRegistry registry, final String venue, final String interval)
    {
        candles = registry.counter("zvt_backfill_candles", "REST candles journaled by the backfill",
            "venue", venue, "interval", interval);
        pages = registry.counter("zvt_backfill_pages", "pages of candles fetched and journaled",
            "venue", venue, "interval", interval);
        positionSeconds = registry.gauge("zvt_backfill_position_seconds",
            "end of the last window journaled, as epoch seconds", "venue", venue, "interval", interval);
    }

    void page(final int candlesInPage, final long windowEndMs)
    {
        candles.getAndAddRelease(candlesInPage);
        pages.incrementRelease();
        positionSeconds.setRelease(windowEndMs / 1000); // windows end on candle boundaries: whole seconds
    }
}
