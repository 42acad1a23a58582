package zvt.crypto.persistence;

import com.lmax.disruptor.EventHandler;
import org.agrona.MutableDirectBuffer;

import zvt.crypto.core.codec.BookUpdateEncoder;
import zvt.crypto.core.codec.BookUpdateKind;
import zvt.crypto.core.codec.BooleanType;
import zvt.crypto.core.codec.CandleEncoder;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.codec.CandleSource;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.MessageHeaderEncoder;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.codec.TopOfBookEncoder;
import zvt.crypto.core.codec.TradeEncoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentDefinitionCodec;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalEventHandler;

/**
 * Appends events to a journal on the calling thread through the real {@link JournalEventHandler}, as the ring's
 * journal stage would: instrument definitions, trades (price 100 + i/100, size 0.001 * (1 + i % 7), side by
 * parity, exchange time {@code baseNanos + i ms}), venue candles and book snapshots. Close on the same thread.
 */
public final class TestEvents implements AutoCloseable
{
    public static final Instrument BTC = new Instrument(1, Venue.BINANCE, MarketType.SPOT, "BTCUSDT", "BTC-USDT",
        -2, -5, 1, 1);
    public static final Instrument ETH = new Instrument(2, Venue.BINANCE, MarketType.SPOT, "ETHUSDT", "ETH-USDT",
        -2, -4, 1, 1);
    public static final long BASE_NANOS = 1_767_225_600_000_000_000L; // 2026-01-01T00:00:00Z

    private final JournalEventHandler handler;
    private final EventHandler<MarketEvent> afterJournal;
    private final MarketEvent event = new MarketEvent();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final CandleEncoder candle = new CandleEncoder();
    private final BookUpdateEncoder book = new BookUpdateEncoder();
    private final TopOfBookEncoder top = new TopOfBookEncoder();
    private final InstrumentDefinitionCodec definitions = new InstrumentDefinitionCodec();
    private long sequence;

    private static final ThreadLocal<TradeEncoder> TRADE = ThreadLocal.withInitial(TradeEncoder::new);
    private static final ThreadLocal<MessageHeaderEncoder> HEADER = ThreadLocal.withInitial(MessageHeaderEncoder::new);

    public TestEvents(final Journal journal)
    {
        this(journal, (event, sequence, endOfBatch) -> {});
    }

    /** @param afterJournal gets each event after the journal, as a ring consumer would (one event per batch). */
    public TestEvents(final Journal journal, final EventHandler<MarketEvent> afterJournal)
    {
        handler = new JournalEventHandler(journal);
        this.afterJournal = afterJournal;
    }

    public long define(final Instrument instrument)
    {
        event.reset().length(definitions.encode(instrument, BASE_NANOS, event.buffer(), 0));
        return append();
    }

    /** Trade number {@code i} of the instrument; its venue trade id is {@code i} unless {@code withId} is false. */
    public long trade(final Instrument instrument, final long i, final boolean withId)
    {
        event.reset().length(encodeTrade(event.buffer(), 0, instrument, i, withId));
        return append();
    }

    public static int encodeTrade(
        final MutableDirectBuffer buffer, final int offset, final Instrument instrument, final long i,
        final boolean withId)
    {
        return encodeTrade(buffer, offset, instrument, i, withId, 1_000_000L);
    }

    /** Trade {@code i} at exchange time {@code BASE_NANOS + i * nanosApart}. */
    public static int encodeTrade(
        final MutableDirectBuffer buffer, final int offset, final Instrument instrument, final long i,
        final boolean withId, final long nanosApart)
    {
        TRADE.get().wrapAndApplyHeader(buffer, offset, HEADER.get())
            .receiveTimeNanos(BASE_NANOS + i * nanosApart + 500)
            .exchangeTimeNanos(BASE_NANOS + i * nanosApart)
            .instrumentId(instrument.id())
            .venue(instrument.venue())
            .aggressorSide((i & 1) == 0 ? Side.BUY : Side.SELL);
        final TradeEncoder encoder = TRADE.get();
        encoder.price().mantissa(10_000 + i % 1000).exponent((byte)-2);
        encoder.size().mantissa(100 * (1 + i % 7)).exponent((byte)-5);
        encoder.venueTradeId(withId ? Long.toString(i) : "");
        return MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
    }

