package zvt.crypto.feed.simulator;

import org.agrona.DirectBuffer;

/**
 * Where a {@link WireEncoder} hands each encoded message: the symbol's subscribed streams of the message's kind and
 * variant (or one connection, for a snapshot sent on subscribe). The payload is valid only during the call.
 */
public interface WireSink
{
    /** No offset to splice a per-connection sequence number at. */
    int NO_SPLICE = -1;

    /** True if some connection listens to this kind and variant: encoders skip work nobody receives. */
    boolean wants(StreamKind kind, int variant);

    /**
     * @param variant  the venue's sub-stream (a depth, a category); 0 where the venue has none.
     * @param spliceAt offset in the payload where each connection writes its own sequence number (Coinbase's
     *                 {@code sequence_num}), or {@link #NO_SPLICE}.
     * @param first    first sequence id of the message, for the fault log.
     * @param last     last sequence id of the message, for the fault log.
     */
    void emit(StreamKind kind, int variant, DirectBuffer payload, int length, int spliceAt, long first, long last);
}
