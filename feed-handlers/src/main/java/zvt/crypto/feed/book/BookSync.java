package zvt.crypto.feed.book;

import com.lmax.disruptor.RingBuffer;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.codec.BookUpdateKind;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.codec.VenueStatusCode;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.feed.connection.RateLimitedLog;
import zvt.crypto.feed.connection.ReconnectBackoff;

import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keeps every book of one feed in sequence, the same way for every venue; the venue's {@link BookRule} only says
 * what each decoded message means. A book is <em>good</em> between a snapshot and the next gap:
 * <ul>
 *     <li>a snapshot (in the stream, or from REST with the messages buffered meanwhile replayed after it) is
 *     journaled as BookUpdate SNAPSHOT events, followed by VenueStatus RESYNCED if the book was not good;</li>
 *     <li>deltas that follow are journaled as BookUpdate DELTAs; duplicates and messages older than the snapshot
 *     are dropped; with a {@link BookChecksum}, every message carrying a non-zero checksum is verified first;</li>
 *     <li>a break in the sequence, a checksum mismatch or a lost stream ({@link #onStreamLost}) publishes
 *     VenueStatus GAP_DETECTED (the book is stale for every consumer) and starts the rule's resync: a REST
 *     snapshot (with a jittered, growing delay when it fails or is too old), or a resubscription.</li>
 * </ul>
 * Where snapshots come in the stream, a book follows one session at a time: the one whose snapshot it last took.
 * Deltas from another (overlapping) session are duplicates; that session's own snapshot moves the book to it.
 * <p>
 * Not thread-safe: called on the feed's event loop only (messages, snapshot answers and timers all run there).
 */
public final class BookSync implements SnapshotCallback
{
    /** What became of a message, for the frame's accounting. */
    public enum Outcome
    {
        /** Journaled, buffered for a resync, or dropped as already in the book. */
        ACCEPTED,
        /** Delivered before by an overlapping session. */
        DUPLICATE,
        /** Not a book this feed follows. */
        IGNORED
    }

    public static final int NO_SESSION = 0;
    /** Backlog per instrument while a snapshot is fetched; a slower snapshot restarts the sync. */
    private static final int MAX_BACKLOG_BYTES = 8 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(BookSync.class);

    private final Venue venue;
    private final BookUpdatePublisher books;
    private final ControlEventPublisher status;
    private final ScheduledExecutorService loop;
    private final EpochNanoClock clock;
    private final SyncCounters counters;
    private final Supplier<BookChecksum> checksums;
    private final Int2ObjectHashMap<State> states = new Int2ObjectHashMap<>();
    private final BookFields replayed = new BookFields();
    private final BookFields snapshot = new BookFields();
    private final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(4096);
    private final RateLimitedLog gapLog = new RateLimitedLog(LOG, RateLimitedLog.INTERVAL_MS_DEFAULT);
    private final RateLimitedLog resyncLog = new RateLimitedLog(LOG, RateLimitedLog.INTERVAL_MS_DEFAULT);
    private SnapshotSource snapshots;
    private SnapshotReader snapshotReader;
    private Resubscriber resubscriber = (instrumentId, reason) -> {};

    /**
     * @param venue     whose books these are.
     * @param ring      where BookUpdates go.
     * @param status    publishes GAP_DETECTED and RESYNCED into the same ring.
     * @param loop      the feed's event loop, for timers.
     * @param clock     receive time of REST snapshots.
     * @param counters  gaps, resyncs, snapshots, drops.
     * @param checksums a new checksum per instrument, or null if the venue has none.
     */
    public BookSync(
        final Venue venue,
        final RingBuffer<MarketEvent> ring,
        final ControlEventPublisher status,
        final ScheduledExecutorService loop,
        final EpochNanoClock clock,
        final SyncCounters counters,
        final Supplier<BookChecksum> checksums)
    {
        this.venue = venue;
        this.books = new BookUpdatePublisher(ring);
        this.status = status;
        this.loop = loop;
        this.clock = clock;
        this.counters = counters;
        this.checksums = checksums;
    }

    /** Where REST snapshots come from, for rules that use them. */
    public BookSync restSnapshots(final SnapshotSource snapshots, final SnapshotReader reader)
    {
        this.snapshots = snapshots;
        this.snapshotReader = reader;
        return this;
    }

    public boolean hasRestSnapshots()
    {
        return snapshots != null;
    }

    public BookSync resubscriber(final Resubscriber resubscriber)
    {
        this.resubscriber = resubscriber;
        return this;
    }

    /** Follows the book of {@code instrumentId} by {@code rule}; call before its messages flow (or on the loop). */
    public void addInstrument(final int instrumentId, final String venueSymbol, final BookRule rule)
    {
        states.put(instrumentId, new State(instrumentId, venueSymbol, rule,
            checksums == null ? null : checksums.get()));
    }

    /** True once the instrument's book is good (snapshot applied, no gap since). */
    public boolean isLive(final int instrumentId)
    {
        final State state = states.get(instrumentId);
        return state != null && state.good;
    }

    /** A decoded message of {@code session}, received at {@code receiveTimeNanos}. */
    public Outcome onMessage(final int session, final BookFields message, final long receiveTimeNanos)
    {
        final State state = states.get(message.instrumentId());
        if (state == null)
        {
            return Outcome.IGNORED;
        }
        if (!message.isSnapshot() && state.owner != NO_SESSION && session != state.owner)
        {
            counters.incrementDuplicates();
            return Outcome.DUPLICATE;
        }
        handle(state, session, message, receiveTimeNanos, false);
        return Outcome.ACCEPTED;
    }

    /**
     * The book's stream was just subscribed: if the venue sends its snapshot in the stream and none has come within
     * {@code timeoutMs}, the subscription is taken as lost (a venue that was stuck may have dropped the request) and
     * the stream is subscribed again, with the book's backoff, until a snapshot comes.
     */
    public void awaitSnapshot(final int instrumentId, final long timeoutMs)
    {
        final State state = states.get(instrumentId);
        if (state == null || state.rule.resync() != BookRule.Resync.RESUBSCRIBE)
        {
            return;
        }
        if (state.snapshotCheck != null)
        {
            state.snapshotCheck.cancel(false);
        }
        state.snapshotCheck = loop.schedule(() ->
        {
            state.snapshotCheck = null;
            if (!state.rule.isLive())
            {
                resubscribe(state, "no snapshot within " + timeoutMs + " ms of subscribing");
                awaitSnapshot(instrumentId, timeoutMs);
            }
        }, timeoutMs, TimeUnit.MILLISECONDS);
    }

    /** The stream carrying this book is gone: if it was good it is stale until it resyncs. */
    public void onStreamLost(final int instrumentId, final String reason)
    {
        final State state = states.get(instrumentId);
        if (state == null)
        {
            return;
        }
        discardBacklog(state);
        state.owner = NO_SESSION;
        state.rule.reset();
        if (state.checksum != null)
        {
            state.checksum.clear();
        }
        if (state.good)
        {
            counters.incrementGaps();
            markStale(state, reason);
        }
    }

    public void onSnapshot(final int instrumentId, final DirectBuffer body, final int offset, final int length)
    {
        final State state = states.get(instrumentId);
        if (state == null)
        {
            return;
        }
        state.pending = false;
        if (state.rule.isLive())
        {
            return; // an in-stream snapshot came first
        }
        final long receiveTimeNanos = clock.nanoTime();
        if (!snapshotReader.read(instrumentId, body, offset, length, snapshot))
        {
            retry(state, "unreadable book snapshot");
            return;
        }
        final long snapshotId = snapshot.lastId();
        if (!state.rule.onRestSnapshot(snapshotId))
        {
            retry(state, "snapshot id " + snapshotId + " is older than the buffered messages");
            return;
        }
        state.backoff.onConnected(0);
        state.backoff.onDisconnected(0);
        if (state.checksum != null)
        {
            state.checksum.clear();
            state.checksum.apply(snapshot);
        }
        publishSnapshot(state, snapshot, receiveTimeNanos, "REST snapshot id " + snapshotId);
        replayBacklog(state);
    }

    public void onSnapshotFailed(final int instrumentId, final String reason)
    {
        final State state = states.get(instrumentId);
        if (state != null)
        {
            state.pending = false;
            retry(state, reason);
        }
    }

    private void handle(
        final State state, final int session, final BookFields message, final long receiveTimeNanos,
        final boolean replaying)
    {
        switch (state.rule.onMessage(message))
        {
            case SNAPSHOT ->
            {
                if (checksumFails(state, message, true))
                {
                    onGap(state, "checksum mismatch on snapshot " + message.lastId());
                    return;
                }
                discardBacklog(state);
                state.owner = session;
                publishSnapshot(state, message, receiveTimeNanos, message.lastId() == BookFields.NO_ID ?
                    "snapshot without an id" : "snapshot id " + message.lastId());
            }
            case APPLY ->
            {
                if (checksumFails(state, message, false))
                {
                    onGap(state, "checksum mismatch after id " + message.lastId());
                    return;
                }
                books.publish(venue, state.instrumentId, BookUpdateKind.DELTA, receiveTimeNanos,
                    message.exchangeTimeNanos(), firstSequence(message), journaled(message.lastId()), message.levels());
            }
            case DROP -> counters.incrementDroppedUpdates();
            case BUFFER -> buffer(state, message, receiveTimeNanos, replaying);
            case GAP ->
            {
                onGap(state, state.rule.gapReason(message));
                if (state.rule.resync() == BookRule.Resync.REST_SNAPSHOT)
                {
                    buffer(state, message, receiveTimeNanos, replaying); // the rule buffers again from this message
                }
            }
        }
    }

    /** Verifies the message's checksum if it carries one; the checksum's book follows every accepted message. */
    private boolean checksumFails(final State state, final BookFields message, final boolean snapshot)
    {
        if (state.checksum == null)
        {
            return false;
        }
        if (snapshot)
        {
            state.checksum.clear();
        }
        state.checksum.apply(message);
        return message.hasChecksum() && message.checksum() != 0 && !state.checksum.matches(message.checksum());
    }

    private void publishSnapshot(
        final State state, final BookFields message, final long receiveTimeNanos, final String reason)
    {
        books.publish(venue, state.instrumentId, BookUpdateKind.SNAPSHOT, receiveTimeNanos,
            message.exchangeTimeNanos(), journaled(message.lastId()), journaled(message.lastId()), message.levels());
        cancelTimer(state);
        state.backoff.onConnected(0);
        state.backoff.onDisconnected(0);
        if (!state.good)
        {
            state.good = true;
            counters.incrementResyncs();
            status.publishStatus(venue, state.instrumentId, VenueStatusCode.RESYNCED, reason);
            resyncLog.info("{} book {} resynced ({})", venue, state.venueSymbol, reason);
        }
    }

    private void replayBacklog(final State state)
    {
        final FrameStore store = state.store;
        for (int position = store.first(); store.hasFrame(position); position = store.next(position))
        {
            final BookFields message = replayed.readFrom(store.frame(position), 0);
            final long receiveTimeNanos = store.receiveTimeNanos(position);
            handle(state, state.owner, message, receiveTimeNanos, true);
            if (!state.rule.isLive())
            {
                // A gap inside the backlog: keep the rest (from this message on) for the next snapshot.
                store.discardBefore(position);
                request(state);
                return;
            }
        }
        store.clear();
    }

    private void buffer(
        final State state, final BookFields message, final long receiveTimeNanos, final boolean replaying)
    {
        final long delayMs = state.rule.restSnapshotDelayMs();
        if (delayMs < 0)
        {
            counters.incrementDroppedUpdates(); // the venue's next in-stream snapshot replaces the book anyway
            return;
        }
        if (replaying)
        {
            return;
        }
        final int length = message.writeTo(scratch, 0);
        if (!state.store.append(receiveTimeNanos, scratch, 0, length))
        {
            // The snapshot is too slow for the backlog: start over from this message with a fresh snapshot later.
            LOG.warn("{} book {}: backlog over {} bytes while waiting for the snapshot; starting over",
                venue, state.venueSymbol, MAX_BACKLOG_BYTES);
            discardBacklog(state);
            state.rule.reset();
            state.rule.onMessage(message);
            state.store.append(receiveTimeNanos, scratch, 0, length);
        }
        if (!state.pending && state.timer == null)
        {
            if (delayMs == 0)
            {
                request(state);
            }
            else
            {
                state.timer = loop.schedule(() ->
                {
                    state.timer = null;
                    if (!state.rule.isLive())
                    {
                        request(state);
                    }
                }, delayMs, TimeUnit.MILLISECONDS);
            }
        }
    }

    private void onGap(final State state, final String reason)
    {
        counters.incrementGaps();
        state.owner = NO_SESSION;
        if (state.checksum != null)
        {
            state.checksum.clear();
        }
        if (state.rule.isLive())
        {
            state.rule.reset();
        }
        if (state.good)
        {
            markStale(state, reason);
        }
        else
        {
            gapLog.warn("{} book {}: gap while resyncing: {}", venue, state.venueSymbol, reason);
        }
        if (state.rule.resync() == BookRule.Resync.RESUBSCRIBE)
        {
            resubscribe(state, reason);
        }
    }

    private void markStale(final State state, final String reason)
    {
        state.good = false;
        status.publishStatus(venue, state.instrumentId, VenueStatusCode.GAP_DETECTED, reason);
        gapLog.warn("{} book {} is stale: {}", venue, state.venueSymbol, reason);
    }

    private void resubscribe(final State state, final String reason)
    {
        if (state.timer != null)
        {
            return; // one is already scheduled
        }
        final long delayMs = state.backoff.nextDelayMs();
        state.timer = loop.schedule(() ->
        {
            state.timer = null;
            if (!state.good)
            {
                resubscriber.resubscribe(state.instrumentId, reason);
            }
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    private void request(final State state)
    {
        if (snapshots == null)
        {
            return;
        }
        state.pending = true;
        counters.incrementSnapshotRequests();
        snapshots.requestSnapshot(state.instrumentId, state.venueSymbol, this);
    }

    private void retry(final State state, final String reason)
    {
        counters.incrementSnapshotFailures();
        final long delayMs = state.backoff.nextDelayMs();
        gapLog.warn("{} book {}: {}; fetching a new snapshot in {} ms", venue, state.venueSymbol, reason, delayMs);
        cancelTimer(state);
        state.timer = loop.schedule(() ->
        {
            state.timer = null;
            request(state);
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    private void discardBacklog(final State state)
    {
        counters.addDiscardedUpdates(state.store.count());
        state.store.clear();
    }

    private static void cancelTimer(final State state)
    {
        if (state.timer != null)
        {
            state.timer.cancel(false);
            state.timer = null;
        }
    }

    private static long firstSequence(final BookFields message)
    {
        return message.firstId() != BookFields.NO_ID ? message.firstId() :
            message.previousId() != BookFields.NO_ID ? message.previousId() + 1 : journaled(message.lastId());
    }

    /** The sequence a BookUpdate carries: the venue's id, or 0 where its messages have none (OKX 2021-22 books). */
    private static long journaled(final long id)
    {
        return id == BookFields.NO_ID ? 0 : id;
    }

    private static final class State
    {
        final int instrumentId;
        final String venueSymbol;
        final BookRule rule;
        final BookChecksum checksum;
        final FrameStore store = new FrameStore(MAX_BACKLOG_BYTES);
        final ReconnectBackoff backoff = new ReconnectBackoff(250, 30_000, 0, new SplittableRandom());
        boolean good;
        boolean pending;
        int owner = NO_SESSION;
        ScheduledFuture<?> timer;
        ScheduledFuture<?> snapshotCheck;

        State(final int instrumentId, final String venueSymbol, final BookRule rule, final BookChecksum checksum)
        {
            this.instrumentId = instrumentId;
            this.venueSymbol = venueSymbol;
            this.rule = rule;
            this.checksum = checksum;
        }
    }
}
