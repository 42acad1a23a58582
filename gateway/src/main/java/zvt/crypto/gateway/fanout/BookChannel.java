package zvt.crypto.gateway.fanout;

import java.util.ArrayList;
import java.util.List;

import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.IntHashSet;
import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.book.OrderBook;
import zvt.crypto.core.book.OrderBookEventHandler;
import zvt.crypto.core.book.PriceLevels;
import zvt.crypto.core.codec.BookUpdateDecoder;
import zvt.crypto.core.codec.BooleanType;
import zvt.crypto.core.codec.BookUpdateKind;
import zvt.crypto.core.codec.MessageHeaderDecoder;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.event.EventView;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.json.BookJsonRenderer;

/**
 * The "book" channel's books: core's {@link OrderBookEventHandler} keeps every instrument's book from the journaled
 * events on the fan-out thread, so a subscriber gets a consistent snapshot first, then the deltas after it:
 * <ul>
 *   <li>On subscribe, a {@code book_snapshot} of the book as of the last event the fan-out handled, with that
 *       event's journal index and the book's venue sequence. Every delta sent afterwards has a higher journal index:
 *       a client applies the deltas whose {@code journalIndex} is above the snapshot's, nothing to guess.</li>
 *   <li>Deltas go out only while the book is good. The venue's own snapshot parts are not forwarded: they are folded
 *       into the book, and when it is good again its subscribers get one {@code book_snapshot}.</li>
 *   <li>A gap (GAP_DETECTED for the instrument, or a level the book cannot hold exactly) sends
 *       {@code book_status} {@code stale}; a subscriber that joins while the book is stale gets it too. A fresh
 *       snapshot follows once the venue's resync completes.</li>
 * </ul>
 * A subscription limited to a depth ({@link SubscriptionKey#BOOK_DEPTHS}) gets no deltas: it starts with the snapshot
 * cut to that depth, then gets a new one at the end of each ring batch that changed those levels, so a slow or
 * simple client sees the top of the book conflated per batch. It gets the same stale status around gaps.
 * <p>
 * Messages are rendered once into the fan-out's frame buffer and sent to every subscriber through {@link Output},
 * wildcard ({@code "symbol":"*"}) subscribers of the venue included.
 * <p>
 * Fan-out thread only. No allocation per delta; a snapshot is rendered per subscribe and per resync.
 */
final class BookChannel
{
    /** Where rendered book messages go: the fan-out frames the JSON once and writes it. */
    interface Output
    {
        /** To the subscribers of the key and of its venue's wildcard. */
        void send(int jsonLength, long key);

        /**
         * To one subscriber, under the instrument's key: a session that is behind has it held, not sent, and gets the
         * book's state when it catches up ({@link Conflation}).
         */
        void sendTo(int jsonLength, Subscriber subscriber, long key);
    }

    private static final int BOOK_TEMPLATE_ID = EventType.BOOK_UPDATE.templateId();

    private final InstrumentRegistry instruments;
    private final MutableDirectBuffer out;
    private final int outOffset;
    private final SubscriptionRegistry registry;
    private final Output output;
    private final OrderBookEventHandler books = new OrderBookEventHandler(this::onBookChanged);
    private final BookJsonRenderer renderer;
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BookUpdateDecoder update = new BookUpdateDecoder();
    /** The venue of each instrument whose book has been updated, for a venue's wildcard subscribers. */
    private final Int2IntHashMap venueOf = new Int2IntHashMap(-1);
    /** Instruments whose book subscribers hold a good book: a snapshot was sent since the last stale. */
    private final IntHashSet announcedGood = new IntHashSet();
    /** Books stale now after being good, or awaited by a subscriber since before their first snapshot: since when. */
    private final Long2LongHashMap staleSince = new Long2LongHashMap(-1);
    /** Instruments whose book changed in this batch, for the depth views. */
    private final IntHashSet changedInBatch = new IntHashSet();
    /** Per depth-view key: a hash of the levels last sent, so an unchanged view is not sent again. */
    private final Long2LongHashMap sentViewHash = new Long2LongHashMap(0);
    private int venueCode;
    /** Journal index of the last journaled event applied: the point in the journal the books are at. */
    private long journalIndex = MarketEvent.NO_JOURNAL_INDEX;

    /**
     * @param out the buffer messages are rendered into, at {@code outOffset} (room for a frame header before).
     */
    BookChannel(
        final InstrumentRegistry instruments,
        final MutableDirectBuffer out,
        final int outOffset,
        final SubscriptionRegistry registry,
        final Output output)
    {
        this.instruments = instruments;
        this.renderer = new BookJsonRenderer(instruments);
        this.out = out;
        this.outOffset = outOffset;
        this.registry = registry;
        this.output = output;
    }

