package zvt.crypto.gateway.auth;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one principal (an API key or a token subject) is using, over all its connections: its REST and subscribe
 * token buckets and its open WebSocket sessions. Thread-safe: a key's connections may be on different event loops.
 */
public final class KeyAccount
{
    private final String name;
    private final TokenBucket rest;
    private final TokenBucket subscribes;
    private final AtomicInteger connections = new AtomicInteger();
    private final int maxConnections;

    KeyAccount(final String name, final AuthContext context, final long nowNs)
    {
        this.name = name;
        this.rest = new TokenBucket(context.restBurst(), context.restRequestsPerSecond(), nowNs);
        this.subscribes = new TokenBucket(context.subscribeBurst(), context.subscribesPerSecond(), nowNs);
        this.maxConnections = context.maxConnectionsPerKey();
    }

    /** The principal's {@link Principal#name()}. */
    public String name()
    {
        return name;
    }

    /** @return true if this key may make one more subscribe request now (it is counted). */
    public boolean trySubscribe(final long nowNs)
    {
        return subscribes.tryAcquire(nowNs) == 0;
    }

    /** @return 0 if this key may make one more REST request now (it is counted), else nanoseconds to wait. */
    long tryRestRequest(final long nowNs)
    {
        return rest.tryAcquire(nowNs);
    }

    /** @return true if the key had fewer than its maximum sessions open; then one more is counted. */
    boolean tryOpenConnection()
    {
        while (true)
        {
            final int open = connections.get();
            if (open >= maxConnections)
            {
                return false;
            }
            if (connections.compareAndSet(open, open + 1))
            {
                return true;
            }
        }
    }

    void connectionClosed()
    {
        connections.decrementAndGet();
    }

    /** WebSocket sessions this key holds open (counted from the accepted handshake to the socket's close). */
    public int openConnections()
    {
        return connections.get();
    }
}
