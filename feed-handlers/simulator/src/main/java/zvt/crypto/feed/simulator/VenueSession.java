package zvt.crypto.feed.simulator;

import io.netty.buffer.ByteBuf;

import java.util.List;
import java.util.Map;

/**
 * One connection's side of a venue's protocol: which upgrade paths open a stream connection, the control messages
 * the client sends (subscribe, unsubscribe, pings) and their replies, keepalives the venue sends unasked, and the
 * per-connection parts of each frame (Binance's combined-stream wrapper, Coinbase's {@code sequence_num}). It acts
 * through {@link SessionControl}; the market, framing and faults are the core's. Used on the simulator's event loop
 * only.
 */
public interface VenueSession
{
    /**
     * Accepts the WebSocket upgrade path and adds the streams it names.
     *
     * @return null to accept, else the reason it is not found (answered 404).
     */
    String open(String path, Map<String, List<String>> query, List<String> streams);

    /** The connection is open and subscribed to the path's streams: start keepalives. */
    void onOpen();

    /** The connection closed: stop keepalives. */
    void onClose();

    /** A text frame from the client: a control request (or a ping, at some venues). */
    void onText(String text);

    /** Bytes this connection wraps around a message of the named stream; 0 for none. */
    int envelopeLength(byte[] streamName);

    void writeEnvelopeStart(ByteBuf target, byte[] streamName);

    void writeEnvelopeEnd(ByteBuf target);

    /**
     * The connection's next sequence number, for messages with a splice point (Coinbase numbers every message of a
     * connection); consumed by a dropped message too, so the client sees the gap.
     */
    long nextSequence();
}
