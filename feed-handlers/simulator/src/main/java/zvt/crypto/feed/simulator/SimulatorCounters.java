package zvt.crypto.feed.simulator;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the simulator has done, per {@link StreamKind} where it matters. A message is <em>generated</em> once by the
 * market, <em>sent</em> once per subscribed connection (written to its batch; duplicates count twice, drops and
 * malformed replacements not at all), and <em>delivered</em> once its batch was written to the socket; a batch whose
 * write failed (the connection closed first) is recorded as {@link FaultKind#LOST_IN_FLIGHT}. Written only by the
 * simulator's event loop, readable from any thread.
 */
public final class SimulatorCounters
{
    private static final int KINDS = StreamKind.values().length;

    private final AtomicLong stepsGenerated = new AtomicLong();
    private final AtomicLongArray generated = new AtomicLongArray(KINDS);
    private final AtomicLongArray sent = new AtomicLongArray(KINDS);
    private final AtomicLongArray delivered = new AtomicLongArray(KINDS);
    private final AtomicLong messagesDropped = new AtomicLong();
    private final AtomicLong connectionsAccepted = new AtomicLong();
    private final AtomicLong activeConnections = new AtomicLong();
    private final AtomicLong controlRequests = new AtomicLong();
    private final AtomicLong repliesDelivered = new AtomicLong();
    private final AtomicLong restRequests = new AtomicLong();
    private final AtomicLong pingsSent = new AtomicLong();
    private final AtomicLong pongsReceived = new AtomicLong();
    private volatile String lastServerName;

    /** Market steps run (each one depth event or one trade, plus what follows from it). */
    public long stepsGenerated()
    {
        return stepsGenerated.get();
    }

    /** Messages of this kind the market generated (each may be sent to several connections, or to none). */
    public long generated(final StreamKind kind)
    {
        return generated.get(kind.ordinal());
    }

    /** Trades the market generated. */
    public long tradesGenerated()
    {
        return generated(StreamKind.TRADE);
    }

    /** Frames of this kind written to connections (a duplicate counts twice; a malformed replacement not at all). */
    public long sent(final StreamKind kind)
    {
        return sent.get(kind.ordinal());
    }

    /** Frames written to connections, every kind. */
    public long messagesSent()
    {
        return sum(sent);
    }

    /** Frames of this kind whose batch reached the socket. */
    public long delivered(final StreamKind kind)
    {
        return delivered.get(kind.ordinal());
    }

    public long messagesDelivered()
    {
        return sum(delivered);
    }

    /** Frames not written because the connection's outbound buffer was full (a slow client). */
    public long messagesDropped()
    {
        return messagesDropped.get();
    }

    /** WebSocket handshakes completed. */
    public long connectionsAccepted()
    {
        return connectionsAccepted.get();
    }

    public long activeConnections()
    {
        return activeConnections.get();
    }

    /** JSON control requests received (SUBSCRIBE, UNSUBSCRIBE, ...), answered or rejected. */
    public long controlRequests()
    {
        return controlRequests.get();
    }

    /**
     * Control replies (acks, pongs, errors, Coinbase {@code subscriptions}) whose write reached the socket: the data
     * frames a client receives besides {@link #messagesDelivered()} and malformed replacements.
     */
    public long repliesDelivered()
    {
        return repliesDelivered.get();
    }

    /** REST requests received, answered or rejected. */
    public long restRequests()
    {
        return restRequests.get();
    }

    public long pingsSent()
    {
        return pingsSent.get();
    }

    /** Pongs that echoed the payload of the last ping. */
    public long pongsReceived()
    {
        return pongsReceived.get();
    }

    /** The TLS server name (SNI) of the last secure connection, or null. */
    public String lastServerName()
    {
        return lastServerName;
    }

    void incrementStepsGenerated()
    {
        increment(stepsGenerated);
    }

    void incrementGenerated(final StreamKind kind)
    {
        increment(generated, kind.ordinal(), 1);
    }

    void incrementSent(final StreamKind kind)
    {
        increment(sent, kind.ordinal(), 1);
    }

    void addDelivered(final int kindOrdinal, final long count)
    {
        increment(delivered, kindOrdinal, count);
    }

    void incrementMessagesDropped()
    {
        increment(messagesDropped);
    }

    void incrementConnectionsAccepted()
    {
        increment(connectionsAccepted);
    }

    void addActiveConnections(final int delta)
    {
        activeConnections.setRelease(activeConnections.getPlain() + delta);
    }

    void incrementControlRequests()
    {
        increment(controlRequests);
    }

    void incrementRepliesDelivered()
    {
        increment(repliesDelivered);
    }

    void incrementRestRequests()
    {
        increment(restRequests);
    }

    void incrementPingsSent()
    {
        increment(pingsSent);
    }

    void incrementPongsReceived()
    {
        increment(pongsReceived);
    }

    void lastServerName(final String serverName)
    {
        lastServerName = serverName;
    }

    public String toString()
    {
        final StringBuilder text = new StringBuilder("steps=").append(stepsGenerated());
        for (final StreamKind kind : StreamKind.values())
        {
            if (generated(kind) + sent(kind) > 0)
            {
                text.append(' ').append(kind.label()).append("[generated=").append(generated(kind))
                    .append(" sent=").append(sent(kind)).append(" delivered=").append(delivered(kind)).append(']');
            }
        }
        return text.append(" backpressureDrops=").append(messagesDropped())
            .append(" connectionsAccepted=").append(connectionsAccepted())
            .append(" activeConnections=").append(activeConnections())
            .append(" controlRequests=").append(controlRequests())
            .append(" repliesDelivered=").append(repliesDelivered())
            .append(" restRequests=").append(restRequests())
            .append(" pingsSent=").append(pingsSent())
            .append(" pongsReceived=").append(pongsReceived()).toString();
    }

    private static long sum(final AtomicLongArray counts)
    {
        long total = 0;
        for (int i = 0; i < counts.length(); i++)
        {
            total += counts.get(i);
        }
        return total;
    }

    private static void increment(final AtomicLong counter)
    {
        counter.setRelease(counter.getPlain() + 1);
    }

    private static void increment(final AtomicLongArray counters, final int index, final long delta)
    {
        counters.setRelease(index, counters.getPlain(index) + delta);
    }
}
