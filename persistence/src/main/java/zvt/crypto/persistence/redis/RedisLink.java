package zvt.crypto.persistence.redis;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;

import zvt.crypto.persistence.sink.RetryBackoff;

/**
 * One thread's connection to Redis that can go away: connects when asked, backs off after a failure (100 ms doubling
 * to 5 s), and logs an outage once when it starts and once when it ends.
 * <p>
 * Not thread-safe: it belongs to the thread that uses the connection.
 */
final class RedisLink implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);

    private final RedisSettings settings;
    private final String name;
    private final String meanwhile;
    private final RetryBackoff backoff =
        new RetryBackoff(TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.SECONDS.toNanos(5));
    private Jedis jedis;
    private volatile boolean connected;

    /**
     * @param name      who connects, for the logs and Redis's client list (e.g. {@code redis-state}).
     * @param meanwhile what goes on while Redis is down, for the outage's log line.
     */
    RedisLink(final RedisSettings settings, final String name, final String meanwhile)
    {
        this.settings = settings;
        this.name = name;
        this.meanwhile = meanwhile;
    }

    /** @return the open connection, a new one, or null while backing off or when Redis cannot be reached. */
    Jedis connection(final long nowNanos)
    {
        if (jedis != null)
        {
            return jedis;
        }
        if (!backoff.canTry(nowNanos))
        {
            return null;
        }
        try
        {
            jedis = RedisConnections.open(settings, "zvt-" + name);
            final long outageNanos = backoff.onSuccess(nowNanos);
            if (outageNanos >= 0)
            {
                LOG.info("{}: Redis reachable again after {} ms", name, TimeUnit.NANOSECONDS.toMillis(outageNanos));
            }
            else
            {
                LOG.info("{}: connected to Redis at {}:{}", name, settings.host(), settings.port());
            }
            connected = true;
            return jedis;
        }
        catch (final RuntimeException ex)
        {
            failed(nowNanos, ex);
            return null;
        }
    }

    /** The connection failed: drop it, and back off before the next attempt. */
    void failed(final long nowNanos, final RuntimeException ex)
    {
        if (backoff.onFailure(nowNanos))
        {
            LOG.warn("{}: Redis unavailable ({}); {} (retrying with backoff up to {} ms)", name, ex.toString(),
                meanwhile, TimeUnit.NANOSECONDS.toMillis(backoff.maxNanos()));
        }
        close();
    }

    /** @return true while a connection is open. */
    boolean connected()
    {
        return connected;
    }

    public void close()
    {
        RedisConnections.closeQuietly(jedis);
        jedis = null;
        connected = false;
    }
}
