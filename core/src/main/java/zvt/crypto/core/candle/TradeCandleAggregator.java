package zvt.crypto.core.candle;

import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.CandleSource;
import zvt.crypto.core.codec.DecimalDecoder;
import zvt.crypto.core.codec.MessageHeaderDecoder;
import zvt.crypto.core.codec.TradeDecoder;
import zvt.crypto.core.codec.Venue;

/**
 * Turns trades into bars (1 minute by default) by <em>event time</em>: a trade belongs to the bucket its exchange
 * time falls in, so the same journal always yields the same candles, however fast or late it is read. One bar per
 * instrument is forming; it closes, and goes to the {@link CandleListener}, when a trade of a later bucket arrives
 * for that instrument or when {@link #closeUpTo} passes its end. Buckets without trades produce no bar.
 * <p>
 * A trade older than the forming bar (late across a reconnect) is counted and dropped: the bar already handed out is
 * never changed. A trade with a non-positive price or a negative size is counted and dropped, logged once.
 * <p>
 * Allocation-free per trade once each instrument has its bar. Not thread-safe: one aggregator per consumer thread
 * (the database writer's tailer, the gateway's candle consumer).
 */
public final class TradeCandleAggregator
{
    private static final Logger LOG = LoggerFactory.getLogger(TradeCandleAggregator.class);

    private final CandleInterval interval;
    private final long intervalNanos;
    private final CandleListener listener;
    private final Int2ObjectHashMap<CandleBar> bars = new Int2ObjectHashMap<>();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final TradeDecoder tradeDecoder = new TradeDecoder();
    private long lateTrades;
    private long rejectedTrades;
    private CandleBar lastBar;

    /** One-minute bars. */
    public TradeCandleAggregator(final CandleListener listener)
    {
        this(CandleInterval.M1, listener);
    }

    public TradeCandleAggregator(final CandleInterval interval, final CandleListener listener)
    {
        this.interval = interval;
        this.intervalNanos = CandleIntervals.nanos(interval);
        this.listener = listener;
    }

    /**
     * Reads one journaled event (message header included) and aggregates it if it is a Trade.
     *
     * @return true when the event was a trade.
     */
    public boolean onEvent(final DirectBuffer buffer, final int offset)
    {
        headerDecoder.wrap(buffer, offset);
        if (headerDecoder.templateId() != TradeDecoder.TEMPLATE_ID ||
            headerDecoder.schemaId() != TradeDecoder.SCHEMA_ID)
        {
            return false;
        }
        tradeDecoder.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
            headerDecoder.version());
        final DecimalDecoder price = tradeDecoder.price();
        final long priceMantissa = price.mantissa();
        final int priceExponent = price.exponent();
        final DecimalDecoder size = tradeDecoder.size();
        onTrade(tradeDecoder.instrumentId(), tradeDecoder.venue(), tradeDecoder.exchangeTimeNanos(),
            tradeDecoder.receiveTimeNanos(), priceMantissa, priceExponent, size.mantissa(), size.exponent());
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
        lastBar = null;
        if (priceMantissa <= 0 || sizeMantissa < 0)
        {
            if (rejectedTrades++ == 0)
            {
                LOG.warn("candle aggregator: dropping trades with a non-positive price or negative size " +
                    "(first: instrument {} price {}e{} size {}e{}); counted from now on",
                    instrumentId, priceMantissa, priceExponent, sizeMantissa, sizeExponent);
            }
            return;
        }
        final long bucket = Math.floorDiv(exchangeTimeNanos, intervalNanos) * intervalNanos;
        CandleBar bar = bars.get(instrumentId);
        lastBar = bar;
        if (bar == null)
        {
            bar = new CandleBar();
            bars.put(instrumentId, bar);
            bar.start(instrumentId, venue, interval, CandleSource.TRADES, bucket);
            lastBar = bar;
        }
        else if (bar.isClosed())
        {
            if (bucket <= bar.openTimeNanos())
            {
                // That bucket was already handed out as complete.
                lateTrades++;
                return;
            }
            bar.start(instrumentId, venue, interval, CandleSource.TRADES, bucket);
        }
        else if (bucket > bar.openTimeNanos())
        {
            emit(bar);
            bar.start(instrumentId, venue, interval, CandleSource.TRADES, bucket);
        }
        else if (bucket < bar.openTimeNanos())
        {
            lateTrades++;
            return;
        }
        bar.addTrade(exchangeTimeNanos, receiveTimeNanos, priceMantissa, priceExponent, sizeMantissa, sizeExponent);
    }

    /** Closes and hands out every forming bar whose bucket ends at or before {@code timeNanos} (event time). */
    public void closeUpTo(final long timeNanos)
    {
        closeUpTo(null, timeNanos);
    }

    /**
     * Closes and hands out the venue's forming bars whose bucket ends at or before {@code timeNanos}, or every venue's
     * when {@code venue} is null.
     */
    public void closeUpTo(final Venue venue, final long timeNanos)
    {
        for (final CandleBar bar : bars.values())
        {
            if (!bar.isClosed() && bar.hasPrices() && bar.closeTimeNanos() <= timeNanos &&
                (venue == null || bar.venue() == venue))
            {
                emit(bar);
            }
        }
    }

    /** Closes and hands out every forming bar (end of a replay or shutdown). */
    public void closeAll()
    {
        closeUpTo(null, Long.MAX_VALUE);
    }

    /** The forming bar of an instrument (for the gateway's live candle), or null; do not modify it. */
    public CandleBar forming(final int instrumentId)
    {
        final CandleBar bar = bars.get(instrumentId);
        return bar == null || bar.isClosed() || !bar.hasPrices() ? null : bar;
    }

    /**
     * The bar of the instrument the last trade was for, as it stands after it (forming or closed), or null when that
     * trade was rejected: {@link #state} without a second lookup.
     */
    public CandleBar lastBar()
    {
        return lastBar;
    }

    /** The instrument's bar as it stands, forming or already closed (its bucket is the lateness mark), or null. */
    public CandleBar state(final int instrumentId)
    {
        return bars.get(instrumentId);
    }

    /** Puts a copy of a bar saved from {@link #state} back, replacing what the instrument had. */
    public void restore(final CandleBar saved)
    {
        CandleBar bar = bars.get(saved.instrumentId());
        if (bar == null)
        {
            bar = new CandleBar();
            bars.put(saved.instrumentId(), bar);
        }
        bar.copyFrom(saved);
    }

    /** Forgets every bar. */
    public void clear()
    {
        bars.clear();
    }

    public CandleInterval interval()
    {
        return interval;
    }

    /** Trades dropped because their bucket was already closed. */
    public long lateTrades()
    {
        return lateTrades;
    }

    /** Trades dropped for a non-positive price or a negative size. */
    public long rejectedTrades()
    {
        return rejectedTrades;
    }

    private void emit(final CandleBar bar)
    {
        bar.closed(true);
        listener.onCandle(bar);
    }
}
