package zvt.crypto.core.candle;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import zvt.crypto.core.codec.BooleanType;
import zvt.crypto.core.codec.CandleDecoder;
import zvt.crypto.core.codec.CandleEncoder;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.CandleSource;
import zvt.crypto.core.codec.DecimalDecoder;
import zvt.crypto.core.codec.DecimalEncoder;
import zvt.crypto.core.codec.MessageHeaderDecoder;
import zvt.crypto.core.codec.MessageHeaderEncoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.decimal.MutableDecimal;

/**
 * One OHLCV bar of one instrument, mutable and reused: built from trades ({@link #addTrade}), from shorter bars
 * ({@link #merge}), from a venue's kline (the setters) or from a journaled Candle event ({@link #readFrom}), and
 * written as a Candle event ({@link #encode}).
 * <p>
 * Conventions: {@code openTimeNanos} is the bucket start and {@code closeTimeNanos} the exclusive end
 * ({@code open + interval}); prices keep the exponent the venue wrote; volume and quote volume are exact sums.
 * A venue that does not report the quote volume or the trade count leaves them unknown, and they are written as the
 * schema's null values ({@link DecimalEncoder#mantissaNullValue()}, {@link CandleEncoder#tradeCountNullValue()}).
 * The event's exchange time is the last trade's time for trade-built bars, the open time for venue klines.
 * <p>
 * Not thread-safe.
 */
public final class CandleBar
{
    public static final long UNKNOWN_TRADE_COUNT = CandleEncoder.tradeCountNullValue();
    private static final int PRICE_STATE_LENGTH = 9;

    private final DecimalSum volume = new DecimalSum();
    private final DecimalSum quoteVolume = new DecimalSum();
    private final MutableDecimal scratch = new MutableDecimal();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final CandleEncoder encoder = new CandleEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final CandleDecoder decoder = new CandleDecoder();

    private int instrumentId;
    private Venue venue;
    private CandleInterval interval;
    private CandleSource source;
    private long openTimeNanos;
    private long closeTimeNanos;
    private long exchangeTimeNanos;
    private long receiveTimeNanos;
    private long openMantissa;
    private int openExponent;
    private long highMantissa;
    private int highExponent;
    private long lowMantissa;
    private int lowExponent;
    private long closeMantissa;
    private int closeExponent;
    private long tradeCount;
    private boolean quoteVolumeKnown;
    private boolean hasPrices;
    private boolean closed;

    /** Starts an empty bar for the bucket beginning at {@code openTimeNanos}. */
    public CandleBar start(
        final int instrumentId,
        final Venue venue,
        final CandleInterval interval,
        final CandleSource source,
        final long openTimeNanos)
    {
        this.instrumentId = instrumentId;
        this.venue = venue;
        this.interval = interval;
        this.source = source;
        this.openTimeNanos = openTimeNanos;
        this.closeTimeNanos = openTimeNanos + CandleIntervals.nanos(interval);
        exchangeTimeNanos = openTimeNanos;
        receiveTimeNanos = 0;
        openMantissa = 0;
        openExponent = 0;
        highMantissa = 0;
        highExponent = 0;
        lowMantissa = 0;
        lowExponent = 0;
        closeMantissa = 0;
        closeExponent = 0;
        tradeCount = 0;
        quoteVolumeKnown = true;
        hasPrices = false;
        closed = false;
        volume.reset();
        quoteVolume.reset();
        return this;
    }

    /** Adds one trade (positive price and size); the first sets the open, the last the close. */
    public CandleBar addTrade(
        final long exchangeTimeNanos,
        final long receiveTimeNanos,
        final long priceMantissa,
        final int priceExponent,
        final long sizeMantissa,
        final int sizeExponent)
    {
        price(priceMantissa, priceExponent, priceMantissa, priceExponent, priceMantissa, priceExponent);
        closeMantissa = priceMantissa;
        closeExponent = priceExponent;
        volume.add(sizeMantissa, sizeExponent);
        quoteVolume.addProduct(priceMantissa, priceExponent, sizeMantissa, sizeExponent);
        if (tradeCount != UNKNOWN_TRADE_COUNT)
        {
            tradeCount++;
        }
        this.exchangeTimeNanos = Math.max(this.exchangeTimeNanos, exchangeTimeNanos);
        this.receiveTimeNanos = Math.max(this.receiveTimeNanos, receiveTimeNanos);
        return this;
    }

