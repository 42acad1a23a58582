package zvt.crypto.persistence.redis;

import java.util.concurrent.TimeUnit;

import com.lmax.disruptor.EventHandler;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.jctools.queues.SpscArrayQueue;

import zvt.crypto.core.book.OrderBook;
import zvt.crypto.core.book.OrderBookEventHandler;
import zvt.crypto.core.candle.CandleBar;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.candle.TradeCandles;
import zvt.crypto.core.codec.CandleEncoder;
import zvt.crypto.core.codec.MessageHeaderEncoder;
import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.event.EventView;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.json.BookJsonRenderer;
import zvt.crypto.core.json.EventJsonRenderer;
import zvt.crypto.persistence.redis.InstrumentState.Field;

/**
 * The ring consumer behind Redis's state hashes. It keeps each instrument's book and trade candles, and at the end
 * of each ring batch renders what changed in it (last trade, top of book, top-N book, forming 1m candle) into the
 * instrument's {@link InstrumentState}, then hands the instrument to the flusher through a bounded SPSC queue. So a
 * burst of a thousand diffs to one book costs one render, and the ring never waits for Redis: the queue holds each
 * instrument at most once and the flusher copies the latest state whenever it gets there.
 * <p>
 * A book is rendered at most once per flusher drain interval ({@link RedisWriter#STATE_DRAIN_MS}): a change within it
 * waits for the first batch end after it, or for the ring's idle timeout (hosted or parking consumers) when nothing
 * more comes. Rendering the top N levels at every batch end was 40 % of the feed loop at 90,000 events/s over 80
 * instruments, for renders the flusher mostly overwrote before it read them.
 * <p>
 * Derived state carries the index of the batch's last journaled event, as on the gateway (docs/PROTOCOL.md).
 * Events the journal failed to append are left out, so Redis shows what a replay of the journal gives.
 * <p>
 * Ring thread only, except the counters. Allocation-free per event once each instrument has its state.
 */
public final class RedisStateHandler implements EventHandler<MarketEvent>
{
    private static final int SMALL_JSON_CAPACITY = 1024;
    private static final int BOOK_JSON_BYTES_PER_LEVEL = 96;
    private static final int TRADE = EventType.TRADE.templateId();
    private static final int TOP = EventType.TOP_OF_BOOK.templateId();
    private static final int CHANGED_TRADE = 1;
    private static final int CHANGED_TOP = 2;
    private static final int CHANGED_BOOK = 4;
    private static final int CHANGED_CANDLE = 8;
    private static final long BOOK_RENDER_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(RedisWriter.STATE_DRAIN_MS);

    private final SpscArrayQueue<InstrumentState> toFlusher;
    private final int bookDepth;
    private final int bookCapacity;
    private final EventJsonRenderer events;
    private final BookJsonRenderer books;
    private final OrderBookEventHandler bookKeeper = new OrderBookEventHandler(this::onBookChanged);
    private final TradeCandles candles = new TradeCandles(bar -> {});
    private final CandleBar forming = new CandleBar();
    private final UnsafeBuffer encodedCandle =
        new UnsafeBuffer(new byte[MessageHeaderEncoder.ENCODED_LENGTH + CandleEncoder.BLOCK_LENGTH]);
    private final Int2ObjectHashMap<Pending> pending = new Int2ObjectHashMap<>();
    private final IntHashSet changedInBatch = new IntHashSet();
    private final AtomicCounter queueFull;
    private long journalIndex = MarketEvent.NO_JOURNAL_INDEX;
    /** The venue of the book event being applied, for the book listener. */
    private int bookVenue;

    /** The ring thread's side of an instrument: the latest raw events of the batch, and what changed. */
    private static final class Pending
    {
        final InstrumentState state;
        final UnsafeBuffer trade = new UnsafeBuffer(new byte[MarketEvent.CAPACITY]);
        final UnsafeBuffer top = new UnsafeBuffer(new byte[MarketEvent.CAPACITY]);
        int venueCode;
        long tradeIndex;
        long topIndex;
        int changed;
        OrderBook book;
        long bookRenderedNanos = Long.MIN_VALUE / 2;

        Pending(final InstrumentState state)
        {
            this.state = state;
        }
    }

    RedisStateHandler(
        final InstrumentRegistry instruments, final SpscArrayQueue<InstrumentState> toFlusher, final int bookDepth,
        final CountersRegistry counters)
    {
        this.queueFull = counters.counter("zvt_redis_state_queue_full",
            "changes the ring consumer could not queue (the queue held too many instruments)");
        this.toFlusher = toFlusher;
        this.bookDepth = bookDepth;
        this.bookCapacity = SMALL_JSON_CAPACITY + 2 * bookDepth * BOOK_JSON_BYTES_PER_LEVEL;
        this.events = new EventJsonRenderer(instruments);
        this.books = new BookJsonRenderer(instruments);
    }

    /** @return the capacity of a book's JSON at the configured depth. */
    int bookCapacity()
    {
        return bookCapacity;
    }

