package zvt.crypto.core.book;

import com.lmax.disruptor.EventHandler;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.codec.BookUpdateDecoder;
import zvt.crypto.core.codec.BookUpdateKind;
import zvt.crypto.core.codec.BooleanType;
import zvt.crypto.core.codec.MessageHeaderDecoder;
import zvt.crypto.core.codec.VenueStatusCode;
import zvt.crypto.core.codec.VenueStatusDecoder;
import zvt.crypto.core.event.MarketEvent;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Maintains one {@link OrderBook} per instrument from the event stream (a ring consumer, or a journal replay): the
 * same function of the journal wherever it runs.
 * <ul>
 *     <li>BookUpdate SNAPSHOT: the first event of a batch empties the book; each event sets its levels; the event
 *     flagged {@code lastInBatch} makes the book good as of its {@code lastSequence}.</li>
 *     <li>BookUpdate DELTA: sets the absolute sizes (0 removes) if the book is good; while it is stale deltas are
 *     skipped (counted), since they cannot make it good.</li>
 *     <li>VenueStatus GAP_DETECTED for an instrument: the book is stale until the next snapshot completes.
 *     (RESYNCED follows that snapshot and is informational here.)</li>
 *     <li>A level that cannot be held exactly marks the book stale (counted): never served wrong.</li>
 * </ul>
 * Connection-wide statuses (instrument 0) do not touch books: a feed reports every book it can no longer follow
 * with its own GAP_DETECTED, so an overlapping or sharded connection going away cannot stale a book another
 * connection still keeps.
 * <p>
 * Not thread-safe: books are updated and must be read on the handler's thread (e.g. in the listener); the counters
 * may be read from any thread.
 */
public final class OrderBookEventHandler implements EventHandler<MarketEvent>
{
    private final Int2ObjectHashMap<OrderBook> books = new Int2ObjectHashMap<>();
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BookUpdateDecoder update = new BookUpdateDecoder();
    private final VenueStatusDecoder status = new VenueStatusDecoder();
    private final OrderBookListener listener;
    private final AtomicLong skippedWhileStale = new AtomicLong();
    private final AtomicLong rejectedLevels = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();

    public OrderBookEventHandler(final OrderBookListener listener)
    {
        this.listener = listener;
    }

    public OrderBookEventHandler()
    {
        this(book -> {});
    }

    public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
    {
        if (event.isEmpty())
        {
            return;
        }
        onMessage(event.buffer(), 0);
    }

    /** Applies one SBE message (header included) at {@code offset}; other message types are ignored. */
    public void onMessage(final UnsafeBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        if (templateId == BookUpdateDecoder.TEMPLATE_ID)
        {
            update.wrapAndApplyHeader(buffer, offset, header);
            onBookUpdate();
        }
        else if (templateId == VenueStatusDecoder.TEMPLATE_ID)
        {
            status.wrapAndApplyHeader(buffer, offset, header);
            if (status.status() == VenueStatusCode.GAP_DETECTED && status.instrumentId() != 0)
            {
                gaps.setRelease(gaps.getPlain() + 1);
                final OrderBook book = bookFor(status.instrumentId());
                book.markStale();
                listener.onBookChanged(book);
            }
        }
    }

    /** The book of an instrument, or null if no event has named it yet. */
    public OrderBook bookOrNull(final int instrumentId)
    {
        return books.get(instrumentId);
    }

    /** Delta events skipped because their book was stale. */
    public long skippedWhileStale()
    {
        return skippedWhileStale.get();
    }

    /** Levels that could not be held exactly (the book was marked stale). */
    public long rejectedLevels()
    {
        return rejectedLevels.get();
    }

    /** GAP_DETECTED statuses applied. */
    public long gaps()
    {
        return gaps.get();
    }

    private void onBookUpdate()
    {
        final OrderBook book = bookFor(update.instrumentId());
        final boolean snapshot = update.kind() == BookUpdateKind.SNAPSHOT;
        final boolean last = update.lastInBatch() == BooleanType.TRUE;
        if (snapshot)
        {
            if (!book.inSnapshot)
            {
                book.beginSnapshot();
                book.inSnapshot = true;
            }
        }
        else if (book.isStale() || book.inSnapshot)
        {
            skippedWhileStale.setRelease(skippedWhileStale.getPlain() + 1);
            return;
        }
        final long lastSequence = update.lastSequence();
        boolean exact = true;
        for (final BookUpdateDecoder.LevelsDecoder level : update.levels())
        {
            exact &= book.set(
                level.side(), level.price().mantissa(), level.price().exponent(),
                level.size().mantissa(), level.size().exponent());
        }
        if (!exact)
        {
            rejectedLevels.setRelease(rejectedLevels.getPlain() + 1);
            book.inSnapshot = false;
            book.markStale();
            listener.onBookChanged(book);
            return;
        }
        if (last)
        {
            if (snapshot)
            {
                book.inSnapshot = false;
                book.endSnapshot(lastSequence);
            }
            else
            {
                book.lastSequence(lastSequence);
            }
            listener.onBookChanged(book);
        }
    }

    private OrderBook bookFor(final int instrumentId)
    {
        OrderBook book = books.get(instrumentId);
        if (book == null)
        {
            book = new OrderBook(instrumentId);
            books.put(instrumentId, book);
        }
        return book;
    }
}
