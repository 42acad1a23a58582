package zvt.crypto.core.candle;

import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.CandleSource;
import zvt.crypto.core.codec.Venue;

/**
 * Every candle built from trades, in one place: 1m bars from a {@link TradeCandleAggregator}, rolled up to 5m, 15m,
 * 1h and 1d by a {@link CandleRollup}. The database writer and the gateway's live candle channel both use this class,
 * so a journal gives them the same bars.
 * <p>
 * Closed bars of every interval go to the listener as they close: when the instrument trades in a later bucket, or
 * when its venue's clock (the latest exchange time of any trade on that venue, at most {@link #MAX_CLOCK_LEAD_NANOS}
 * past its receive time) is {@link #CLOSE_DELAY_NANOS} past the bar's end, so a quiet instrument's bars close on time
 * too. Both depend only on the trades, in journal order, so a
 * replay gives the same bars. A trade for a bucket already closed is late: counted and left out.
 * <p>
 * {@link #live} shows a forming bar of any interval as it stands now (the roll-up so far plus the forming minute).
 * {@link #writeState}/{@link #readState} save and restore an instrument's bars exactly, so a restarted reader
 * continues where the saved state left off, provided it saved every instrument whose bars changed, closed by a venue
 * clock included (the venue clocks need no saving: the next trade moves them past the restored bars again).
 * <p>
 * Allocation-free per trade once each instrument has its bars. Not thread-safe.
 */
public final class TradeCandles
{
    /** The intervals built, 1m first: the order {@link #writeState} writes them in. */
    public static final CandleInterval[] INTERVALS =
        {CandleInterval.M1, CandleInterval.M5, CandleInterval.M15, CandleInterval.H1, CandleInterval.D1};

    /**
     * How far a venue's clock must be past a bar's end before the bar closes without a trade of its own instrument:
     * room for the same venue's trades arriving on another connection that lags, as venues' servers do in bursts.
     * A trade later than that is lost to its candle, so this errs towards waiting.
     */
    public static final long CLOSE_DELAY_NANOS = TimeUnit.SECONDS.toNanos(5);

    /**
     * How far past its receive time a trade's exchange time may move its venue's clock, so one wild timestamp cannot
     * close the venue's bars early. A venue clock further ahead of ours only makes quiet bars close a little later.
     */
    public static final long MAX_CLOCK_LEAD_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final long MINUTE_NANOS = CandleIntervals.nanos(CandleInterval.M1);

    private final TradeCandleAggregator minutes;
    private final CandleRollup rollup;
    private final CandleBar restored = new CandleBar();
    /** By venue ordinal: the latest exchange time of an aggregated trade (its lead on receive time capped). */
    private final long[] venueClockNanos = new long[Venue.values().length];
    /** By venue ordinal: the minute boundary up to which the venue's bars are closed. */
    private final long[] venueClosedToNanos = new long[Venue.values().length];
    private boolean minuteClosed;

    public TradeCandles(final CandleListener listener)
    {
        rollup = new CandleRollup(listener, CandleInterval.M5, CandleInterval.M15, CandleInterval.H1,
            CandleInterval.D1);
        minutes = new TradeCandleAggregator(CandleInterval.M1, bar ->
        {
            minuteClosed = true;
            listener.onCandle(bar);
            rollup.onCandle(bar);
        });
        resetVenueClocks();
    }

    /**
     * Reads one journaled event (message header included) and aggregates it if it is a Trade.
     *
     * @return true when the event was a trade.
     */
    public boolean onEvent(final DirectBuffer buffer, final int offset)
    {
        minuteClosed = false;
        if (!minutes.onEvent(buffer, offset))
        {
            return false;
        }
        afterTrade();
        return true;
    }

    /** Aggregates one trade. */
    public void onTrade(
        final int instrumentId,
        final Venue venue,
        final long exchangeTimeNanos,
        final long receiveTimeNanos,
        final long priceMantissa,
        final int priceExponent,
        final long sizeMantissa,
        final int sizeExponent)
    {
        minuteClosed = false;
        minutes.onTrade(instrumentId, venue, exchangeTimeNanos, receiveTimeNanos, priceMantissa, priceExponent,
            sizeMantissa, sizeExponent);
        afterTrade();
    }

