package zvt.crypto.gateway.fanout;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Packs consecutive outbound frames into one pooled direct buffer, so the allocator is visited once per slab rather
 * than once per event, and each subscriber gets a retained slice of the shared bytes. A slab's memory returns to
 * the pool when the fan-out has moved on to the next slab and every slice of it has been written and released.
 * <p>
 * Fan-out thread only. Slices already handed out are never written again: frames only ever go into the unused tail.
 */
final class FrameSlab
{
    private final ByteBufAllocator allocator;
    private final int slabCapacity;
    private ByteBuf slab;

    FrameSlab(final ByteBufAllocator allocator, final int slabCapacity)
    {
        this.allocator = allocator;
        this.slabCapacity = slabCapacity;
    }

    /**
     * Copies a frame into the slab, starting a new slab if it does not fit.
     *
     * @return the frame's index in the slab, for {@link #retainedSlice}.
     */
    int append(final byte[] source, final int offset, final int length)
    {
        if (slab == null || slab.writableBytes() < length)
        {
            release();
            final int capacity = Math.max(slabCapacity, length);
            slab = allocator.directBuffer(capacity, capacity);
        }
        final int index = slab.writerIndex();
        slab.writeBytes(source, offset, length);
        return index;
    }

    /** A view of one appended frame with its own indexes, holding a reference on the slab until released. */
    ByteBuf retainedSlice(final int index, final int length)
    {
        return slab.retainedSlice(index, length);
    }

    /** Drops the fan-out's own reference; slices still being written keep the memory alive until they are done. */
    void release()
    {
        if (slab != null)
        {
            slab.release();
            slab = null;
        }
    }
}
