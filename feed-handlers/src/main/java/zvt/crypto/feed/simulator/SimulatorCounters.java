package zvt.crypto.feed.simulator;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the simulator has done. Written only by its event loop, readable from any thread.
 */
public final class SimulatorCounters
{
    private final AtomicLong tradesGenerated = new AtomicLong();
    private final AtomicLong messagesSent = new AtomicLong();
    private final AtomicLong messagesDropped = new AtomicLong();
    private final AtomicLong connectionsAccepted = new AtomicLong();
    private final AtomicLong activeConnections = new AtomicLong();
    private final AtomicLong controlRequests = new AtomicLong();
    private final AtomicLong pingsSent = new AtomicLong();
    private final AtomicLong pongsReceived = new AtomicLong();
    private volatile String lastServerName;

    /** Trades the market generated (each may be sent to several connections, or to none). */
    public long tradesGenerated()
    {
        return tradesGenerated.get();
    }

    /** Trade frames written to connections. */
    public long messagesSent()
    {
        return messagesSent.get();
    }

    /** Trade frames not written because the connection's outbound buffer was full (a slow client). */
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

    void incrementTradesGenerated()
    {
        increment(tradesGenerated);
    }

    void incrementMessagesSent()
    {
        increment(messagesSent);
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
        return "tradesGenerated=" + tradesGenerated() + " messagesSent=" + messagesSent() + " messagesDropped=" +
            messagesDropped() + " connectionsAccepted=" + connectionsAccepted() + " activeConnections=" +
            activeConnections() + " controlRequests=" + controlRequests() + " pingsSent=" + pingsSent() +
            " pongsReceived=" + pongsReceived();
    }

    private static void increment(final AtomicLong counter)
    {
        counter.setRelease(counter.getPlain() + 1);
    }
}
