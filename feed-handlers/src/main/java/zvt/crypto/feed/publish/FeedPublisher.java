package zvt.crypto.feed.publish;

import com.lmax.disruptor.RingBuffer;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.Int2ObjectHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.AsciiSymbolTable;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.feed.book.BookFields;
import zvt.crypto.feed.book.BookSync;
import zvt.crypto.feed.book.SyncCounters;
import zvt.crypto.feed.connection.DecodeError;
import zvt.crypto.feed.connection.DecodeErrorLog;
import zvt.crypto.feed.connection.FeedCounters;

import java.util.Locale;

/**
 * What every venue decoder publishes into: the one place trades, quotes, candles and book messages enter the ring,
 * whatever the venue. A decoder fills the reused {@link #trade()}, {@link #top()}, {@link #candle()} or
 * {@link #book()} fields and calls the matching {@code publish} method; duplicates from overlapping sessions are
 * dropped here ({@link DuplicateFilter}) and books are sequenced by the feed's {@link BookSync}.
 * <p>
 * The runner brackets each frame with {@link #beginFrame} and {@link #endFrame}, which accounts the frame exactly
 * once: as a decode error (a decoder called {@link #reject}), an event (something was published or accepted by the
 * book sync), or ignored (a duplicate, a control reply, a heartbeat, a symbol not subscribed). So
 * {@code frames = events + ignored + decodeErrors}.
 * <p>
 * Not thread-safe: one per feed, on the feed's event loop (every connection of the feed shares that loop).
 */
public final class FeedPublisher
{
    private static final Logger LOG = LoggerFactory.getLogger(FeedPublisher.class);
    private static final long NO_SEQUENCE = Long.MIN_VALUE;

    private final Venue venue;
    private final String name;
    private final FeedCounters counters;
    private final SyncCounters syncCounters;
    private final DecodeErrorLog errors;
    private final RingEncoders encoders;
    private final DuplicateFilter duplicates = new DuplicateFilter();
    private final TradeFields trade = new TradeFields();
    private final TopFields top = new TopFields();
    private final CandleFields candle = new CandleFields();
    private final BookFields book = new BookFields();
    private final Int2ObjectHashMap<AsciiSymbolTable> symbolsByGroup = new Int2ObjectHashMap<>();
    private final Long2LongHashMap sessionSequences = new Long2LongHashMap(NO_SEQUENCE);
    private BookSync books;
    private FeedControl control;
    private boolean venueErrorLogged;

    private int session;
    private AsciiSymbolTable symbols;
    private long receiveTimeNanos;
    private boolean accepted;
    private boolean rejected;
    private long frameSequence;

    /**
     * @param venue        whose events these are.
     * @param ring         where events are published.
     * @param counters     frames' outcomes.
     * @param syncCounters duplicates dropped (and the book sync's counters).
     * @param errorReasons the venue's decode errors, indexed by ordinal (its enum's {@code values()}).
     */
    public FeedPublisher(
        final Venue venue,
        final RingBuffer<MarketEvent> ring,
        final FeedCounters counters,
        final SyncCounters syncCounters,
        final DecodeError[] errorReasons)
    {
        this.venue = venue;
        this.name = venue.name().toLowerCase(Locale.ROOT);
        this.counters = counters;
        this.syncCounters = syncCounters;
        this.errors = new DecodeErrorLog(name, errorReasons, counters);
        this.encoders = new RingEncoders(ring, venue);
        this.control = new FeedControl()
        {
            public void rotateAll(final String reason)
            {
            }

            public void resync(final int session, final String reason)
            {
            }
        };
    }

    /** The book sync book messages go to; without one they are ignored. */
    public FeedPublisher books(final BookSync books)
    {
        this.books = books;
        return this;
    }

    public FeedPublisher control(final FeedControl control)
    {
        this.control = control;
        return this;
    }

    /**
     * Routes frames of connections in {@code group} that name {@code venueSymbol} to the instrument (a venue may
     * spell two instruments alike on different connections, e.g. Bybit's spot and linear {@code BTCUSDT}).
     */
    public FeedPublisher addSymbol(final int group, final String venueSymbol, final int instrumentId)
    {
        AsciiSymbolTable table = symbolsByGroup.get(group);
        if (table == null)
        {
            table = new AsciiSymbolTable();
            symbolsByGroup.put(group, table);
        }
        table.put(venueSymbol, instrumentId);
        return this;
    }

    public Venue venue()
    {
        return venue;
    }

    /** Rejected frames by reason; readable from any thread. */
    public DecodeErrorLog errors()
    {
        return errors;
    }

