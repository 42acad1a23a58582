package zvt.crypto.feed.simulator.coinbase;

import org.agrona.MutableDirectBuffer;
import zvt.crypto.feed.simulator.Rfc3339;

import static zvt.crypto.feed.simulator.WireBytes.ascii;
import static zvt.crypto.feed.simulator.WireBytes.put;

/**
 * The head of every Advanced Trade message, {@code {"channel":"..","client_id":"","timestamp":"..","sequence_num":}
 * up to where each connection splices its own {@code sequence_num}, then {@code ,"events":[}. Stateless.
 */
final class CoinbaseEnvelope
{
    private static final byte[] CHANNEL = ascii("{\"channel\":\"");
    private static final byte[] CLIENT_ID = ascii("\",\"client_id\":\"\",\"timestamp\":\"");
    private static final byte[] SEQUENCE = ascii("\",\"sequence_num\":");
    private static final byte[] EVENTS = ascii(",\"events\":[");

    private CoinbaseEnvelope()
    {
    }

    /** Writes the head up to the splice point; returns the splice offset. */
    static int head(final MutableDirectBuffer buffer, final byte[] channel, final long timeMs)
    {
        buffer.checkLimit(CHANNEL.length + channel.length + CLIENT_ID.length + Rfc3339.LENGTH + SEQUENCE.length);
        final int position = Rfc3339.write(buffer, put(buffer, put(buffer, put(buffer, 0, CHANNEL), channel),
            CLIENT_ID), timeMs);
        return put(buffer, position, SEQUENCE);
    }

    /** Writes {@code ,"events":[} after the splice point; returns the offset after it. */
    static int events(final MutableDirectBuffer buffer, final int spliceAt)
    {
        return put(buffer, spliceAt, EVENTS);
    }
}