    /**
     * Applies a journaled event to the books; sends snapshots and stale statuses it causes.
     *
     * @return false for a book update subscribers must not get as it is: a venue snapshot part, or a delta to a
     * book that is not good.
     */
    boolean onEvent(final UnsafeBuffer buffer, final int offset, final long journalIndex)
    {
        this.venueCode = EventView.venueCode(buffer, offset);
        if (journalIndex != MarketEvent.NO_JOURNAL_INDEX)
        {
            this.journalIndex = journalIndex;
        }
        if (EventView.templateId(buffer, offset) != BOOK_TEMPLATE_ID)
        {
            books.onMessage(buffer, offset);
            return true;
        }
        update.wrapAndApplyHeader(buffer, offset, header);
        final int instrumentId = update.instrumentId();
        final boolean delta = update.kind() == BookUpdateKind.DELTA;
        final boolean lastPart = update.lastInBatch() == BooleanType.TRUE;
        final OrderBook before = books.bookOrNull(instrumentId);
        // The venue replaces a book its subscribers hold as good: the node's book is partial until the last part,
        // so subscribers hear it is stale (and get the new snapshot when it is complete); a snapshot in one part
        // replaces it at once, so they just get the new snapshot.
        final boolean replacingGood = !delta && announcedGood.contains(instrumentId) && before != null &&
            !before.receivingSnapshot();
        if (replacingGood && !lastPart)
        {
            announce(before, false);
        }
        venueOf.put(instrumentId, venueCode);
        changedInBatch.add(instrumentId);
        books.onMessage(buffer, offset);
        if (replacingGood && lastPart && announcedGood.contains(instrumentId))
        {
            final long key = SubscriptionKey.of(instrumentId, venueCode, BOOK_TEMPLATE_ID);
            if (registry.hasSubscribers(key))
            {
                output.send(renderSnapshot(books.bookOrNull(instrumentId), venueCode, BookJsonRenderer.ALL_LEVELS), key);
            }
        }
        return delta && announcedGood.contains(instrumentId);
    }

    /** Answers a query for the current book with its snapshot's JSON, or null when the book is not good. */
    void answer(final BookQuery query)
    {
        final OrderBook book = books.bookOrNull(query.instrumentId());
        if (book == null || !announcedGood.contains(query.instrumentId()))
        {
            query.result().complete(null);
            return;
        }
        final int length = renderSnapshot(book, query.venueCode(), query.depth());
        query.result().complete(out.getStringWithoutLengthUtf8(outOffset, length));
    }

    /**
     * A session has just subscribed to the book of an instrument: its snapshot, or that it is stale for now. To a
     * venue's wildcard: the snapshot of each of its good books (the others follow as they become good).
     */
    void onSubscribed(final Subscriber subscriber, final long key)
    {
        final int instrumentId = SubscriptionKey.instrumentId(key);
        final int venueCode = SubscriptionKey.venueCode(key);
        final int depth = depthOf(key);
        if (instrumentId == 0)
        {
            final IntHashSet.IntIterator good = announcedGood.iterator();
            while (good.hasNext())
            {
                final int id = good.nextValue();
                if (venueOf.get(id) == venueCode)
                {
                    final OrderBook book = books.bookOrNull(id);
                    final long instrumentKey = SubscriptionKey.of(id, venueCode, SubscriptionKey.templateId(key));
                    viewSent(instrumentKey, book, depth);
                    output.sendTo(renderSnapshot(book, venueCode, depth), subscriber, instrumentKey);
                }
            }
            return;
        }
        final OrderBook book = books.bookOrNull(instrumentId);
        if (book != null && announcedGood.contains(instrumentId))
        {
            viewSent(key, book, depth);
            output.sendTo(renderSnapshot(book, venueCode, depth), subscriber, key);
            return;
        }
        venueOf.put(instrumentId, venueCode);
        if (!staleSince.containsKey(instrumentId))
        {
            staleSince.put(instrumentId, System.nanoTime());
        }
        output.sendTo(renderStale(instrumentId, venueCode), subscriber, key);
    }

    /**
     * The symbols of the books someone subscribes to (directly or by wildcard) that have been stale for longer than
     * {@code thresholdNanos}, for readiness. Allocates; call rarely.
     */
    List<String> staleSubscribedBooks(final long nowNanos, final long thresholdNanos)
    {
        if (staleSince.isEmpty())
        {
            return List.of();
        }
        final List<String> stale = new ArrayList<>();
        staleSince.forEachLong((id, since) ->
        {
            final int instrumentId = (int)id;
            if (nowNanos - since > thresholdNanos && hasBookSubscribers(instrumentId, venueOf.get(instrumentId)))
            {
                final Instrument instrument = instruments.byIdOrNull(instrumentId);
                stale.add(instrument == null ? "instrument " + instrumentId :
                    instrument.venue().name() + ' ' + instrument.symbol());
            }
        });
        return List.copyOf(stale);
    }

