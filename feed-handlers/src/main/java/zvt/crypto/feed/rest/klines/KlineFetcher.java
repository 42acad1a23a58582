package zvt.crypto.feed.rest.klines;

import org.agrona.concurrent.EpochNanoClock;
import zvt.crypto.core.candle.CandleBar;
import zvt.crypto.core.candle.CandleIntervals;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.feed.rest.RestClient;
import zvt.crypto.feed.rest.RestResponse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Pages through a venue's klines for one symbol and interval, oldest first. The range is cut into windows of one
 * page each ({@code pageSize} intervals), so pagination is by time and works the same for venues that answer oldest
 * first and newest first; each window's candles are sorted, deduplicated by open time, limited to the window and to
 * closed candles (a candle still forming at {@code now} is never handed out), then given to the listener. Rate
 * limiting and retries are the {@link RestClient}'s.
 * <p>
 * Not thread-safe: one fetcher per loader thread.
 */
public final class KlineFetcher
{
    /** Receives each page's candles, oldest first; the bars are reused after the call. */
    @FunctionalInterface
    public interface PageListener
    {
        /**
         * @param candles   the page's closed candles in {@code [windowStartMs, windowEndMs)}, ascending; may be empty.
         * @return false to stop fetching.
         */
        boolean onPage(List<CandleBar> candles, long windowStartMs, long windowEndMs) throws IOException;
    }

    /**
     * @param pages     requests answered.
     * @param candles   candles handed to the listener.
     * @param nextFromMs where a later run would continue (the end of the last window fetched).
     * @param completed true when the whole range was fetched, false when the listener stopped it.
     */
    public record Result(long pages, long candles, long nextFromMs, boolean completed)
    {
    }

    private final RestClient client;
    private final KlineApi api;
    private final String baseUri;
    private final EpochNanoClock clock;
    private final List<CandleBar> pool = new ArrayList<>();
    private final List<CandleBar> page = new ArrayList<>();
    private final CandleBar scratch = new CandleBar();

    public KlineFetcher(final RestClient client, final KlineApi api, final String baseUri, final EpochNanoClock clock)
    {
        this.client = client;
        this.api = api;
        this.baseUri = baseUri;
        this.clock = clock;
    }

    /**
     * Fetches the closed candles opening in {@code [fromMs, toMs)}.
     *
     * @throws zvt.crypto.feed.rest.RestException when a page fails for good (retries exhausted, venue error status).
     * @throws KlineFormatException               when the venue answers an error envelope or another shape.
     */
    public Result fetch(
        final String venueSymbol,
        final int instrumentId,
        final CandleInterval interval,
        final long fromMs,
        final long toMs,
        final PageListener listener) throws IOException, InterruptedException
    {
        if (!api.supports(interval))
        {
            throw new IllegalArgumentException(api.venue() + " has no " + CandleIntervals.shortName(interval) +
                " klines");
        }
        final long intervalMs = CandleIntervals.millis(interval);
        final long nowMs = TimeUnit.NANOSECONDS.toMillis(clock.nanoTime());
        // Only candles that have closed: those opening before the bucket that is forming now.
        final long endMs = Math.min(toMs, bucketStartMs(nowMs, interval));
        long cursorMs = bucketStartMs(fromMs, interval);
        if (cursorMs < fromMs)
        {
            cursorMs += intervalMs;
        }
        long pages = 0;
        long candles = 0;
        while (cursorMs < endMs)
        {
            final long windowEndMs = Math.min(endMs, cursorMs + intervalMs * api.pageSize());
            final RestResponse response = client.get(
                api.pageRequest(baseUri, venueSymbol, interval, cursorMs, windowEndMs));
            response.requireSuccess(api.venue() + " klines " + venueSymbol);
            pages++;
            collectPage(response, instrumentId, interval, cursorMs, windowEndMs);
            candles += page.size();
            if (!listener.onPage(page, cursorMs, windowEndMs))
            {
                return new Result(pages, candles, windowEndMs, false);
            }
            cursorMs = windowEndMs;
        }
        return new Result(pages, candles, Math.max(cursorMs, fromMs), true);
    }

    private void collectPage(
        final RestResponse response,
        final int instrumentId,
        final CandleInterval interval,
        final long windowStartMs,
        final long windowEndMs) throws KlineFormatException
    {
        page.clear();
        final long startNanos = TimeUnit.MILLISECONDS.toNanos(windowStartMs);
        final long endNanos = TimeUnit.MILLISECONDS.toNanos(windowEndMs);
        api.parse(response.body(), instrumentId, interval, clock.nanoTime(), scratch, bar ->
        {
            if (bar.isClosed() && bar.openTimeNanos() >= startNanos && bar.openTimeNanos() < endNanos)
            {
                if (pool.size() == page.size())
                {
                    pool.add(new CandleBar());
                }
                page.add(pool.get(page.size()).copyFrom(bar));
            }
        });
        page.sort(Comparator.comparingLong(CandleBar::openTimeNanos));
        for (int i = page.size() - 1; i > 0; i--)
        {
            if (page.get(i).openTimeNanos() == page.get(i - 1).openTimeNanos())
            {
                page.remove(i);
            }
        }
    }

    private static long bucketStartMs(final long timeMs, final CandleInterval interval)
    {
        return TimeUnit.NANOSECONDS.toMillis(
            CandleIntervals.bucketStart(TimeUnit.MILLISECONDS.toNanos(timeMs), interval));
    }
}
