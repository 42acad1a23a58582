package zvt.crypto.feed.connection;

import org.agrona.DirectBuffer;

/**
 * Takes each inbound data frame of a feed connection, straight from the network buffer, with the session it came on
 * (every WebSocket session of a feed has its own number, so frames of two overlapping sessions can be told apart).
 * Called on the connection's event loop; the bytes are valid only during the call. Must never throw.
 */
@FunctionalInterface
public interface FrameHandler
{
    void onFrame(int session, DirectBuffer buffer, int offset, int length);
}