    /** A frame of {@code session}, on a connection of {@code group}, arrived at {@code receiveTimeNanos}. */
    public void beginFrame(final int session, final int group, final long receiveTimeNanos)
    {
        this.session = session;
        this.symbols = symbolsByGroup.get(group);
        this.receiveTimeNanos = receiveTimeNanos;
        accepted = false;
        rejected = false;
        frameSequence = NO_SEQUENCE;
    }

    /** Accounts the frame once, by the first of: rejected, accepted, ignored. */
    public void endFrame()
    {
        if (rejected)
        {
            return; // counted by the error log
        }
        if (accepted)
        {
            counters.incrementEvents();
        }
        else
        {
            counters.incrementIgnored();
        }
    }

    /** @return the instrument the venue symbol names on this frame's connection, or {@link InstrumentRegistry#NO_INSTRUMENT}. */
    public int instrumentId(final DirectBuffer buffer, final int offset, final int length)
    {
        return symbols == null ? InstrumentRegistry.NO_INSTRUMENT : symbols.get(buffer, offset, length);
    }

    public TradeFields trade()
    {
        return trade;
    }

    public TopFields top()
    {
        return top;
    }

    /** Cleared of optional fields ({@link CandleFields#reset()}). */
    public CandleFields candle()
    {
        return candle.reset();
    }

    public BookFields book()
    {
        return book;
    }

    public void publishTrade()
    {
        if (duplicates.isDuplicateTrade(trade))
        {
            countDuplicate();
            return;
        }
        encoders.trade(trade, receiveTimeNanos);
        accepted = true;
    }

    public void publishTop()
    {
        if (duplicates.isDuplicateTop(top))
        {
            countDuplicate();
            return;
        }
        encoders.top(top, receiveTimeNanos);
        accepted = true;
    }

    public void publishCandle()
    {
        if (duplicates.isDuplicateCandle(candle))
        {
            countDuplicate();
            return;
        }
        encoders.candle(candle, receiveTimeNanos);
        accepted = true;
    }

    public void publishBook()
    {
        if (books == null)
        {
            return;
        }
        switch (books.onMessage(session, book, receiveTimeNanos))
        {
            case ACCEPTED -> accepted = true;
            case DUPLICATE, IGNORED -> { }
        }
    }

    /**
     * The frame is malformed: counted by reason (the first of each reason is logged with an excerpt). If its session
     * sequence was already taken ({@link #sessionSequence}), the message is lost without a jump to show it, so the
     * runner resyncs the session as for a jump.
     */
    public void reject(final DecodeError reason, final DirectBuffer buffer, final int offset, final int length)
    {
        if (!rejected)
        {
            rejected = true;
            errors.record(reason, buffer, offset, length);
            if (frameSequence != NO_SEQUENCE)
            {
                control.resync(session, "message " + frameSequence + " of the session sequence was malformed");
            }
        }
    }

    /** The venue answered a request with an error: logged once per feed, then only counted as ignored. */
    public void venueError(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!venueErrorLogged)
        {
            venueErrorLogged = true;
            LOG.warn("{} replied with an error (logged once): {}", name,
                buffer.getStringWithoutLengthUtf8(offset, Math.min(length, DecodeErrorLog.EXCERPT_LENGTH)));
        }
    }

    /** The venue announced it will close its connections: replace them now. */
    public void serverShutdown(final String reason)
    {
        control.rotateAll(reason);
    }

    /**
     * Checks a per-session message sequence that must grow by exactly one (Coinbase {@code sequence_num}); a break
     * makes the runner resync the session.
     *
     * @return false if the message repeats the session's previous one (same sequence): the decoder drops the frame,
     * counted as a duplicate, so a retransmitted message is not journaled twice. A lower sequence (a message that
     * arrives late, after the jump it caused) is still decoded (its trades are new, its book update is dropped by the
     * resyncing book) and does not lower the reference, so the next message is not taken for another jump.
     */
    public boolean sessionSequence(final long sequence)
    {
        final long last = sessionSequences.get(session);
        if (last == NO_SEQUENCE || sequence > last)
        {
            sessionSequences.put(session, sequence);
            frameSequence = sequence;
            if (last != NO_SEQUENCE && sequence != last + 1)
            {
                control.resync(session, "session sequence jumped from " + last + " to " + sequence);
            }
            return true;
        }
        if (sequence == last)
        {
            countDuplicate();
            return false;
        }
        return true; // late: the jump it left was reported when it happened, and the highest stays the reference
    }

    private void countDuplicate()
    {
        syncCounters.incrementDuplicates();
    }
}
