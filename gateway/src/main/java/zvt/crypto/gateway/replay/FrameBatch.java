package zvt.crypto.gateway.replay;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

/**
 * Packs replayed WebSocket frames into one pooled buffer and writes it when full, so a fast replay costs one write
 * per ~64 KiB, not one per message. Back-pressure: before a batch is written the previous one must have reached the
 * socket, so at most two batches are ever queued for a client, and the replay goes as fast as the client reads.
 * <p>
 * Runs on the replay's thread; Netty hands each write to the channel's event loop in order.
 */
final class FrameBatch implements AutoCloseable
{
    private static final int CAPACITY = 64 * 1024;

    private final Channel channel;
    private final long stallTimeoutMs;
    private ByteBuf batch;
    private ChannelFuture inFlight;
    private boolean stalled;

    FrameBatch(final Channel channel, final long stallTimeoutMs)
    {
        this.channel = channel;
        this.stallTimeoutMs = stallTimeoutMs;
    }

    /**
     * Appends one frame; writes the batch once it is full.
     *
     * @return false if the client is gone or stalled: stop replaying.
     */
    boolean add(final byte[] frame, final int offset, final int length)
    {
        if (batch == null)
        {
            batch = channel.alloc().directBuffer(Math.max(CAPACITY, length));
        }
        batch.writeBytes(frame, offset, length);
        return batch.readableBytes() < CAPACITY ? channel.isActive() : flush();
    }

    /**
     * Writes what is batched.
     *
     * @return false if the client is gone or stalled.
     */
    boolean flush()
    {
        if (batch != null)
        {
            if (inFlight != null && !inFlight.awaitUninterruptibly(stallTimeoutMs))
            {
                stalled = true;
                return false;
            }
            inFlight = channel.writeAndFlush(batch);
            batch = null;
        }
        return channel.isActive();
    }

    /** @return true if the client read nothing for the stall timeout. */
    boolean stalled()
    {
        return stalled;
    }

    /** Releases a batch that was never written. */
    public void close()
    {
        if (batch != null)
        {
            batch.release();
            batch = null;
        }
    }
}
