package zvt.crypto.gateway.fanout;

import io.netty.channel.Channel;
import org.agrona.collections.LongHashSet;

import java.util.concurrent.RejectedExecutionException;

/**
 * The fan-out's handle on one WebSocket session: the channel events are written to, and how to disconnect the
 * session when it cannot keep up. Created by the session's event loop when the WebSocket handshake completes.
 * <p>
 * Threading: {@link #channel()} is safe from any thread (Netty channels are); every other field belongs to the
 * fan-out thread and is touched only there.
 */
public final class Subscriber
{
    private final Channel channel;
    private final Runnable slowConsumerCloser;

    /** Keys this subscriber is registered under. Fan-out thread only. */
    final LongHashSet keys = new LongHashSet();
    /** Set once removed from the registry; later subscribe commands for it are ignored. Fan-out thread only. */
    boolean removed;
    /** Written to since the last flush. Fan-out thread only. */
    boolean dirty;
    int unflushedBytes;

    /**
     * @param channel            the session's channel, after the WebSocket handshake.
     * @param slowConsumerCloser runs on the channel's event loop to close the session as a slow consumer.
     */
    public Subscriber(final Channel channel, final Runnable slowConsumerCloser)
    {
        this.channel = channel;
        this.slowConsumerCloser = slowConsumerCloser;
    }

    public Channel channel()
    {
        return channel;
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