    /** Folds a later, shorter bar of the same instrument into this one (bars must arrive in time order). */
    public CandleBar merge(final CandleBar bar)
    {
        if (bar.hasPrices)
        {
            price(bar.openMantissa, bar.openExponent, bar.highMantissa, bar.highExponent, bar.lowMantissa,
                bar.lowExponent);
            closeMantissa = bar.closeMantissa;
            closeExponent = bar.closeExponent;
        }
        volume.add(bar.volume);
        quoteVolume.add(bar.quoteVolume);
        quoteVolumeKnown &= bar.quoteVolumeKnown;
        tradeCount = tradeCount == UNKNOWN_TRADE_COUNT || bar.tradeCount == UNKNOWN_TRADE_COUNT ?
            UNKNOWN_TRADE_COUNT : tradeCount + bar.tradeCount;
        exchangeTimeNanos = Math.max(exchangeTimeNanos, bar.exchangeTimeNanos);
        receiveTimeNanos = Math.max(receiveTimeNanos, bar.receiveTimeNanos);
        return this;
    }

    /** Sets the prices of a venue kline (after {@link #start}). */
    public CandleBar prices(
        final long openMantissa, final int openExponent,
        final long highMantissa, final int highExponent,
        final long lowMantissa, final int lowExponent,
        final long closeMantissa, final int closeExponent)
    {
        this.openMantissa = openMantissa;
        this.openExponent = openExponent;
        this.highMantissa = highMantissa;
        this.highExponent = highExponent;
        this.lowMantissa = lowMantissa;
        this.lowExponent = lowExponent;
        this.closeMantissa = closeMantissa;
        this.closeExponent = closeExponent;
        hasPrices = true;
        return this;
    }

    /** Sets the volume of a venue kline (replaces the sum). */
    public CandleBar volume(final long mantissa, final int exponent)
    {
        volume.reset().add(mantissa, exponent);
        return this;
    }

    /** Sets the quote volume of a venue kline (replaces the sum and marks it known). */
    public CandleBar quoteVolume(final long mantissa, final int exponent)
    {
        quoteVolume.reset().add(mantissa, exponent);
        quoteVolumeKnown = true;
        return this;
    }

    /** The venue does not report the quote volume. */
    public CandleBar quoteVolumeUnknown()
    {
        quoteVolume.reset();
        quoteVolumeKnown = false;
        return this;
    }

    /** Sets the trade count, or {@link #UNKNOWN_TRADE_COUNT}. */
    public CandleBar tradeCount(final long tradeCount)
    {
        this.tradeCount = tradeCount;
        return this;
    }

    public CandleBar closed(final boolean closed)
    {
        this.closed = closed;
        return this;
    }

    public CandleBar exchangeTimeNanos(final long exchangeTimeNanos)
    {
        this.exchangeTimeNanos = exchangeTimeNanos;
        return this;
    }

    public CandleBar receiveTimeNanos(final long receiveTimeNanos)
    {
        this.receiveTimeNanos = receiveTimeNanos;
        return this;
    }

    public CandleBar copyFrom(final CandleBar other)
    {
        instrumentId = other.instrumentId;
        venue = other.venue;
        interval = other.interval;
        source = other.source;
        openTimeNanos = other.openTimeNanos;
        closeTimeNanos = other.closeTimeNanos;
        exchangeTimeNanos = other.exchangeTimeNanos;
        receiveTimeNanos = other.receiveTimeNanos;
        openMantissa = other.openMantissa;
        openExponent = other.openExponent;
        highMantissa = other.highMantissa;
        highExponent = other.highExponent;
        lowMantissa = other.lowMantissa;
        lowExponent = other.lowExponent;
        closeMantissa = other.closeMantissa;
        closeExponent = other.closeExponent;
        tradeCount = other.tradeCount;
        quoteVolumeKnown = other.quoteVolumeKnown;
        hasPrices = other.hasPrices;
        closed = other.closed;
        volume.copyFrom(other.volume);
        quoteVolume.copyFrom(other.quoteVolume);
        return this;
    }

