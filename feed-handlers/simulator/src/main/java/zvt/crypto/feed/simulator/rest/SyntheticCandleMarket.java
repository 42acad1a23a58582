package zvt.crypto.feed.simulator.rest;

import zvt.crypto.core.candle.CandleIntervals;
import zvt.crypto.core.codec.CandleInterval;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * A seeded synthetic history of 1-minute candles per symbol, computable for any minute on its own (each minute's
 * values are a hash of seed, symbol and minute, and each open is the previous minute's close), so a REST route can
 * serve any page of any range without storing anything. Longer intervals aggregate the minutes. No candle opens
 * before the listing time; the one opening in the current minute is still forming.
 * <p>
 * Prices have 2 decimals around 20,000, volumes 4 decimals, quote volumes their exact product (6 decimals).
 * Stateless apart from its settings; thread-safe.
 */
public final class SyntheticCandleMarket
{
    private static final long MINUTE_MS = 60_000;

    private final long seed;
    private final long listedFromMs;
    private final LongSupplier nowMs;

    /**
     * @param seed         the history's seed; the same seed gives the same candles.
     * @param listedFromMs the first minute with a candle.
     * @param nowMs        the wall clock; candles opening after it do not exist yet.
     */
    public SyntheticCandleMarket(final long seed, final long listedFromMs, final LongSupplier nowMs)
    {
        this.seed = seed;
        this.listedFromMs = Math.floorDiv(listedFromMs, MINUTE_MS) * MINUTE_MS;
        this.nowMs = nowMs;
    }

    public long listedFromMs()
    {
        return listedFromMs;
    }

    public long nowMs()
    {
        return nowMs.getAsLong();
    }

    /** The candle of {@code interval} opening at {@code openTimeMs} (aligned), or null if none exists. */
    public SyntheticCandle candle(final String symbol, final CandleInterval interval, final long openTimeMs)
    {
        final long intervalMs = CandleIntervals.millis(interval);
        final long now = nowMs.getAsLong();
        SyntheticCandle result = null;
        for (long minute = Math.max(openTimeMs, listedFromMs); minute < openTimeMs + intervalMs && minute <= now;
            minute += MINUTE_MS)
        {
            final SyntheticCandle next = minute(symbol, minute);
            result = result == null ? new SyntheticCandle(openTimeMs, intervalMs, next.open(), next.high(), next.low(),
                next.close(), next.volume(), next.quoteVolume(), next.tradeCount()) : result.merge(next, intervalMs);
        }
        return result;
    }

    /** Whether a candle opening at {@code openTimeMs} has closed by now. */
    public boolean isClosed(final CandleInterval interval, final long openTimeMs)
    {
        return openTimeMs + CandleIntervals.millis(interval) <= nowMs.getAsLong();
    }

    /**
     * The candles opening in {@code [fromMs, toMs]} (both inclusive), at most {@code limit}: the oldest ones when
     * {@code oldestFirst}, else the newest ones; returned in that order.
     */
    public List<SyntheticCandle> select(
        final String symbol,
        final CandleInterval interval,
        final long fromMs,
        final long toMs,
        final int limit,
        final boolean oldestFirst)
    {
        final List<SyntheticCandle> selected = new ArrayList<>();
        final long intervalMs = CandleIntervals.millis(interval);
        final long first = alignUp(Math.max(fromMs, firstOpen(interval)), interval);
        final long last = Math.min(toMs, nowMs.getAsLong());
        if (oldestFirst)
        {
            for (long open = first; open <= last && selected.size() < limit; open += intervalMs)
            {
                addIfPresent(selected, symbol, interval, open);
            }
        }
        else
        {
            for (long open = alignDown(last, interval); open >= first && selected.size() < limit; open -= intervalMs)
            {
                addIfPresent(selected, symbol, interval, open);
            }
        }
        return Collections.unmodifiableList(selected);
    }

    /** The 1-minute candle opening at {@code minuteMs} (aligned, at or after the listing). */
    public SyntheticCandle minute(final String symbol, final long minuteMs)
    {
        final long index = minuteMs / MINUTE_MS;
        final long symbolSeed = seed * 31 + symbol.hashCode();
        final long openCents = closeCents(symbolSeed, index - 1);
        final long closeCents = closeCents(symbolSeed, index);
        final long highCents = Math.max(openCents, closeCents) + Math.floorMod(mix(symbolSeed, index, 2), 500);
        final long lowCents = Math.min(openCents, closeCents) - Math.floorMod(mix(symbolSeed, index, 3), 500);
        final BigDecimal volume = BigDecimal.valueOf(1 + Math.floorMod(mix(symbolSeed, index, 4), 10_000_000L), 4);
        final BigDecimal close = BigDecimal.valueOf(closeCents, 2);
        return new SyntheticCandle(minuteMs, MINUTE_MS, BigDecimal.valueOf(openCents, 2),
            BigDecimal.valueOf(highCents, 2), BigDecimal.valueOf(lowCents, 2), close, volume, volume.multiply(close),
            1 + Math.floorMod(mix(symbolSeed, index, 5), 1_000));
    }

    private void addIfPresent(
        final List<SyntheticCandle> selected, final String symbol, final CandleInterval interval, final long open)
    {
        final SyntheticCandle candle = candle(symbol, interval, open);
        if (candle != null)
        {
            selected.add(candle);
        }
    }

    private long firstOpen(final CandleInterval interval)
    {
        return alignDown(listedFromMs, interval);
    }

    private static long alignDown(final long timeMs, final CandleInterval interval)
    {
        return CandleIntervals.bucketStart(timeMs * 1_000_000, interval) / 1_000_000;
    }

    private static long alignUp(final long timeMs, final CandleInterval interval)
    {
        final long down = alignDown(timeMs, interval);
        return down == timeMs ? down : down + CandleIntervals.millis(interval);
    }

    private static long closeCents(final long symbolSeed, final long index)
    {
        return 2_000_000 + Math.floorMod(mix(symbolSeed, index, 1), 200_000L);
    }

    /** SplitMix64 finalizer over (seed, index, salt): a well-spread deterministic hash. */
    private static long mix(final long seed, final long index, final long salt)
    {
        long z = seed + index * 0x9E3779B97F4A7C15L + salt * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
