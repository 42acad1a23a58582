package zvt.crypto.gateway.fanout;

import org.agrona.DirectBuffer;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.event.EventView;
import zvt.crypto.gateway.GatewayCounters;

import java.util.ArrayList;
import java.util.List;

/**
 * The outbound policy of the state channels, {@code top} and {@code book} (depth views included): a session that falls
 * behind (its outbox holds {@code threshold} frames, or its channel is over its high watermark) is not sent every
 * update of them but, once it has caught up (half that, and writable), the latest state of each instrument it missed:
 * the current top of book, or a fresh {@code book_snapshot} (or {@code book_status} stale). Both carry the journal
 * index of the point they are sent at, as any derived message, so indexes still never decrease on the connection. The
 * other channels need every message: for them a session past its limits is a slow consumer and is closed.
 * <p>
 * Fan-out thread only. Keeps a copy of every instrument's latest top-of-book event (a few dozen bytes each).
 */
final class Conflation
{
    /** Sends what a session missed, at the fan-out's current position. */
    interface Catchup
    {
        /** Renders the encoded event (a top of book) as of the current position and sends it to the session. */
        void sendLatest(DirectBuffer event, int length, Subscriber subscriber);

        /** Sends the session the book of the key's instrument as it is now. */
        void sendBook(Subscriber subscriber, long bookKey);
    }

    private static final int TOP_TEMPLATE_ID = EventType.TOP_OF_BOOK.templateId();
    private static final int BOOK_TEMPLATE_ID = EventType.BOOK_UPDATE.templateId();

    private final int threshold;
    private final GatewayCounters counters;
    private final Catchup catchup;
    private final Int2ObjectHashMap<UnsafeBuffer> latestTops = new Int2ObjectHashMap<>();
    private final Int2IntHashMap latestTopLengths = new Int2IntHashMap(0);
    private final List<Subscriber> behind = new ArrayList<>();
    private final LongArrayList releasing = new LongArrayList();

    Conflation(final int threshold, final GatewayCounters counters, final Catchup catchup)
    {
        this.threshold = threshold;
        this.counters = counters;
        this.catchup = catchup;
    }

    /** Remembers the latest top of book of each instrument. */
    void onEvent(final DirectBuffer buffer, final int offset, final int length)
    {
        if (EventView.templateId(buffer, offset) == TOP_TEMPLATE_ID)
        {
            final int instrumentId = EventView.instrumentId(buffer, offset);
            UnsafeBuffer latest = latestTops.get(instrumentId);
            if (latest == null || latest.capacity() < length)
            {
                latest = new UnsafeBuffer(new byte[Math.max(length, 128)]);
                latestTops.put(instrumentId, latest);
            }
            latest.putBytes(0, buffer, offset, length);
            latestTopLengths.put(instrumentId, length);
        }
    }

    /**
     * @param key the event's key (its instrument, not a wildcard).
     * @return true if the message is not to be sent to this session now: its channel conflates and the session is
     * behind. What it missed is sent once it catches up.
     */
    boolean holds(final Subscriber subscriber, final long key)
    {
        final int templateId = SubscriptionKey.templateId(key);
        final boolean state =
            templateId == TOP_TEMPLATE_ID || templateId == BOOK_TEMPLATE_ID || SubscriptionKey.bookDepth(key) != 0;
        if (!state || (subscriber.queuedFrames() < threshold && subscriber.channel().isWritable()))
        {
            return false;
        }
        if (subscriber.held == null)
        {
            subscriber.held = new LongHashSet();
        }
        if (subscriber.held.isEmpty())
        {
            behind.add(subscriber);
        }
        subscriber.held.add(key);
        counters.recordConflatedMessage();
        return true;
    }

    /** Between batches: the sessions that have caught up get the latest state of what they missed. */
    void catchUp()
    {
        for (int i = behind.size() - 1; i >= 0; i--)
        {
            final Subscriber subscriber = behind.get(i);
            if (subscriber.removed)
            {
                subscriber.held.clear();
                behind.remove(i);
            }
            else if (subscriber.queuedFrames() < threshold / 2 && subscriber.channel().isWritable())
            {
                // Released before sending: a session that falls behind again meanwhile has them held anew.
                releasing.clear();
                subscriber.held.forEachLong(releasing::addLong);
                subscriber.held.clear();
                behind.remove(i);
                for (int k = 0; k < releasing.size(); k++)
                {
                    sendLatestState(subscriber, releasing.getLong(k));
                }
            }
        }
    }

    private void sendLatestState(final Subscriber subscriber, final long key)
    {
        if (!subscriber.keys.contains(key) && !subscriber.keys.contains(SubscriptionKey.wildcardOf(key)))
        {
            return; // unsubscribed meanwhile
        }
        if (SubscriptionKey.templateId(key) != TOP_TEMPLATE_ID)
        {
            catchup.sendBook(subscriber, key);
            return;
        }
        final int instrumentId = SubscriptionKey.instrumentId(key);
        final UnsafeBuffer latest = latestTops.get(instrumentId);
        if (latest != null)
        {
            catchup.sendLatest(latest, latestTopLengths.get(instrumentId), subscriber);
        }
    }
}