    /** @return instruments whose change could not be queued (the queue held more instruments than it fits). */
    public long queueFull()
    {
        return queueFull.get();
    }

    public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
    {
        if (!event.isEmpty() && event.journalIndex() != MarketEvent.NO_JOURNAL_INDEX)
        {
            onEvent(event.buffer(), event.length(), event.journalIndex());
        }
        if (endOfBatch)
        {
            endOfBatch();
        }
    }

    /** Applies one journaled event (SBE, header first, at offset 0). */
    void onEvent(final UnsafeBuffer buffer, final int length, final long index)
    {
        if (length < EventView.MIN_LENGTH)
        {
            return;
        }
        journalIndex = index;
        final int templateId = EventView.templateId(buffer, 0);
        if (templateId == TRADE)
        {
            final Pending instrument = pending(buffer);
            instrument.trade.putBytes(0, buffer, 0, length);
            instrument.tradeIndex = index;
            instrument.changed |= CHANGED_TRADE;
            if (candles.onEvent(buffer, 0))
            {
                instrument.changed |= CHANGED_CANDLE;
            }
        }
        else if (templateId == TOP)
        {
            final Pending instrument = pending(buffer);
            instrument.top.putBytes(0, buffer, 0, length);
            instrument.topIndex = index;
            instrument.changed |= CHANGED_TOP;
        }
        else
        {
            bookVenue = EventView.venueCode(buffer, 0);
            bookKeeper.onMessage(buffer, 0);
        }
    }

    /** Renders what changed (a book only once its interval has passed) and queues the instruments for the flusher. */
    void endOfBatch()
    {
        if (changedInBatch.isEmpty())
        {
            return;
        }
        final long nowNanos = System.nanoTime();
        final IntHashSet.IntIterator ids = changedInBatch.iterator();
        while (ids.hasNext())
        {
            if (publish(pending.get(ids.nextValue()), nowNanos))
            {
                ids.remove();
            }
        }
    }

    /** The ring is idle: a book change left for later is rendered now. */
    public void onTimeout(final long sequence)
    {
        endOfBatch();
    }

    /** @return false if the instrument's book change waits for its interval (it stays pending). */
    private boolean publish(final Pending instrument, final long nowNanos)
    {
        final boolean bookDue = (instrument.changed & CHANGED_BOOK) == 0 ||
            nowNanos - instrument.bookRenderedNanos >= BOOK_RENDER_INTERVAL_NANOS;
        final int changed = bookDue ? instrument.changed : instrument.changed & ~CHANGED_BOOK;
        instrument.changed = bookDue ? 0 : CHANGED_BOOK;
        if (changed == 0)
        {
            return false;
        }
        final InstrumentState state = instrument.state;
        state.beginWrite();
        if ((changed & CHANGED_TRADE) != 0)
        {
            state.written(Field.TRADE, events.render(instrument.trade, 0, instrument.tradeIndex,
                state.field(Field.TRADE), 0));
        }
        if ((changed & CHANGED_TOP) != 0)
        {
            state.written(Field.TOP, events.render(instrument.top, 0, instrument.topIndex, state.field(Field.TOP), 0));
        }
        if ((changed & CHANGED_BOOK) != 0)
        {
            final OrderBook book = instrument.book;
            state.written(Field.BOOK, book.isServable() ?
                books.snapshot(book, instrument.venueCode, bookDepth, journalIndex, state.field(Field.BOOK), 0) :
                books.stale(book.instrumentId(), instrument.venueCode, journalIndex, state.field(Field.BOOK), 0));
            instrument.bookRenderedNanos = nowNanos;
        }
        if ((changed & CHANGED_CANDLE) != 0 && candles.live(state.instrumentId, CandleInterval.M1, forming) != null)
        {
            forming.encode(encodedCandle, 0);
            state.written(Field.CANDLE, events.render(encodedCandle, 0, journalIndex, state.field(Field.CANDLE), 0));
        }
        if (state.endWrite() && !toFlusher.offer(state))
        {
            state.notQueued();
            queueFull.incrementRelease();
        }
        return bookDue;
    }

    private void onBookChanged(final OrderBook book)
    {
        final Pending instrument = pending(book.instrumentId(), bookVenue);
        instrument.book = book;
        instrument.changed |= CHANGED_BOOK;
    }

    private Pending pending(final UnsafeBuffer event)
    {
        return pending(EventView.instrumentId(event, 0), EventView.venueCode(event, 0));
    }

    private Pending pending(final int instrumentId, final int venueCode)
    {
        Pending instrument = pending.get(instrumentId);
        if (instrument == null)
        {
            instrument = new Pending(new InstrumentState(instrumentId, SMALL_JSON_CAPACITY, bookCapacity));
            pending.put(instrumentId, instrument);
        }
        instrument.venueCode = venueCode;
        changedInBatch.add(instrumentId);
        return instrument;
    }
}