    /**
     * End of a ring batch: each depth view whose levels the batch changed gets a snapshot of that depth, once, with the
     * journal index of the batch's last event.
     */
    void endOfBatch()
    {
        if (changedInBatch.isEmpty())
        {
            return;
        }
        final IntHashSet.IntIterator changed = changedInBatch.iterator();
        while (changed.hasNext())
        {
            final int instrumentId = changed.nextValue();
            final OrderBook book = books.bookOrNull(instrumentId);
            if (book == null || !announcedGood.contains(instrumentId))
            {
                continue;
            }
            final int venue = venueOf.get(instrumentId);
            for (int i = 0; i < SubscriptionKey.BOOK_DEPTHS.length; i++)
            {
                final long key = SubscriptionKey.of(instrumentId, venue, SubscriptionKey.BOOK_DEPTH_TEMPLATE_BASE + i);
                if (!registry.hasSubscribers(key))
                {
                    continue;
                }
                final int depth = SubscriptionKey.BOOK_DEPTHS[i];
                final long hash = levelsHash(book, depth);
                if (sentViewHash.get(key) != hash)
                {
                    sentViewHash.put(key, hash);
                    output.send(renderSnapshot(book, venue, depth), key);
                }
            }
        }
        changedInBatch.clear();
    }

    private void onBookChanged(final OrderBook book)
    {
        final boolean good = !book.isStale() && !book.receivingSnapshot();
        if (good != announcedGood.contains(book.instrumentId()))
        {
            announce(book, good);
        }
    }

    /** The book turned good (a snapshot to its subscribers) or not (a stale status to them and to its views). */
    private void announce(final OrderBook book, final boolean good)
    {
        final int instrumentId = book.instrumentId();
        if (good)
        {
            announcedGood.add(instrumentId);
            staleSince.remove(instrumentId);
        }
        else
        {
            announcedGood.remove(instrumentId);
            staleSince.put(instrumentId, System.nanoTime());
        }
        final long key = SubscriptionKey.of(instrumentId, venueCode, BOOK_TEMPLATE_ID);
        if (registry.hasSubscribers(key))
        {
            final int jsonLength = good ?
                renderSnapshot(book, venueCode, BookJsonRenderer.ALL_LEVELS) : renderStale(instrumentId, venueCode);
            output.send(jsonLength, key);
        }
        for (int i = 0; i < SubscriptionKey.BOOK_DEPTHS.length; i++)
        {
            final long viewKey =
                SubscriptionKey.of(instrumentId, venueCode, SubscriptionKey.BOOK_DEPTH_TEMPLATE_BASE + i);
            sentViewHash.remove(viewKey);
            if (!good && registry.hasSubscribers(viewKey))
            {
                output.send(renderStale(instrumentId, venueCode), viewKey); // the good view follows at batch end
            }
        }
    }

    /** @return true if anyone follows the instrument's book, with deltas or as a depth view. */
    private boolean hasBookSubscribers(final int instrumentId, final int venue)
    {
        if (registry.hasSubscribers(SubscriptionKey.of(instrumentId, venue, BOOK_TEMPLATE_ID)))
        {
            return true;
        }
        for (int i = 0; i < SubscriptionKey.BOOK_DEPTHS.length; i++)
        {
            if (registry.hasSubscribers(
                SubscriptionKey.of(instrumentId, venue, SubscriptionKey.BOOK_DEPTH_TEMPLATE_BASE + i)))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * A depth view's first subscriber has the current levels: the batch-end check starts from them. (Later
     * subscribers of a view already sent leave it be: its other subscribers may be owed what changed.)
     */
    private void viewSent(final long key, final OrderBook book, final int depth)
    {
        if (depth != BookJsonRenderer.ALL_LEVELS && !sentViewHash.containsKey(key))
        {
            sentViewHash.put(key, levelsHash(book, depth));
        }
    }

    private static int depthOf(final long key)
    {
        final int depth = SubscriptionKey.bookDepth(key);
        return depth == 0 ? BookJsonRenderer.ALL_LEVELS : depth;
    }

    private static long levelsHash(final OrderBook book, final int depth)
    {
        return 31 * levelsHash(book.bids(), depth) + levelsHash(book.asks(), depth);
    }

    private static long levelsHash(final PriceLevels levels, final int depth)
    {
        long hash = 1;
        for (int i = 0, n = Math.min(depth, levels.depth()); i < n; i++)
        {
            hash = 31 * (31 * hash + levels.price(i)) + levels.size(i);
        }
        return 31 * hash + Math.min(depth, levels.depth());
    }

    private int renderSnapshot(final OrderBook book, final int venueCode, final int depth)
    {
        return renderer.snapshot(book, venueCode, depth, journalIndex, out, outOffset);
    }

    private int renderStale(final int instrumentId, final int venueCode)
    {
        return renderer.stale(instrumentId, venueCode, journalIndex, out, outOffset);
    }
}
