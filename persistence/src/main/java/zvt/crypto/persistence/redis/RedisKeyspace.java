package zvt.crypto.persistence.redis;

import java.util.List;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** The keys under one prefix as a whole: what a throwaway run (the load harness's) removes when it ends. */
public final class RedisKeyspace
{
    private static final int SCAN_COUNT = 1000;

    private RedisKeyspace()
    {
    }

    /**
     * Unlinks every key under the settings' prefix ({@code <prefix>:*}); Redis frees their memory in the background.
     *
     * @return the number of keys removed.
     */
    public static long delete(final RedisSettings settings)
    {
        final ScanParams match = new ScanParams().match(settings.keyPrefix() + ":*").count(SCAN_COUNT);
        long deleted = 0;
        try (Jedis jedis = RedisConnections.open(settings, "zvt-keyspace-delete"))
        {
            String cursor = ScanParams.SCAN_POINTER_START;
            do
            {
                final ScanResult<String> page = jedis.scan(cursor, match);
                final List<String> keys = page.getResult();
                if (!keys.isEmpty())
                {
                    deleted += jedis.unlink(keys.toArray(String[]::new));
                }
                cursor = page.getCursor();
            }
            while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        }
        return deleted;
    }
}
