package zvt.crypto.feed.binance;

import com.lmax.disruptor.RingBuffer;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.codec.BookUpdateKind;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.codec.VenueStatusCode;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.json.JsonCursor;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.feed.connection.DecodeErrorLog;
import zvt.crypto.feed.connection.ReconnectBackoff;
import zvt.crypto.feed.book.BookUpdatePublisher;
import zvt.crypto.feed.book.FrameStore;
import zvt.crypto.feed.book.LevelBuffer;
import zvt.crypto.feed.book.SnapshotCallback;
import zvt.crypto.feed.book.SnapshotSource;
import zvt.crypto.feed.book.SyncCounters;

import java.util.SplittableRandom;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Binance spot diff-depth books, synchronized as Binance documents: diff events are buffered while a REST snapshot
 * is fetched; the snapshot is journaled as BookUpdate SNAPSHOT events, then VenueStatus RESYNCED; then the buffered
 * and live events are journaled as BookUpdate DELTAs as long as they follow {@link DiffDepthSequencer}'s rule.
 * A break publishes VenueStatus GAP_DETECTED (the book is stale for every consumer) and starts over; so does a
 * lost stream ({@link #onStreamLost}). Duplicates ({@code u <= local id}, as overlapping connections deliver)
 * are dropped. A snapshot that fails or is too old is fetched again after a jittered, growing delay.
 * <p>
 * Not thread-safe: called on the feed's event loop only (frames, snapshot answers and retries all run there).
 */
public final class BinanceDepthSync implements SnapshotCallback
{
    private static final Logger LOG = LoggerFactory.getLogger(BinanceDepthSync.class);
    /** Backlog per instrument while a snapshot is fetched; a slower snapshot restarts the sync. */
    private static final int MAX_BACKLOG_BYTES = 8 << 20;

    private final BookUpdatePublisher books;
    private final ControlEventPublisher status;
    private final SnapshotSource snapshots;
    private final ScheduledExecutorService loop;
    private final EpochNanoClock clock;
    private final SyncCounters counters;
    private final DecodeErrorLog errors;
    private final Int2ObjectHashMap<State> states = new Int2ObjectHashMap<>();
    private final BinancePayload replayPayload = new BinancePayload();
    private final BinanceDepthLevels reader = new BinanceDepthLevels();
    private final LevelBuffer levels = new LevelBuffer();

    /**
     * @param ring      where BookUpdates go.
     * @param status    publishes GAP_DETECTED and RESYNCED into the same ring.
     * @param snapshots fetches REST depth snapshots, answering on {@code loop}.
     * @param loop      the feed's event loop, for retries.
     * @param clock     receive time of snapshots.
     * @param counters  gaps, resyncs, snapshots, drops.
     * @param errors    malformed depth frames and snapshots are counted here.
     */
    public BinanceDepthSync(
        final RingBuffer<MarketEvent> ring,
        final ControlEventPublisher status,
        final SnapshotSource snapshots,
        final ScheduledExecutorService loop,
        final EpochNanoClock clock,
        final SyncCounters counters,
        final DecodeErrorLog errors)
    {
        books = new BookUpdatePublisher(ring);
        this.status = status;
        this.snapshots = snapshots;
        this.loop = loop;
        this.clock = clock;
        this.counters = counters;
        this.errors = errors;
    }

    /** Follows the depth of {@code instrumentId}; call before its frames flow (or on the loop). */
    public void addInstrument(final int instrumentId, final String venueSymbol)
    {
        states.put(instrumentId, new State(instrumentId, venueSymbol));
    }

    /** True once the instrument's book is live (snapshot applied, no gap since). */
    public boolean isLive(final int instrumentId)
    {
        final State state = states.get(instrumentId);
        return state != null && state.sequencer.isLive();
    }

    /**
     * A diff-depth frame, already parsed into {@code payload}.
     *
     * @return null if handled (published, buffered or dropped), else why it was rejected.
     */
    BinanceFrameError onDepth(
        final BinancePayload payload,
        final int instrumentId,
        final long receiveTimeNanos,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final State state = states.get(instrumentId);
        if (state == null)
        {
            return null;
        }
        final BinanceFrameError error = readEvent(payload);
        if (error != null)
        {
            return error;
        }
        final long first = payload.id('U');
        final long last = payload.id('u');
        switch (state.sequencer.onUpdate(first, last))
        {
            case APPLY -> publishDelta(payload, instrumentId, receiveTimeNanos, first, last);
            case DROP -> counters.incrementDroppedUpdates();
            case BUFFER -> buffer(state, receiveTimeNanos, buffer, offset, length, first, last);
            case GAP ->
            {
                onGap(state, "expected U=" + state.sequencer.expectedUpdateId() + " got U=" + first + " u=" + last);
                buffer(state, receiveTimeNanos, buffer, offset, length, first, last);
            }
        }
        return null;
    }

    /** The stream carrying this book is gone: if it was live it is stale until it resyncs on the next frames. */
    public void onStreamLost(final int instrumentId, final String reason)
    {
        final State state = states.get(instrumentId);
        if (state == null)
        {
            return;
        }
        counters.addDiscardedUpdates(state.store.count());
        state.store.clear();
        if (state.sequencer.isLive())
        {
            onGap(state, reason);
        }
        state.sequencer.reset();
    }

    public void onSnapshot(final int instrumentId, final DirectBuffer body, final int offset, final int length)
    {
        final State state = states.get(instrumentId);
        if (state == null)
        {
            return;
        }
        state.pending = false;
        final long receiveTimeNanos = clock.nanoTime();
        if (!reader.readSnapshot(body, offset, length, levels))
        {
            errors.record(BinanceFrameError.BAD_LEVELS, body, offset, length);
            retry(state, "unreadable depth snapshot");
            return;
        }
        final long snapshotId = reader.lastUpdateId();
        if (!state.sequencer.onSnapshot(snapshotId))
        {
            retry(state, "snapshot lastUpdateId=" + snapshotId + " is older than the buffered events");
            return;
        }
        state.backoff.onConnected(0);
        state.backoff.onDisconnected(0);
        books.publish(Venue.BINANCE, instrumentId, BookUpdateKind.SNAPSHOT, receiveTimeNanos, 0,
            snapshotId, snapshotId, levels);
        counters.incrementResyncs();
        status.publishStatus(Venue.BINANCE, instrumentId, VenueStatusCode.RESYNCED,
            "snapshot lastUpdateId=" + snapshotId);
        replay(state);
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

    private void replay(final State state)
    {
        final FrameStore store = state.store;
        for (int position = store.first(); store.hasFrame(position); position = store.next(position))
        {
            final DirectBuffer frame = store.frame(position);
            final long receiveTimeNanos = store.receiveTimeNanos(position);
            final BinanceFrameError parseError = replayPayload.parse(frame, 0, frame.capacity());
            final BinanceFrameError error = parseError != null ? parseError : readEvent(replayPayload);
            if (error != null)
            {
                errors.record(error, frame, 0, frame.capacity());
                continue;
            }
            final long first = replayPayload.id('U');
            final long last = replayPayload.id('u');
            switch (state.sequencer.onUpdate(first, last))
            {
                case APPLY -> publishDelta(replayPayload, state.instrumentId, receiveTimeNanos, first, last);
                case DROP -> counters.incrementDroppedUpdates();
                case BUFFER, GAP ->
                {
                    onGap(state, "buffered update U=" + first + " u=" + last + " does not follow lastUpdateId=" +
                        state.sequencer.lastUpdateId());
                    store.discardBefore(position);
                    request(state);
                    return;
                }
            }
        }
        store.clear();
    }

    /** Validates the ids and levels of a depth event (the levels were read with the payload). */
    private BinanceFrameError readEvent(final BinancePayload payload)
    {
        if (payload.token('U') == BinancePayload.ABSENT || payload.token('u') == BinancePayload.ABSENT ||
            payload.token('b') == BinancePayload.ABSENT || payload.token('a') == BinancePayload.ABSENT)
        {
            return BinanceFrameError.MISSING_FIELD;
        }
        final long first = payload.id('U');
        final long last = payload.id('u');
        if (first < 0 || last < 0)
        {
            return BinanceFrameError.BAD_ID;
        }
        if (last < first)
        {
            return BinanceFrameError.BAD_SEQUENCE;
        }
        if (payload.token('E') != BinancePayload.ABSENT && payload.millisAsNanos('E') < 0)
        {
            return BinanceFrameError.BAD_TIME;
        }
        if (payload.token('b') != JsonCursor.BEGIN_ARRAY || payload.token('a') != JsonCursor.BEGIN_ARRAY ||
            !payload.levelsValid())
        {
            return BinanceFrameError.BAD_LEVELS;
        }
        return null;
    }

    private void publishDelta(
        final BinancePayload payload,
        final int instrumentId,
        final long receiveTimeNanos,
        final long first,
        final long last)
    {
        final long eventTime = payload.token('E') == BinancePayload.ABSENT ? 0 : payload.millisAsNanos('E');
        books.publish(Venue.BINANCE, instrumentId, BookUpdateKind.DELTA, receiveTimeNanos, eventTime, first, last,
            payload.levels());
    }

    private void buffer(
        final State state,
        final long receiveTimeNanos,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final long first,
        final long last)
    {
        if (!state.store.append(receiveTimeNanos, buffer, offset, length))
        {
            // The snapshot is too slow for the backlog: start over from this frame with a fresh snapshot later.
            LOG.warn("binance depth {}: backlog over {} bytes while waiting for the snapshot; starting over",
                state.venueSymbol, MAX_BACKLOG_BYTES);
            counters.addDiscardedUpdates(state.store.count());
            state.store.clear();
            state.sequencer.reset();
            state.sequencer.onUpdate(first, last);
            state.store.append(receiveTimeNanos, buffer, offset, length);
        }
        if (!state.pending && state.retry == null)
        {
            request(state);
        }
    }

    private void onGap(final State state, final String reason)
    {
        counters.incrementGaps();
        status.publishStatus(Venue.BINANCE, state.instrumentId, VenueStatusCode.GAP_DETECTED, reason);
    }

    private void request(final State state)
    {
        state.pending = true;
        counters.incrementSnapshotRequests();
        snapshots.requestSnapshot(state.instrumentId, state.venueSymbol, this);
    }

    private void retry(final State state, final String reason)
    {
        counters.incrementSnapshotFailures();
        final long delayMs = state.backoff.nextDelayMs();
        LOG.warn("binance depth {}: {}; fetching a new snapshot in {} ms", state.venueSymbol, reason, delayMs);
        state.retry = loop.schedule(() ->
        {
            state.retry = null;
            request(state);
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    private static final class State
    {
        final int instrumentId;
        final String venueSymbol;
        final DiffDepthSequencer sequencer = new DiffDepthSequencer();
        final FrameStore store = new FrameStore(MAX_BACKLOG_BYTES);
        final ReconnectBackoff backoff = new ReconnectBackoff(250, 30_000, 0, new SplittableRandom());
        boolean pending;
        ScheduledFuture<?> retry;

        State(final int instrumentId, final String venueSymbol)
        {
            this.instrumentId = instrumentId;
            this.venueSymbol = venueSymbol;
        }
    }
}
