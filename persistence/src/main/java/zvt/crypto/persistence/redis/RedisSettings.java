package zvt.crypto.persistence.redis;

import java.net.URI;
import java.time.Duration;

/**
 * Where Redis is and how the writers use it. The password never comes from configuration files in the repository:
 * pass it from the environment or a secret file.
 *
 * @param host            Redis host.
 * @param port            Redis port.
 * @param password        AUTH password, or null for none.
 * @param keyPrefix       every key starts with this and a colon (default {@code zvt}).
 * @param bookDepth       levels per side kept in each instrument's book snapshot.
 * @param streamMaxLength entries kept per venue stream, trimmed approximately (XADD MAXLEN ~).
 * @param streamSnapshotInterval how often (in receive time) each good book is also appended whole to its stream,
 *                        so a reader starting anywhere in a trimmed stream gets every book soon.
 * @param timeout         connect and socket timeout.
 */
public record RedisSettings(
    String host,
    int port,
    String password,
    String keyPrefix,
    int bookDepth,
    long streamMaxLength,
    Duration streamSnapshotInterval,
    Duration timeout)
{
    public static final String DEFAULT_PREFIX = "zvt";
    public static final int DEFAULT_BOOK_DEPTH = 20;
    public static final long DEFAULT_STREAM_MAX_LENGTH = 1_000_000;
    public static final Duration DEFAULT_STREAM_SNAPSHOT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    public RedisSettings
    {
        if (host == null || host.isBlank() || port < 1 || port > 65_535)
        {
            throw new IllegalArgumentException("bad Redis address: " + host + ":" + port);
        }
        if (keyPrefix == null || keyPrefix.isEmpty() || bookDepth < 1 || streamMaxLength < 1 ||
            streamSnapshotInterval.isNegative() || streamSnapshotInterval.isZero())
        {
            throw new IllegalArgumentException("bad Redis settings: prefix '" + keyPrefix + "', book depth " +
                bookDepth + ", stream length " + streamMaxLength);
        }
    }

    /** Parses {@code redis://host:port} with the defaults for the rest. */
    public static RedisSettings of(final String url, final String password)
    {
        final URI uri = URI.create(url);
        if (!"redis".equals(uri.getScheme()) || uri.getHost() == null || uri.getUserInfo() != null)
        {
            throw new IllegalArgumentException("Redis URL must be redis://host[:port], without credentials: " +
                uri.getScheme() + "://" + uri.getHost());
        }
        return new RedisSettings(uri.getHost(), uri.getPort() == -1 ? 6379 : uri.getPort(), password, DEFAULT_PREFIX,
            DEFAULT_BOOK_DEPTH, DEFAULT_STREAM_MAX_LENGTH, DEFAULT_STREAM_SNAPSHOT_INTERVAL, DEFAULT_TIMEOUT);
    }

    public RedisSettings withKeyPrefix(final String prefix)
    {
        return new RedisSettings(host, port, password, prefix, bookDepth, streamMaxLength, streamSnapshotInterval,
            timeout);
    }

    public RedisSettings withBookDepth(final int depth)
    {
        return new RedisSettings(host, port, password, keyPrefix, depth, streamMaxLength, streamSnapshotInterval,
            timeout);
    }

    public RedisSettings withStreamMaxLength(final long length)
    {
        return new RedisSettings(host, port, password, keyPrefix, bookDepth, length, streamSnapshotInterval, timeout);
    }

    public RedisSettings withStreamSnapshotInterval(final Duration interval)
    {
        return new RedisSettings(host, port, password, keyPrefix, bookDepth, streamMaxLength, interval, timeout);
    }

    public String toString()
    {
        return "RedisSettings{" + host + ":" + port + ", auth=" + (password != null) + ", prefix=" + keyPrefix +
            ", bookDepth=" + bookDepth + ", streamMaxLength=" + streamMaxLength + ", streamSnapshotIntervalMs=" +
            streamSnapshotInterval.toMillis() + '}';
    }
}
