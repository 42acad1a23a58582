package zvt.crypto.core.candle;

import org.agrona.collections.Int2ObjectHashMap;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.Venue;

/**
 * Rolls closed bars of a short interval (1 minute) up into longer ones (5m, 15m, 1h, 1d by default): open of the
 * first, close of the last, highest high, lowest low, summed volumes and trade counts. A rolled-up bar closes as soon
 * as a bar reaching its end is merged, or when a bar of a later bucket arrives, or at {@link #closeUpTo}; so the
 * result equals aggregating the same short bars directly, whatever the order in which buckets fill.
 * <p>
 * Feed it one source at a time (a roll-up of trade bars and a roll-up of REST bars are two instances): bars are keyed
 * by instrument only. Bars of an instrument must arrive in time order; an older one is counted and dropped.
 * <p>
 * Allocation-free once each (instrument, interval) has its bar. Not thread-safe.
 */
public final class CandleRollup implements CandleListener
{
    private static final CandleInterval[] DEFAULT_TARGETS =
        {CandleInterval.M5, CandleInterval.M15, CandleInterval.H1, CandleInterval.D1};

    private final CandleInterval[] targets;
    private final Int2ObjectHashMap<CandleBar>[] bars;
    private final CandleListener listener;
    private long lateBars;

    /** Rolls up to 5m, 15m, 1h and 1d. */
    public CandleRollup(final CandleListener listener)
    {
        this(listener, DEFAULT_TARGETS);
    }

    @SuppressWarnings("unchecked")
    public CandleRollup(final CandleListener listener, final CandleInterval... targets)
    {
        this.listener = listener;
        this.targets = targets.clone();
        this.bars = new Int2ObjectHashMap[targets.length];
        for (int i = 0; i < targets.length; i++)
        {
            CandleIntervals.nanos(targets[i]); // fails fast on an interval without a fixed length (months)
            bars[i] = new Int2ObjectHashMap<>();
        }
    }

    /** Merges a closed bar whose interval divides every target (e.g. 1m into 5m, 15m, 1h, 1d). */
    public void onCandle(final CandleBar bar)
    {
        for (int i = 0; i < targets.length; i++)
        {
            final CandleInterval target = targets[i];
            if (!CandleIntervals.divides(bar.interval(), target))
            {
                throw new IllegalArgumentException(bar.interval() + " bars do not roll up into " + target);
            }
            final long bucket = CandleIntervals.bucketStart(bar.openTimeNanos(), target);
            CandleBar rolled = bars[i].get(bar.instrumentId());
            if (rolled == null)
            {
                rolled = new CandleBar();
                bars[i].put(bar.instrumentId(), rolled);
                rolled.start(bar.instrumentId(), bar.venue(), target, bar.source(), bucket);
            }
            else if (bucket < rolled.openTimeNanos())
            {
                lateBars++;
                continue;
            }
            else if (bucket > rolled.openTimeNanos() || rolled.isClosed())
            {
                if (!rolled.isClosed() && rolled.hasPrices())
                {
                    emit(rolled);
                }
                if (bucket == rolled.openTimeNanos())
                {
                    // Its bucket was already handed out as complete: a second bar for it is late.
                    lateBars++;
                    continue;
                }
                rolled.start(bar.instrumentId(), bar.venue(), target, bar.source(), bucket);
            }
            rolled.merge(bar);
            if (bar.closeTimeNanos() >= rolled.closeTimeNanos())
            {
                emit(rolled);
            }
        }
    }

    /**
     * Closes and hands out the venue's rolled-up bars whose bucket ends at or before {@code timeNanos}, or every
     * venue's when {@code venue} is null.
     */
    public void closeUpTo(final Venue venue, final long timeNanos)
    {
        for (final Int2ObjectHashMap<CandleBar> byInstrument : bars)
        {
            for (final CandleBar rolled : byInstrument.values())
            {
                if (!rolled.isClosed() && rolled.hasPrices() && rolled.closeTimeNanos() <= timeNanos &&
                    (venue == null || rolled.venue() == venue))
                {
                    emit(rolled);
                }
            }
        }
    }

    /**
     * Closes and hands out the instrument's rolled-up bars that end at or before {@code timeNanos}: once the short
     * bars have moved on to that time, no bar can still arrive for them.
     */
    public void closeUpTo(final int instrumentId, final long timeNanos)
    {
        for (final Int2ObjectHashMap<CandleBar> byInstrument : bars)
        {
            final CandleBar rolled = byInstrument.get(instrumentId);
            if (rolled != null && !rolled.isClosed() && rolled.hasPrices() && rolled.closeTimeNanos() <= timeNanos)
            {
                emit(rolled);
            }
        }
    }

    /** Closes and hands out every forming rolled-up bar. */
    public void closeAll()
    {
        closeUpTo(null, Long.MAX_VALUE);
    }

    /** The forming bar of an instrument for a target interval, or null; do not modify it. */
    public CandleBar forming(final int instrumentId, final CandleInterval target)
    {
        for (int i = 0; i < targets.length; i++)
        {
            if (targets[i] == target)
            {
                final CandleBar rolled = bars[i].get(instrumentId);
                return rolled == null || rolled.isClosed() || !rolled.hasPrices() ? null : rolled;
            }
        }
        return null;
    }

    /**
     * The instrument's bar for the {@code target}-th interval (in the order given to the constructor) as it stands,
     * forming or closed, or null.
     */
    public CandleBar state(final int instrumentId, final int target)
    {
        return bars[target].get(instrumentId);
    }

    /** Puts a copy of a bar saved from {@link #state} back, replacing what the instrument had at its interval. */
    public void restore(final CandleBar saved)
    {
        for (int i = 0; i < targets.length; i++)
        {
            if (targets[i] == saved.interval())
            {
                CandleBar rolled = bars[i].get(saved.instrumentId());
                if (rolled == null)
                {
                    rolled = new CandleBar();
                    bars[i].put(saved.instrumentId(), rolled);
                }
                rolled.copyFrom(saved);
                return;
            }
        }
        throw new IllegalArgumentException("this roll-up does not build " + saved.interval() + " bars");
    }

    /** Forgets every bar. */
    public void clear()
    {
        for (final Int2ObjectHashMap<CandleBar> byInstrument : bars)
        {
            byInstrument.clear();
        }
    }

    /** Bars dropped because they were older than the forming (or already closed) bucket. */
    public long lateBars()
    {
        return lateBars;
    }

    private void emit(final CandleBar rolled)
    {
        rolled.closed(true);
        listener.onCandle(rolled);
    }
}
