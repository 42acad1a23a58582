package zvt.crypto.feed.connection;

import org.agrona.DirectBuffer;

/**
 * Decodes one inbound WebSocket frame of a venue, straight from the frame's bytes, into ring events.
 * <p>
 * Called on the connection's event loop, one frame at a time; the bytes are valid only for the duration of the
 * call. An implementation must never throw: frames it cannot use are counted (ignored or rejected with a reason)
 * and the feed carries on. It may block only on ring back-pressure.
 */
@FunctionalInterface
public interface FrameAdapter
{
    /**
     * @param buffer holding the frame's payload (the memory of the network buffer, not a copy where possible).
     * @param offset of the first payload byte.
     * @param length of the payload in bytes.
     */
    void onFrame(DirectBuffer buffer, int offset, int length);
}
