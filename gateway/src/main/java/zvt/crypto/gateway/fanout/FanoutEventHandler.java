package zvt.crypto.gateway.fanout;

import com.lmax.disruptor.EventHandler;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.MpscArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.event.EventView;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.latency.HopLatencies;
import zvt.crypto.core.json.EventJsonRenderer;
import zvt.crypto.core.json.JsonWriter;
import zvt.crypto.gateway.GatewayContext;
import zvt.crypto.gateway.GatewayCounters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ring consumer that delivers events to WebSocket subscribers. It must run after the journal, so each event carries
 * the journal index a client can resume from:
 * <pre>
 *   ring ──► journal ──► FanoutEventHandler ──► each session's outbox (same frame bytes)
 *                                                  ──► its event loop writes and flushes them ──► the socket
 * </pre>
 * For each event with subscribers the JSON is rendered once, by core's {@link EventJsonRenderer}, and framed once as
 * a WebSocket text frame in a pooled direct buffer ({@link FrameSlab}); each subscriber's outbox gets a retained
 * slice of those same bytes (Netty's WebSocket encoder passes raw buffers through), and at the end of the batch its
 * event loop writes and flushes them all at once ({@link Subscriber}); when the fan-out runs on that same loop (the
 * node's default: the feed loop drains the ring and serves the sessions), it writes them there and then.
 * <p>
 * The "book" channel starts each subscriber with a snapshot of the node's book, kept here from the journaled events
 * by {@link BookChannel}, then sends the deltas after it, and a stale status and a fresh snapshot around each gap.
 * <p>
 * Every trade also feeds the live candles of the "candle" channel ({@link LiveCandlePublisher}): closed bars go out
 * as they close, the forming 1m bar once per instrument at the end of each batch, before the flush. After a restart
 * the node replays the journal into them through {@link #primeCandles} before the ring starts, so the first bars
 * served are complete.
 * <p>
 * A session resuming from a journal index is replayed by {@code gateway.replay} off this thread, then handed over
 * here ({@link LiveHandoff}): its subscriptions are registered exactly after the journal entry its replay sent last,
 * so the replayed and the live stream meet with no gap and no duplicate.
 * <p>
 * Allocation: nothing of its own per event. Retained slices come from Netty's recyclers, which recycle only on
 * Netty's own {@code FastThreadLocalThread}s, so the ring should run its consumers on those.
 * <p>
 * Never blocks the ring: a session whose outbox is full, or whose channel is over its write-buffer high watermark,
 * is a slow consumer; it is counted, dropped from the registry and closed (1008, "slow consumer") by its own event
 * loop.
 * <p>
 * Threading: everything here runs on the ring's consumer thread, except {@link #commandQueue()}, whose offers any
 * thread may make, and {@link #primeCandles}, which runs before the ring starts. Subscription commands are applied
 * before the next event (and on a wait-strategy timeout), so they take effect before any event published after they
 * were offered.
 */
public final class FanoutEventHandler implements EventHandler<MarketEvent>
{
    private static final Logger LOG = LoggerFactory.getLogger(FanoutEventHandler.class);
    private static final int INITIAL_FRAME_CAPACITY = 16 * 1024;
    /** Frames are packed into pooled slabs of this size; see {@link FrameSlab}. */
    private static final int SLAB_CAPACITY = 64 * 1024;
    /** Flush a channel mid-batch after this many bytes, so a long batch does not look like a slow consumer. */
    private static final int MAX_UNFLUSHED_BYTES = 64 * 1024;
    private static final int BOOK_TEMPLATE_ID = EventType.BOOK_UPDATE.templateId();
    private static final int CANDLE_TEMPLATE_ID = EventType.CANDLE.templateId();
    /** A session with this many frames queued gets the latest top and book state instead of every update. */
    private static final int CONFLATE_AFTER_FRAMES = 1024;
    private static final long STALE_BOOKS_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final GatewayCounters counters;
    private final HopLatencies latencies;
    private final EventJsonRenderer renderer;
    private final FrameSlab slab;
    private final MessageFrames message;
    private final SubscriptionCommandQueue commands;
    private final SubscriptionRegistry registry;
    private final MessagePassingQueue.Consumer<SubscriptionCommand> applyCommand = this::apply;
    private final LiveCandlePublisher liveCandles;
    /** Rendered JSON at {@link WebSocketFrameHeader#MAX_HEADER_LENGTH}, its frame header written just before it. */
    private final ExpandableArrayBuffer frameBuffer = new ExpandableArrayBuffer(INITIAL_FRAME_CAPACITY);
    private final BookChannel books;
    private final MpscArrayQueue<BookQuery> bookQueries;
    private final MessagePassingQueue.Consumer<BookQuery> answerBookQuery;
    private final int flushThresholdBytes;
    private final long bookStaleNanos;
    private volatile List<String> staleBooks = List.of();
    private long staleBooksCheckedNanos;
    private Subscriber[] dirty = new Subscriber[16];
    private int dirtyCount;
    /** Journal index of the last journaled event handled: where a resuming session's replay must meet the live. */
    private long position;
    /** Resumed sessions waiting for the fan-out to reach the entry their replay sent last. */
    private final ArrayList<SubscriptionCommand> pendingHandoffs = new ArrayList<>();
    private final JsonWriter json = new JsonWriter();
    private final Conflation conflation;

    /**
     * @param context     concluded here if it was not already; its counters are shared with the server.
     * @param instruments resolves instrument ids to symbols in the rendered JSON.
     */
    public FanoutEventHandler(final GatewayContext context, final InstrumentRegistry instruments)
    {
        context.conclude();
        this.counters = context.counters();
        this.latencies = context.latencies();
        this.registry = new SubscriptionRegistry(counters);
        this.liveCandles = new LiveCandlePublisher(registry, this::fanOut);
        this.renderer = new EventJsonRenderer(instruments);
        this.books = new BookChannel(instruments, frameBuffer, WebSocketFrameHeader.MAX_HEADER_LENGTH, registry,
            new BookChannel.Output()
            {
                public void send(final int jsonLength, final long key)
                {
                    FanoutEventHandler.this.send(jsonLength, key);
                }

                public void sendTo(final int jsonLength, final Subscriber subscriber, final long key)
                {
                    FanoutEventHandler.this.sendTo(jsonLength, subscriber, key);
                }
            });
        this.bookQueries = new MpscArrayQueue<>(context.commandQueueCapacity());
        this.bookStaleNanos = TimeUnit.MILLISECONDS.toNanos(context.readyBookStaleMs());
        this.answerBookQuery = books::answer;
        this.slab = new FrameSlab(PooledByteBufAllocator.DEFAULT, SLAB_CAPACITY);
        this.message = new MessageFrames(slab, frameBuffer);
        this.commands = new SubscriptionCommandQueue(context.commandQueueCapacity());
        this.conflation = new Conflation(Math.min(CONFLATE_AFTER_FRAMES, context.outboxCapacity() / 2), counters,
            new Conflation.Catchup()
            {
                public void sendLatest(final DirectBuffer event, final int length, final Subscriber subscriber)
                {
                    final int jsonLength =
                        renderer.render(event, 0, position, frameBuffer, WebSocketFrameHeader.MAX_HEADER_LENGTH);
                    if (jsonLength > 0)
                    {
                        message.event(event, 0, length, position);
                        sendTo(jsonLength, subscriber, SubscriptionKey.ofEvent(event, 0));
                    }
                }

                public void sendBook(final Subscriber subscriber, final long bookKey)
                {
                    books.onSubscribed(subscriber, bookKey);
                }
            });
        this.flushThresholdBytes = Math.min(MAX_UNFLUSHED_BYTES, context.writeBufferLowWatermark() / 2);
        // Built before the ring starts: every event handled from now on comes after the journal's current end.
        this.position = context.journal() == null ? MarketEvent.NO_JOURNAL_INDEX : context.journal().lastIndex();
    }

    /**
     * The node's current book of an instrument, as the JSON of a {@code book_snapshot} with at most {@code depth}
     * levels a side, answered by the fan-out thread at its next batch (or idle timeout); null when the book is not
     * good. Safe for any thread.
     *
     * @return the answer to come; already failed if too many queries are waiting.
     */
    public CompletableFuture<String> queryBook(final Instrument instrument, final int depth)
    {
        final CompletableFuture<String> result = new CompletableFuture<>();
        if (!bookQueries.offer(new BookQuery(instrument.id(), instrument.venue().value(), depth, result)))
        {
            result.completeExceptionally(new IllegalStateException("too many book queries waiting"));
        }
        return result;
    }

    /** Where sessions send their subscription changes; safe for any thread. */
    public SubscriptionCommandQueue commandQueue()
    {
        return commands;
    }

    /**
     * Aggregates one journaled event (message header included) into the live candles, delivering nothing. Call only
     * before the ring starts, on the thread that starts it; events must come in journal order.
     *
     * @return true when the event was a trade.
     */
    public boolean primeCandles(final DirectBuffer buffer, final int offset)
    {
        return liveCandles.prime(buffer, offset);
    }

    /**
     * The books someone subscribes to that have been stale (or awaited) longer than the gateway's readiness threshold,
     * as {@code VENUE SYMBOL}; refreshed by the fan-out thread about once a second. Safe for any thread.
     */
    public List<String> staleBooks()
    {
        return staleBooks;
    }

    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        housekeeping();
    }

    public void onTimeout(final long sequence)
    {
        housekeeping();
        conflation.catchUp();
        flushDirty();
    }

    /** Between events: subscription changes, book queries, and once a second the readiness of the books. */
    private void housekeeping()
    {
        commands.drain(applyCommand);
        bookQueries.drain(answerBookQuery);
        final long now = System.nanoTime();
        if (now - staleBooksCheckedNanos >= STALE_BOOKS_CHECK_NANOS)
        {
            staleBooksCheckedNanos = now;
            staleBooks = books.staleSubscribedBooks(now, bookStaleNanos);
        }
    }

    public void onShutdown()
    {
        flushDirty();
        slab.release();
    }

    public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
    {
        try
        {
            if (!commands.isEmpty())
            {
                // Between events too, not only at batch start: a resumed session's replay meets the live stream at
                // the entry it read last, which under load the fan-out would otherwise pass before the next batch.
                commands.drain(applyCommand);
            }
            if (event.length() >= EventView.MIN_LENGTH)
            {
                final UnsafeBuffer buffer = event.buffer();
                final long journalIndex = event.journalIndex();
                conflation.onEvent(buffer, 0, event.length());
                if (books.onEvent(buffer, 0, journalIndex))
                {
                    fanOut(buffer, 0, event.length(), journalIndex, SubscriptionKey.ofEvent(buffer, 0));
                    if (EventView.templateId(buffer, 0) == CANDLE_TEMPLATE_ID)
                    {
                        fanOut(buffer, 0, event.length(), journalIndex,
                            SubscriptionKey.candleIntervalKeyOfEvent(buffer, 0));
                    }
                }
                liveCandles.onEvent(buffer, 0, journalIndex);
                if (latencies != null && event.journalTimeNanos() != 0)
                {
                    latencies.journalToFanout().record(latencies.clock().nanoTime() - event.journalTimeNanos());
                }
                if (journalIndex != MarketEvent.NO_JOURNAL_INDEX)
                {
                    position = journalIndex;
                    if (!pendingHandoffs.isEmpty())
                    {
                        settleHandoffs();
                    }
                }
            }
        }
        finally
        {
            if (endOfBatch)
            {
                endBatch();
            }
        }
    }

    private void endBatch()
    {
        try
        {
            liveCandles.endOfBatch();
            books.endOfBatch();
            conflation.catchUp();
        }
        finally
        {
            flushDirty();
        }
    }

    /**
     * Renders an encoded event (message header included) once, frames it once per encoding, writes it to every
     * subscriber of its key and of its venue's wildcard; nothing when there are none.
     */
    private void fanOut(
        final DirectBuffer event, final int offset, final int length, final long journalIndex, final long key)
    {
        final SubscriberList exact = registry.subscribers(key);
        final SubscriberList wildcard = registry.wildcardSubscribers(key);
        if (exact == null && wildcard == null)
        {
            return;
        }
        final int jsonLength =
            renderer.render(event, offset, journalIndex, frameBuffer, WebSocketFrameHeader.MAX_HEADER_LENGTH);
        if (jsonLength == 0)
        {
            if (counters.recordUnrenderableEvent() == 1)
            {
                LOG.warn("skipping an event that is not of this schema (template {}, journal index {}); " +
                    "further ones are counted, not logged", EventView.templateId(event, offset), journalIndex);
            }
            return;
        }
        message.event(event, offset, length, journalIndex);
        send(jsonLength, key, exact, wildcard);
    }

    private void send(final int jsonLength, final long key)
    {
        send(jsonLength, key, registry.subscribers(key), registry.wildcardSubscribers(key));
    }

    /**
     * Frames the JSON rendered into the frame buffer once and writes it to the key's subscribers, then to its
     * wildcard's, skipping those who have both (they have it already).
     */
    private void send(
        final int jsonLength, final long key, final SubscriberList exact, final SubscriberList wildcard)
    {
        message.json(jsonLength);
        try
        {
            int sent = 0;
            if (exact != null)
            {
                sent += writeAll(exact, key, false);
            }
            if (wildcard != null)
            {
                sent += writeAll(wildcard, key, true);
            }
            counters.recordMessagesSent(sent);
        }
        finally
        {
            message.release();
        }
    }

    /** @param key for the channel's policy; {@link SubscriptionKey#NONE} for a message to send anyway. */
    private void sendTo(final int jsonLength, final Subscriber subscriber, final long key)
    {
        message.json(jsonLength);
        try
        {
            counters.recordMessagesSent(write(subscriber, key) ? 1 : 0);
        }
        finally
        {
            message.release();
        }
    }

    /**
     * @param wildcard the list is the key's wildcard subscribers: those also subscribed to the key itself have the
     *                 message already and are passed over.
     * @return how many were written.
     */
    private int writeAll(final SubscriberList subscribers, final long key, final boolean wildcard)
    {
        int sent = 0;
        // Walk down from the end: dropping a subscriber moves the last one (already visited) into its place.
        for (int i = subscribers.size() - 1; i >= 0; i--)
        {
            final Subscriber subscriber = subscribers.get(i);
            if ((!wildcard || !subscriber.keys.contains(key)) && write(subscriber, key))
            {
                sent++;
            }
        }
        return sent;
    }

    /**
     * Queues the message for one subscriber, in its encoding, unless its channel conflates and it is behind
     * ({@link Conflation}); drops it if it is gone or too slow.
     *
     * @param key the message's key, for the channel's policy; {@link SubscriptionKey#NONE} for one to send anyway.
     */
    private boolean write(final Subscriber subscriber, final long key)
    {
        if (conflation.holds(subscriber, key))
        {
            return false;
        }
        final Channel channel = subscriber.channel();
        final ByteBuf frame;
        if (!channel.isWritable() || !subscriber.enqueue(frame = message.frameFor(subscriber)))
        {
            registry.removeAll(subscriber);
            if (channel.isActive())
            {
                counters.recordSlowConsumerDisconnect();
                subscriber.disconnectSlowConsumer();
            }
            subscriber.scheduleDrain(); // frees what its outbox still holds once the channel is closed
            return false;
        }
        written(subscriber, frame.readableBytes());
        return true;
    }

    private void written(final Subscriber subscriber, final int bytes)
    {
        if (!subscriber.dirty)
        {
            if (dirtyCount == dirty.length)
            {
                dirty = Arrays.copyOf(dirty, dirtyCount * 2);
            }
            dirty[dirtyCount++] = subscriber;
            subscriber.dirty = true;
        }
        subscriber.unflushedBytes += bytes;
        if (subscriber.unflushedBytes >= flushThresholdBytes)
        {
            subscriber.unflushedBytes = 0;
            subscriber.scheduleDrain();
        }
    }

    /** End of batch: each session written to gets one drain of its outbox on its event loop. */
    private void flushDirty()
    {
        for (int i = 0; i < dirtyCount; i++)
        {
            final Subscriber subscriber = dirty[i];
            dirty[i] = null;
            subscriber.dirty = false;
            subscriber.unflushedBytes = 0;
            subscriber.scheduleDrain();
        }
        dirtyCount = 0;
    }

    private void apply(final SubscriptionCommand command)
    {
        switch (command.action())
        {
            case SUBSCRIBE -> subscribe(command.subscriber(), command.key());
            case UNSUBSCRIBE -> registry.unsubscribe(command.subscriber(), command.key());
            case REMOVE_SESSION -> registry.removeAll(command.subscriber());
            case GO_LIVE -> handOff(command);
        }
    }

    private void subscribe(final Subscriber subscriber, final long key)
    {
        if (registry.subscribe(subscriber, key) &&
            (SubscriptionKey.templateId(key) == BOOK_TEMPLATE_ID || SubscriptionKey.bookDepth(key) != 0))
        {
            books.onSubscribed(subscriber, key);
        }
    }

    /** A resumed session asks to go live after the entry its replay sent last: now, later, or not from there. */
    private void handOff(final SubscriptionCommand command)
    {
        final long afterIndex = command.handoff().afterIndex();
        if (afterIndex == position)
        {
            goLive(command);
        }
        else if (afterIndex < position)
        {
            command.handoff().answer().complete(position);
        }
        else
        {
            pendingHandoffs.add(command);
        }
    }

    /** After each journaled event while sessions wait: those whose last replayed entry this is go live. */
    private void settleHandoffs()
    {
        for (int i = pendingHandoffs.size() - 1; i >= 0; i--)
        {
            final SubscriptionCommand command = pendingHandoffs.get(i);
            final long afterIndex = command.handoff().afterIndex();
            if (afterIndex <= position)
            {
                pendingHandoffs.remove(i);
                if (afterIndex == position)
                {
                    goLive(command);
                }
                else
                {
                    command.handoff().answer().complete(position);
                }
            }
        }
    }

    /** {@code live} first, then the subscriptions, whose book snapshots carry this same position. */
    private void goLive(final SubscriptionCommand command)
    {
        final Subscriber subscriber = command.subscriber();
        if (!subscriber.removed)
        {
            json.wrap(frameBuffer, WebSocketFrameHeader.MAX_HEADER_LENGTH).beginObject()
                .field("type", "live").field("journalIndex", position).endObject();
            sendTo(json.position() - WebSocketFrameHeader.MAX_HEADER_LENGTH, subscriber, SubscriptionKey.NONE);
            for (final long key : command.handoff().keys())
            {
                subscribe(subscriber, key);
            }
        }
        command.handoff().answer().complete(position);
    }
}