    /**
     * Fills {@code into} with the instrument's forming bar of {@code interval} as it stands: for 5m and up, the
     * closed minutes rolled up so far plus the forming minute.
     *
     * @return {@code into}, or null when nothing is forming for that interval.
     */
    public CandleBar live(final int instrumentId, final CandleInterval interval, final CandleBar into)
    {
        final CandleBar minute = minutes.forming(instrumentId);
        if (interval == CandleInterval.M1)
        {
            return minute == null ? null : into.copyFrom(minute);
        }
        final CandleBar rolled = rollup.forming(instrumentId, interval);
        if (minute == null)
        {
            return rolled == null ? null : into.copyFrom(rolled);
        }
        final long bucket = CandleIntervals.bucketStart(minute.openTimeNanos(), interval);
        if (rolled != null && rolled.openTimeNanos() == bucket)
        {
            into.copyFrom(rolled);
        }
        else
        {
            into.start(instrumentId, minute.venue(), interval, CandleSource.TRADES, bucket);
        }
        return into.merge(minute);
    }

    /**
     * Writes the instrument's bars (forming or last closed, per interval) for {@link #readState}.
     *
     * @return bytes written; 1 when the instrument has no bars.
     */
    public int writeState(final int instrumentId, final MutableDirectBuffer buffer, final int offset)
    {
        int at = offset + 1;
        int count = 0;
        for (int i = 0; i < INTERVALS.length; i++)
        {
            final CandleBar bar = i == 0 ? minutes.state(instrumentId) : rollup.state(instrumentId, i - 1);
            if (bar != null)
            {
                at += bar.writeState(buffer, at);
                count++;
            }
        }
        buffer.putByte(offset, (byte)count);
        return at - offset;
    }

    /**
     * Puts back one instrument's bars written by {@link #writeState}.
     *
     * @return bytes read.
     */
    public int readState(final DirectBuffer buffer, final int offset)
    {
        final int count = buffer.getByte(offset);
        int at = offset + 1;
        for (int i = 0; i < count; i++)
        {
            at += restored.readState(buffer, at);
            if (restored.interval() == CandleInterval.M1)
            {
                minutes.restore(restored);
            }
            else
            {
                rollup.restore(restored);
            }
        }
        return at - offset;
    }

    /** Forgets every bar (before restoring a saved state, or to start over from the beginning of a journal). */
    public void clear()
    {
        minutes.clear();
        rollup.clear();
        resetVenueClocks();
    }

    /** Trades dropped because their minute had already closed. */
    public long lateTrades()
    {
        return minutes.lateTrades();
    }

    /** Trades dropped for a non-positive price or a negative size. */
    public long rejectedTrades()
    {
        return minutes.rejectedTrades();
    }

    private void afterTrade()
    {
        final CandleBar minute = minutes.lastBar();
        if (minute == null)
        {
            return; // the trade was rejected: nothing changed
        }
        if (minuteClosed)
        {
            // A minute closed because a later one began: the instrument's rolled-up bars ending by then are complete.
            minuteClosed = false;
            rollup.closeUpTo(minute.instrumentId(), minute.openTimeNanos());
        }
        // The bar's latest trade, not the trade just seen: a late or rejected trade never moves the clock.
        advanceVenueClock(minute.venue(),
            Math.min(minute.exchangeTimeNanos(), minute.receiveTimeNanos() + MAX_CLOCK_LEAD_NANOS));
    }

    private void advanceVenueClock(final Venue venue, final long timeNanos)
    {
        final int v = venue.ordinal();
        if (timeNanos <= venueClockNanos[v])
        {
            return;
        }
        venueClockNanos[v] = timeNanos;
        final long closeTo = Math.floorDiv(timeNanos - CLOSE_DELAY_NANOS, MINUTE_NANOS) * MINUTE_NANOS;
        if (closeTo > venueClosedToNanos[v])
        {
            venueClosedToNanos[v] = closeTo;
            minutes.closeUpTo(venue, closeTo);
            rollup.closeUpTo(venue, closeTo);
        }
    }

    private void resetVenueClocks()
    {
        Arrays.fill(venueClockNanos, Long.MIN_VALUE);
        Arrays.fill(venueClosedToNanos, Long.MIN_VALUE);
    }
}
