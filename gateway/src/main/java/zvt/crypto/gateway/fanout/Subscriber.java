package zvt.crypto.gateway.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import org.agrona.collections.LongHashSet;
import org.jctools.queues.SpscChunkedArrayQueue;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The fan-out's handle on one WebSocket session: the channel events go to, the session's outbox, and how to
 * disconnect the session when it cannot keep up. Created by the session's event loop when the session opens.
 * <p>
 * The fan-out puts each frame in the outbox, a bounded single-producer single-consumer queue, and once per batch (or
 * per {@code 64 KiB}) has the session's event loop drain it: the event loop writes every queued frame in-loop and
 * flushes once, one task and one {@code writev} for all the frames queued meanwhile, however many, where a write from
 * another thread would cost a task each. When the fan-out runs on the session's loop itself (the node's default), it
 * drains the outbox there and then, with no task at all. The outbox bounds what a session may hold unsent in the
 * gateway; a full outbox, like a channel over its write-buffer high watermark, makes the session a slow consumer.
 * <p>
 * Threading: {@link #channel()} is safe from any thread (Netty channels are); the outbox has one producer, the
 * fan-out thread, and one consumer, the channel's event loop; every other field belongs to the fan-out thread.
 */
public final class Subscriber
{
    /** Where a session's channel keeps its subscriber, for whoever reports on sessions. */
    public static final AttributeKey<Subscriber> ATTRIBUTE = AttributeKey.valueOf("zvt.subscriber");

    private static final int INITIAL_OUTBOX_CAPACITY = 64;

    private final Channel channel;
    private final Runnable slowConsumerCloser;
    private final SpscChunkedArrayQueue<ByteBuf> outbox;
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;

    /** Wants SBE binary frames for events; set once, before the session subscribes. */
    private volatile boolean binary;

    /** Keys this subscriber is registered under. Fan-out thread only. */
    final LongHashSet keys = new LongHashSet();
    /** Set once removed from the registry; later subscribe commands for it are ignored. Fan-out thread only. */
    boolean removed;
    /** Keys of the state channels (top, book) it missed while behind, to catch up on; see {@link Conflation}. */
    LongHashSet held;
    /** Written to since the last drain was asked for. Fan-out thread only. */
    boolean dirty;
    int unflushedBytes;

    /**
     * @param channel            the session's channel, after the WebSocket handshake.
     * @param slowConsumerCloser runs on the channel's event loop to close the session as a slow consumer.
     * @param outboxCapacity     frames the session may have queued in the gateway, not yet handed to its channel.
     */
    public Subscriber(final Channel channel, final Runnable slowConsumerCloser, final int outboxCapacity)
    {
        this.channel = channel;
        this.slowConsumerCloser = slowConsumerCloser;
        this.outbox = new SpscChunkedArrayQueue<>(Math.min(INITIAL_OUTBOX_CAPACITY, outboxCapacity), outboxCapacity);
    }

    public Channel channel()
    {
        return channel;
    }

    /** Chooses SBE binary frames for events instead of JSON text; the session's event loop, before it subscribes. */
    public void binary(final boolean binary)
    {
        this.binary = binary;
    }

    public boolean binary()
    {
        return binary;
    }

    /** Frames queued for the session and not yet written to its channel: how far it lags inside the gateway. */
    public int queuedFrames()
    {
        return outbox.size();
    }

    /**
     * Fan-out thread: queues a frame (a retained buffer, now owned by the outbox).
     *
     * @return false if the outbox is full; the frame is released.
     */
    boolean enqueue(final ByteBuf frame)
    {
        if (outbox.offer(frame))
        {
            return true;
        }
        frame.release();
        return false;
    }

    /**
     * Fan-out thread: asks the event loop to write what is queued, unless a drain is already on its way. When the
     * fan-out runs on the session's own loop (the gateway shares the loop that drains the ring), it writes now.
     */
    void scheduleDrain()
    {
        if (channel.eventLoop().inEventLoop())
        {
            drain();
        }
        else if (drainScheduled.compareAndSet(false, true))
        {
            try
            {
                channel.eventLoop().execute(drain);
            }
            catch (final RejectedExecutionException ex)
            {
                // The server is shutting down: its event loops close every channel and free their buffers.
            }
        }
    }

    /**
     * Event loop: writes the queued frames (or frees them, once the channel is closed) and flushes once. The flag is
     * cleared before the last look at the outbox, so a frame queued meanwhile is drained here or by the drain its
     * producer then schedules.
     */
    private void drain()
    {
        do
        {
            drainScheduled.set(false);
            final boolean active = channel.isActive();
            ByteBuf frame;
            while ((frame = outbox.poll()) != null)
            {
                if (active)
                {
                    channel.write(frame, channel.voidPromise());
                }
                else
                {
                    frame.release();
                }
            }
            if (active)
            {
                channel.flush();
            }
        }
        while (!outbox.isEmpty() && drainScheduled.compareAndSet(false, true));
    }

    /** Hands the close to the session's own event loop: the ring thread never blocks on or closes a socket itself. */
    void disconnectSlowConsumer()
    {
        try
        {
            channel.eventLoop().execute(slowConsumerCloser);
        }
        catch (final RejectedExecutionException ex)
        {
            // The server is shutting down and closes every session itself.
        }
    }

    public String toString()
    {
        return "Subscriber{" + channel + '}';
    }
}