    public long candle(
        final Instrument instrument, final CandleSource source, final long openNanos, final long close,
        final boolean closed)
    {
        candle.wrapAndApplyHeader(event.reset().buffer(), 0, header)
            .receiveTimeNanos(openNanos + 60_000_000_000L)
            .exchangeTimeNanos(openNanos + 60_000_000_000L)
            .instrumentId(instrument.id())
            .venue(instrument.venue())
            .interval(CandleInterval.M1)
            .closed(closed ? BooleanType.TRUE : BooleanType.FALSE)
            .source(source)
            .openTimeNanos(openNanos)
            .closeTimeNanos(openNanos + 59_999_999_999L);
        candle.openPrice().mantissa(100).exponent((byte)0);
        candle.highPrice().mantissa(close + 5).exponent((byte)0);
        candle.lowPrice().mantissa(90).exponent((byte)0);
        candle.closePrice().mantissa(close).exponent((byte)0);
        candle.volume().mantissa(12345).exponent((byte)-3);
        candle.quoteVolume().mantissa(1234500).exponent((byte)-3);
        candle.tradeCount(42);
        event.length(MessageHeaderEncoder.ENCODED_LENGTH + candle.encodedLength());
        return append();
    }

    /** One snapshot event with the given bid and ask prices (size 1 each); {@code last} ends the snapshot. */
    public long snapshotPart(
        final Instrument instrument, final long timeNanos, final long[] bids, final long[] asks, final boolean last)
    {
        book.wrapAndApplyHeader(event.reset().buffer(), 0, header)
            .receiveTimeNanos(timeNanos)
            .exchangeTimeNanos(timeNanos)
            .instrumentId(instrument.id())
            .venue(instrument.venue())
            .kind(BookUpdateKind.SNAPSHOT)
            .lastInBatch(last ? BooleanType.TRUE : BooleanType.FALSE)
            .firstSequence(++sequence)
            .lastSequence(sequence);
        final BookUpdateEncoder.LevelsEncoder levels = book.levelsCount(bids.length + asks.length);
        for (final long bid : bids)
        {
            levels.next().side(Side.BUY).price().mantissa(bid).exponent((byte)-1);
            levels.size().mantissa(1).exponent((byte)0);
        }
        for (final long ask : asks)
        {
            levels.next().side(Side.SELL).price().mantissa(ask).exponent((byte)-1);
            levels.size().mantissa(1).exponent((byte)0);
        }
        event.length(MessageHeaderEncoder.ENCODED_LENGTH + book.encodedLength());
        return append();
    }

    /** One delta setting the bid at {@code price}/10 to {@code size} (0 removes it). */
    public long bidDelta(final Instrument instrument, final long timeNanos, final long price, final long size)
    {
        book.wrapAndApplyHeader(event.reset().buffer(), 0, header)
            .receiveTimeNanos(timeNanos)
            .exchangeTimeNanos(timeNanos)
            .instrumentId(instrument.id())
            .venue(instrument.venue())
            .kind(BookUpdateKind.DELTA)
            .lastInBatch(BooleanType.TRUE)
            .firstSequence(++sequence)
            .lastSequence(sequence);
        final BookUpdateEncoder.LevelsEncoder level = book.levelsCount(1).next().side(Side.BUY);
        level.price().mantissa(price).exponent((byte)-1);
        level.size().mantissa(size).exponent((byte)0);
        event.length(MessageHeaderEncoder.ENCODED_LENGTH + book.encodedLength());
        return append();
    }

    /** Top of book: bid {@code bid}/10 and ask {@code ask}/10, size 1 each. */
    public long top(final Instrument instrument, final long timeNanos, final long bid, final long ask)
    {
        top.wrapAndApplyHeader(event.reset().buffer(), 0, header)
            .receiveTimeNanos(timeNanos)
            .exchangeTimeNanos(timeNanos)
            .instrumentId(instrument.id())
            .venue(instrument.venue())
            .sequence(++sequence);
        top.bidPrice().mantissa(bid).exponent((byte)-1);
        top.bidSize().mantissa(1).exponent((byte)0);
        top.askPrice().mantissa(ask).exponent((byte)-1);
        top.askSize().mantissa(1).exponent((byte)0);
        event.length(MessageHeaderEncoder.ENCODED_LENGTH + top.encodedLength());
        return append();
    }

    public JournalEventHandler handler()
    {
        return handler;
    }

    private long append()
    {
        handler.onEvent(event, 0, true);
        try
        {
            afterJournal.onEvent(event, 0, true);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
        return event.journalIndex();
    }

    public void close()
    {
        handler.onShutdown();
    }
}
