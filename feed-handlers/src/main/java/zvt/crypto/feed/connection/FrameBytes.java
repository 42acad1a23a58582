package zvt.crypto.feed.connection;

import io.netty.buffer.ByteBuf;
import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Presents the readable bytes of a Netty buffer as an Agrona buffer without copying: over the native memory of a
 * direct buffer, or over the array of a heap buffer. Only a buffer that is neither (a composite of continuation
 * frames) is copied, into a reused array. Not thread-safe: one per channel handler.
 */
final class FrameBytes
{
    private static final Logger LOG = LoggerFactory.getLogger(FrameBytes.class);
    private static final int INITIAL_COPY_CAPACITY = 4096;

    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);
    private byte[] copy = new byte[0];
    private boolean copyLogged;

    /** @return a view whose bytes {@code [0, content.readableBytes())} are the content's readable bytes. */
    UnsafeBuffer wrap(final ByteBuf content)
    {
        final int index = content.readerIndex();
        final int length = content.readableBytes();
        if (content.hasMemoryAddress())
        {
            view.wrap(content.memoryAddress() + index, length);
        }
        else if (content.hasArray())
        {
            view.wrap(content.array(), content.arrayOffset() + index, length);
        }
        else
        {
            if (copy.length < length)
            {
                copy = new byte[BitUtil.findNextPositivePowerOfTwo(Math.max(length, INITIAL_COPY_CAPACITY))];
            }
            if (!copyLogged)
            {
                copyLogged = true;
                LOG.info("frame buffer {} has no address or array; such frames are copied once before decoding",
                    content.getClass().getSimpleName());
            }
            content.getBytes(index, copy, 0, length);
            view.wrap(copy, 0, length);
        }
        return view;
    }
}
