package zvt.crypto.gateway.replay;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.LongHashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.event.EventView;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.json.EventJsonRenderer;
import zvt.crypto.gateway.fanout.MessageFrames;
import zvt.crypto.gateway.fanout.Subscriber;
import zvt.crypto.gateway.fanout.SubscriptionKey;
import zvt.crypto.gateway.fanout.WebSocketFrameHeader;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalEventListener;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One session's read of the journal, sent to its socket on a replay thread, never the ring's: the journal entries
 * selected by the session's subscription keys (by instrument, or by venue for {@code "symbol":"*"}), rendered to
 * the same JSON as live messages (or the same SBE binary frames), journal index included, and written in batches as fast as the client reads
 * ({@link FrameBatch}). Subclasses say where the read starts and how it ends.
 */
public abstract class SocketReplay implements Runnable, JournalEventListener
{
    private static final Logger LOG = LoggerFactory.getLogger(SocketReplay.class);
    private static final AtomicBoolean FAILURE_LOGGED = new AtomicBoolean();

    protected final Journal journal;
    protected final Channel channel;
    protected final ReplaySession session;
    protected final long[] keys;
    private final LongHashSet selected = new LongHashSet();
    private final EventJsonRenderer renderer;
    private final ExpandableArrayBuffer frame = new ExpandableArrayBuffer(4096);
    /** The session asked for SBE binary frames: the journal's bytes behind the index, instead of JSON. */
    private final boolean binary;
    protected final FrameBatch batch;
    /** Journal index of the last entry read, selected or not. */
    protected long lastRead = Journal.NO_INDEX;
    protected long delivered;
    protected long lastDelivered = Journal.NO_INDEX;
    /** The client is gone or stalled. */
    protected boolean stopped;

    protected SocketReplay(
        final JournalReplays context, final Subscriber subscriber, final ReplaySession session, final long[] keys)
    {
        this.journal = context.journal();
        this.channel = subscriber.channel();
        this.binary = subscriber.binary();
        this.session = session;
        this.keys = keys.clone();
        this.renderer = new EventJsonRenderer(context.instruments());
        this.batch = new FrameBatch(channel, context.stallTimeoutMs());
        for (final long key : keys)
        {
            selected.add(key);
        }
    }

    /** The subscription keys replayed. */
    public long[] keys()
    {
        return keys;
    }

    public final void run()
    {
        try
        {
            replay();
        }
        catch (final RuntimeException | Error ex)
        {
            if (FAILURE_LOGGED.compareAndSet(false, true))
            {
                LOG.error("a journal replay to {} failed (logged once)", channel, ex);
            }
            session.replayFailed(WebSocketCloseStatus.INTERNAL_SERVER_ERROR, "replay failed");
        }
        finally
        {
            batch.close();
        }
    }

    /** Reads, sends, and tells the session how it ended. */
    protected abstract void replay();

    /** @return true for a selected event this replay leaves to someone else (the fan-out's book snapshot). */
    protected boolean skip(final DirectBuffer buffer, final int offset)
    {
        return false;
    }

    public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long index)
    {
        lastRead = index;
        if (stopped || length < EventView.MIN_LENGTH)
        {
            return;
        }
        final long key = SubscriptionKey.ofEvent(buffer, offset);
        final boolean selected = selects(key) ||
            (SubscriptionKey.isCandle(key) && selects(SubscriptionKey.candleIntervalKeyOfEvent(buffer, offset)));
        if (selected && !skip(buffer, offset))
        {
            send(buffer, offset, length, index);
        }
    }

    /** @return true if a message with this key belongs to the replayed subscriptions. */
    protected boolean selects(final long key)
    {
        return selected.contains(key) || selected.contains(SubscriptionKey.wildcardOf(key));
    }

    /** Renders an encoded event (or frames its bytes, for a binary session) and batches it for the socket. */
    protected void send(final DirectBuffer buffer, final int offset, final int length, final long index)
    {
        final int payloadLength = binary ?
            MessageFrames.putBinaryPayload(frame, WebSocketFrameHeader.MAX_HEADER_LENGTH, buffer, offset, length, index) :
            renderer.render(buffer, offset, index, frame, WebSocketFrameHeader.MAX_HEADER_LENGTH);
        if (payloadLength == 0)
        {
            return;
        }
        final int frameOffset = WebSocketFrameHeader.frameInPlace(frame, payloadLength, binary);
        if (!batch.add(
            frame.byteArray(), frameOffset, WebSocketFrameHeader.MAX_HEADER_LENGTH + payloadLength - frameOffset))
        {
            stop();
        }
        delivered++;
        lastDelivered = index;
    }

    /** The client is gone or stalled: end without another message. */
    protected void stop()
    {
        stopped = true;
    }

    /** Writes what is batched; @return false (and tells the session of a stall) if the replay must end. */
    protected boolean flush()
    {
        if (!stopped && batch.flush())
        {
            return true;
        }
        stop();
        if (batch.stalled())
        {
            session.replayFailed(WebSocketCloseStatus.POLICY_VIOLATION, "slow consumer");
        }
        return false;
    }
}
