package zvt.crypto.persistence.redis;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** Opens the one connection each Redis writer or reader thread owns. */
final class RedisConnections
{
    private RedisConnections()
    {
    }

    /** @return a connection that has answered PING; throws if Redis cannot be reached. */
    static Jedis open(final RedisSettings settings, final String clientName)
    {
        final int timeoutMs = (int)settings.timeout().toMillis();
        final Jedis jedis = new Jedis(new HostAndPort(settings.host(), settings.port()),
            DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(timeoutMs)
                .socketTimeoutMillis(timeoutMs)
                .password(settings.password())
                .clientName(clientName)
                .autoNegotiateProtocol(false)
                .build());
        try
        {
            jedis.ping();
            return jedis;
        }
        catch (final RuntimeException ex)
        {
            jedis.close();
            throw ex;
        }
    }

    /** Closes a connection that may already be broken. */
    static void closeQuietly(final Jedis jedis)
    {
        if (jedis != null)
        {
            try
            {
                jedis.close();
            }
            catch (final RuntimeException ignore)
            {
                // the connection is being dropped anyway
            }
        }
    }
}
