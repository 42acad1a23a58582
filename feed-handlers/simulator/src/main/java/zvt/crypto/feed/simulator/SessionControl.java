package zvt.crypto.feed.simulator;

import io.netty.util.concurrent.EventExecutor;
import org.agrona.DirectBuffer;

import java.util.List;

/** What a {@link VenueSession} may do to its connection. Used on the simulator's event loop only. */
public interface SessionControl
{
    /** Subscribes to streams by the venue's names, sending each its snapshot if the venue sends one. */
    void subscribe(List<String> streams);

    void unsubscribe(List<String> streams);

    /** The subscribed stream names, in subscription order. */
    List<String> subscriptions();

    /** Writes a control reply now, after the messages batched so far; never subject to faults. */
    void reply(String text);

    /**
     * Sends a message of the connection's own (a heartbeat) through the batch, subject to faults like market
     * messages; {@code spliceAt} as in {@link WireSink#emit}.
     */
    void send(StreamKind kind, DirectBuffer payload, int length, int spliceAt, long first, long last);

    /** Writes the batch and flushes. */
    void flush();

    EventExecutor executor();

    /** The simulator's id of the connection: 1, 2, ... in accept order. */
    long connectionId();

    BinanceSimulatorContext context();
}
