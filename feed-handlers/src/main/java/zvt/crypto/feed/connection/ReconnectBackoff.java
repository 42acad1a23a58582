package zvt.crypto.feed.connection;

import java.util.random.RandomGenerator;

/**
 * Delays between reconnect attempts: exponential growth with full jitter, i.e. a uniform random delay in
 * {@code [0, min(max, initial * 2^attempt)]}, so that many feeds losing a venue at once do not reconnect in step.
 * The attempt count goes back to zero once a connection has stayed up for the stable period, so a feed that drops
 * once a day reconnects quickly while one that flaps backs off to the cap.
 * <p>
 * Not thread-safe: used on the connection's event loop.
 */
public final class ReconnectBackoff
{
    private static final int MAX_DOUBLINGS = 30;

    private final long initialDelayMs;
    private final long maxDelayMs;
    private final long stablePeriodMs;
    private final RandomGenerator random;
    private int attempt;
    private long connectedAtMs = -1;

    public ReconnectBackoff(
        final long initialDelayMs, final long maxDelayMs, final long stablePeriodMs, final RandomGenerator random)
    {
        if (initialDelayMs <= 0 || maxDelayMs < initialDelayMs || stablePeriodMs < 0)
        {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max and stable >= 0: initial=" +
                initialDelayMs + " max=" + maxDelayMs + " stable=" + stablePeriodMs);
        }
        this.initialDelayMs = initialDelayMs;
        this.maxDelayMs = maxDelayMs;
        this.stablePeriodMs = stablePeriodMs;
        this.random = random;
    }

    /** @return the delay before the next attempt, and counts the attempt. */
    public long nextDelayMs()
    {
        final long ceiling = ceilingMs(attempt);
        if (attempt < MAX_DOUBLINGS)
        {
            attempt++;
        }
        return random.nextLong(ceiling + 1);
    }

    /** The upper bound of the delay for the given attempt number (0 = the first attempt after a loss). */
    public long ceilingMs(final int attempt)
    {
        final int doublings = Math.min(attempt, MAX_DOUBLINGS);
        final long grown = initialDelayMs << doublings;
        return grown <= 0 || grown > maxDelayMs || grown >> doublings != initialDelayMs ? maxDelayMs : grown;
    }

    public void onConnected(final long nowMs)
    {
        connectedAtMs = nowMs;
    }

    /** A session ended; if it was up for the stable period the next delay starts from the initial delay again. */
    public void onDisconnected(final long nowMs)
    {
        if (connectedAtMs >= 0 && nowMs - connectedAtMs >= stablePeriodMs)
        {
            attempt = 0;
        }
        connectedAtMs = -1;
    }

    /** Attempts counted since the last reset. */
    public int attempt()
    {
        return attempt;
    }
}
