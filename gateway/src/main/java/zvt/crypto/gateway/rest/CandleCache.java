package zvt.crypto.gateway.rest;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.core.JsonFactory;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import org.agrona.concurrent.EpochClock;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.gateway.GatewayContext;
import zvt.crypto.gateway.GatewayCounters;
import zvt.crypto.persistence.query.MarketDataQueries;
import zvt.crypto.persistence.query.OhlcvInterval;

/**
 * Rendered closed candles for the {@code ohlcv} route, so an answer over bars that no longer change costs a few byte
 * copies instead of a query and its JSON. Time is cut into blocks of {@link #BLOCK_BARS} intervals, aligned to the
 * epoch; a block holds the stored bars of one (venue, market type, symbol, interval, source) that open within it.
 * <ul>
 *   <li>Only settled blocks are cached: those whose last bar closed more than one interval plus the settle margin
 *       ago ({@link GatewayContext#restCacheSettleMarginMs()}, the database writer's delay). The rest of a range is
 *       read from the database in one query as before: the part not settled, and what follows a block just read
 *       that holds no bars, or the few blocks the limit needs (sparse bars). So a request reads at most the blocks
 *       its limit needs plus one more query, however wide its range.</li>
 *   <li>A block expires {@link GatewayContext#restCacheTtlMs()} after it was read: bars written later by another
 *       process (a backfill of {@code source=rest}, {@code zvt rebuild-db}) show up within that time.</li>
 *   <li>At most {@link GatewayContext#restCacheBytes()} of blocks; beyond, Caffeine evicts the least useful.</li>
 * </ul>
 * Thread-safe, for the API's query threads: a miss reads its block without holding any lock, so two threads missing
 * the same block may both read it (the second replaces the first with the same bytes).
 */
final class CandleCache
{
    /** Times further from the epoch than this (about 146,000 years) are not cached: their micros would overflow. */
    private static final long MAX_EPOCH_SECONDS = Long.MAX_VALUE / 1_000_000L / 2;

    /** Bars per block: a 1,000-bar answer spans 4 or 5 blocks; a 1m block is about 54 kB of JSON. */
    static final int BLOCK_BARS = 256;

    private final Cache<Key, CandleBlock> blocks;
    private final JsonFactory json;
    private final EpochClock clock;
    private final long settleMarginMs;
    private final GatewayCounters counters;

    /** One block: what the query filters on, and the epoch micros its span starts at. */
    private record Key(Venue venue, MarketType marketType, String symbol, OhlcvInterval interval, String source,
        long startMicros)
    {
    }

    /** @param json makes generators that write as the API's own do. */
    CandleCache(final GatewayContext context, final JsonFactory json)
    {
        this.json = json;
        clock = context.epochClock();
        settleMarginMs = context.restCacheSettleMarginMs();
        counters = context.counters();
        blocks = Caffeine.newBuilder()
            .maximumWeight(context.restCacheBytes())
            .<Key, CandleBlock>weigher((key, block) -> block.weight())
            .expireAfterWrite(context.restCacheTtlMs(), TimeUnit.MILLISECONDS)
            .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.time()))
            .executor(Runnable::run) // evict on the query thread that inserted, not on the common pool
            .evictionListener((Key key, CandleBlock block, RemovalCause cause) ->
            {
                if (cause == RemovalCause.SIZE)
                {
                    counters.recordRestCacheEviction();
                }
            })
            .build();
    }

    /**
     * What {@link MarketDataQueries#candles} answers, the same bars in the same order: settled blocks from memory
     * (read and kept on a miss), the rest from the database.
     *
     * @param from inclusive; {@code to} exclusive. Sub-microsecond parts are rounded as pgjdbc sends them.
     */
    void candles(
        final MarketDataQueries queries, final Venue venue, final MarketType marketType, final String symbol,
        final OhlcvInterval interval, final String source, final Instant from, final Instant to, final int limit,
        final CandleArrayWriter out) throws SQLException, IOException
    {
        if (Math.abs(from.getEpochSecond()) > MAX_EPOCH_SECONDS || Math.abs(to.getEpochSecond()) > MAX_EPOCH_SECONDS)
        {
            queries.candles(venue, marketType, symbol, interval, source, from, to, limit, out);
            return;
        }
        final long intervalMicros = intervalMicros(interval);
        final long spanMicros = intervalMicros * BLOCK_BARS;
        final long settledBefore = TimeUnit.MILLISECONDS.toMicros(clock.time() - settleMarginMs) - intervalMicros;
        final long end = epochMicros(to);
        long next = epochMicros(from);
        int remaining = limit;
        // a dense range needs at most this many blocks for the limit; past them, one query reads the rest
        int blocksLeft = limit / BLOCK_BARS + 2;
        long blockStart = Math.floorDiv(next, spanMicros) * spanMicros;
        while (remaining > 0 && next < end && blockStart + spanMicros <= settledBefore && blocksLeft-- > 0)
        {
            final Key key = new Key(venue, marketType, symbol, interval, source, blockStart);
            CandleBlock block = blocks.getIfPresent(key);
            if (block == null)
            {
                counters.recordRestCacheMiss();
                block = read(queries, key);
                if (block == null || block.isEmpty())
                {
                    // maybe a range before the data or between sparse bars: one query for the rest, not one per block
                    break;
                }
            }
            else
            {
                counters.recordRestCacheHit();
            }
            final int first = block.firstAtOrAfter(next);
            final int last = Math.min(block.firstAtOrAfter(end), first + remaining);
            out.copy(block, first, last);
            remaining -= last - first;
            blockStart += spanMicros;
            next = blockStart;
        }
        if (remaining > 0 && next < end)
        {
            queries.candles(venue, marketType, symbol, interval, source, instant(next), to, remaining, out);
        }
    }

    /** @return the block read now, and cached; null if it holds more bars than one query returns (never cached). */
    private CandleBlock read(final MarketDataQueries queries, final Key key) throws SQLException, IOException
    {
        final CandleBlock.Builder builder = new CandleBlock.Builder(json);
        final long start = key.startMicros();
        final int rows = queries.candles(key.venue(), key.marketType(), key.symbol(), key.interval(), key.source(),
            instant(start), instant(start + intervalMicros(key.interval()) * BLOCK_BARS), MarketDataQueries.MAX_LIMIT,
            builder);
        if (rows == MarketDataQueries.MAX_LIMIT)
        {
            return null;
        }
        final CandleBlock block = builder.build();
        blocks.put(key, block);
        return block;
    }

    /** Epoch microseconds, rounded half up as pgjdbc rounds a timestamp parameter (the database's resolution). */
    static long epochMicros(final Instant instant)
    {
        return instant.getEpochSecond() * 1_000_000L + (instant.getNano() + 500) / 1_000;
    }

    private static long intervalMicros(final OhlcvInterval interval)
    {
        return TimeUnit.NANOSECONDS.toMicros(interval.duration().toNanos());
    }

    private static Instant instant(final long epochMicros)
    {
        return Instant.EPOCH.plus(epochMicros, ChronoUnit.MICROS);
    }
}