    /**
     * Writes this bar as a Candle event (message header included) at {@code offset}.
     *
     * @return the number of bytes written.
     */
    public int encode(final MutableDirectBuffer buffer, final int offset)
    {
        encoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .receiveTimeNanos(receiveTimeNanos)
            .exchangeTimeNanos(exchangeTimeNanos)
            .instrumentId(instrumentId)
            .venue(venue)
            .interval(interval)
            .closed(closed ? BooleanType.TRUE : BooleanType.FALSE)
            .source(source)
            .openTimeNanos(openTimeNanos)
            .closeTimeNanos(closeTimeNanos);
        encoder.openPrice().mantissa(openMantissa).exponent((byte)openExponent);
        encoder.highPrice().mantissa(highMantissa).exponent((byte)highExponent);
        encoder.lowPrice().mantissa(lowMantissa).exponent((byte)lowExponent);
        encoder.closePrice().mantissa(closeMantissa).exponent((byte)closeExponent);
        volume.toDecimal(scratch);
        encoder.volume().mantissa(scratch.mantissa()).exponent((byte)scratch.exponent());
        if (quoteVolumeKnown)
        {
            quoteVolume.toDecimal(scratch);
            encoder.quoteVolume().mantissa(scratch.mantissa()).exponent((byte)scratch.exponent());
        }
        else
        {
            encoder.quoteVolume().mantissa(DecimalEncoder.mantissaNullValue()).exponent((byte)0);
        }
        encoder.tradeCount(tradeCount);
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    /**
     * Writes everything this bar holds, exactly (volumes unrounded), so that {@link #readState} continues it as if
     * nothing had happened: the database writer checkpoints forming bars this way.
     *
     * @return bytes written.
     */
    public int writeState(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putInt(offset, instrumentId);
        buffer.putByte(offset + 4, (byte)venue.value());
        buffer.putByte(offset + 5, (byte)interval.value());
        buffer.putByte(offset + 6, (byte)source.value());
        buffer.putByte(offset + 7, (byte)((quoteVolumeKnown ? 1 : 0) | (hasPrices ? 2 : 0) | (closed ? 4 : 0)));
        buffer.putLong(offset + 8, openTimeNanos);
        buffer.putLong(offset + 16, exchangeTimeNanos);
        buffer.putLong(offset + 24, receiveTimeNanos);
        buffer.putLong(offset + 32, tradeCount);
        int at = putPrice(buffer, offset + 40, openMantissa, openExponent);
        at = putPrice(buffer, at, highMantissa, highExponent);
        at = putPrice(buffer, at, lowMantissa, lowExponent);
        at = putPrice(buffer, at, closeMantissa, closeExponent);
        at += volume.writeState(buffer, at);
        at += quoteVolume.writeState(buffer, at);
        return at - offset;
    }

    /**
     * Restores a bar written by {@link #writeState}.
     *
     * @return bytes read.
     */
    public int readState(final DirectBuffer buffer, final int offset)
    {
        start(buffer.getInt(offset), Venue.get((short)(buffer.getByte(offset + 4) & 0xFF)),
            CandleInterval.get((short)(buffer.getByte(offset + 5) & 0xFF)),
            CandleSource.get((short)(buffer.getByte(offset + 6) & 0xFF)), buffer.getLong(offset + 8));
        final byte flags = buffer.getByte(offset + 7);
        quoteVolumeKnown = (flags & 1) != 0;
        hasPrices = (flags & 2) != 0;
        closed = (flags & 4) != 0;
        exchangeTimeNanos = buffer.getLong(offset + 16);
        receiveTimeNanos = buffer.getLong(offset + 24);
        tradeCount = buffer.getLong(offset + 32);
        int at = offset + 40;
        openMantissa = buffer.getLong(at);
        openExponent = buffer.getByte(at + 8);
        highMantissa = buffer.getLong(at + 9);
        highExponent = buffer.getByte(at + 17);
        lowMantissa = buffer.getLong(at + 18);
        lowExponent = buffer.getByte(at + 26);
        closeMantissa = buffer.getLong(at + 27);
        closeExponent = buffer.getByte(at + 35);
        at += 4 * PRICE_STATE_LENGTH;
        at += volume.readState(buffer, at);
        at += quoteVolume.readState(buffer, at);
        return at - offset;
    }

    /** Loads a journaled Candle event (message header included) at {@code offset} into this bar. */
    public CandleBar readFrom(final DirectBuffer buffer, final int offset)
    {
        headerDecoder.wrap(buffer, offset);
        decoder.wrap(buffer, offset + MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(),
            headerDecoder.version());
        start(decoder.instrumentId(), decoder.venue(), decoder.interval(), decoder.source(), decoder.openTimeNanos());
        closeTimeNanos = decoder.closeTimeNanos();
        exchangeTimeNanos = decoder.exchangeTimeNanos();
        receiveTimeNanos = decoder.receiveTimeNanos();
        closed = decoder.closed() == BooleanType.TRUE;
        final DecimalDecoder open = decoder.openPrice();
        final long om = open.mantissa();
        final int oe = open.exponent();
        final DecimalDecoder high = decoder.highPrice();
        final long hm = high.mantissa();
        final int he = high.exponent();
        final DecimalDecoder low = decoder.lowPrice();
        final long lm = low.mantissa();
        final int le = low.exponent();
        final DecimalDecoder close = decoder.closePrice();
        prices(om, oe, hm, he, lm, le, close.mantissa(), close.exponent());
        final DecimalDecoder vol = decoder.volume();
        volume(vol.mantissa(), vol.exponent());
        final DecimalDecoder quote = decoder.quoteVolume();
        if (quote.mantissa() == DecimalEncoder.mantissaNullValue())
        {
            quoteVolumeUnknown();
        }
        else
        {
            quoteVolume(quote.mantissa(), quote.exponent());
        }
        tradeCount = decoder.tradeCount();
        return this;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public Venue venue()
    {
        return venue;
    }

    public CandleInterval interval()
    {
        return interval;
    }

    public CandleSource source()
    {
        return source;
    }

    public long openTimeNanos()
    {
        return openTimeNanos;
    }

    /** Exclusive end of the bucket. */
    public long closeTimeNanos()
    {
        return closeTimeNanos;
    }

    public long exchangeTimeNanos()
    {
        return exchangeTimeNanos;
    }

    public long receiveTimeNanos()
    {
        return receiveTimeNanos;
    }

    /** False for a bar with no trade (and no kline prices) yet. */
    public boolean hasPrices()
    {
        return hasPrices;
    }

    public boolean isClosed()
    {
        return closed;
    }

    public long openMantissa()
    {
        return openMantissa;
    }

    public int openExponent()
    {
        return openExponent;
    }

    public long highMantissa()
    {
        return highMantissa;
    }

    public int highExponent()
    {
        return highExponent;
    }

    public long lowMantissa()
    {
        return lowMantissa;
    }

    public int lowExponent()
    {
        return lowExponent;
    }

    public long closeMantissa()
    {
        return closeMantissa;
    }

    public int closeExponent()
    {
        return closeExponent;
    }

    /** The exact base volume; narrow it with {@link DecimalSum#toDecimal}. */
    public DecimalSum volume()
    {
        return volume;
    }

    /** The exact quote volume (sum of price times size); meaningless when {@link #isQuoteVolumeKnown()} is false. */
    public DecimalSum quoteVolume()
    {
        return quoteVolume;
    }

    public boolean isQuoteVolumeKnown()
    {
        return quoteVolumeKnown;
    }

    /** Number of trades, or {@link #UNKNOWN_TRADE_COUNT}. */
    public long tradeCount()
    {
        return tradeCount;
    }

    public String toString()
    {
        return "CandleBar{" + venue + ' ' + instrumentId + ' ' + interval + ' ' + source + " open=" + openTimeNanos +
            " o=" + AsciiDecimal.toString(openMantissa, openExponent) +
            " h=" + AsciiDecimal.toString(highMantissa, highExponent) +
            " l=" + AsciiDecimal.toString(lowMantissa, lowExponent) +
            " c=" + AsciiDecimal.toString(closeMantissa, closeExponent) +
            " v=" + volume + " q=" + (quoteVolumeKnown ? quoteVolume.toString() : "?") + " n=" + tradeCount + '}';
    }

    private static int putPrice(final MutableDirectBuffer buffer, final int offset, final long mantissa,
        final int exponent)
    {
        buffer.putLong(offset, mantissa);
        buffer.putByte(offset + 8, (byte)exponent);
        return offset + PRICE_STATE_LENGTH;
    }

    /** The first call sets the open; every call widens high and low. */
    private void price(
        final long openMantissa, final int openExponent,
        final long highMantissa, final int highExponent,
        final long lowMantissa, final int lowExponent)
    {
        if (!hasPrices)
        {
            this.openMantissa = openMantissa;
            this.openExponent = openExponent;
            this.highMantissa = highMantissa;
            this.highExponent = highExponent;
            this.lowMantissa = lowMantissa;
            this.lowExponent = lowExponent;
            hasPrices = true;
        }
        else
        {
            if (Decimals.compare(highMantissa, highExponent, this.highMantissa, this.highExponent) > 0)
            {
                this.highMantissa = highMantissa;
                this.highExponent = highExponent;
            }
            if (Decimals.compare(lowMantissa, lowExponent, this.lowMantissa, this.lowExponent) < 0)
            {
                this.lowMantissa = lowMantissa;
                this.lowExponent = lowExponent;
            }
        }
    }
}
