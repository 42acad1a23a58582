package zvt.crypto.gateway.auth;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket of {@code capacity} tokens refilled at {@code perSecond}, kept as one number: the time at which the
 * bucket will be full again (the generic cell rate algorithm). Taking a token moves that time one refill interval
 * later; a token is there while it stays within {@code capacity} intervals of now.
 * <p>
 * Thread-safe and allocation-free (one CAS per take), so the connections of one key on different event loops can
 * share a bucket. Times are {@link System#nanoTime()}-like: only differences matter.
 */
public final class TokenBucket
{
    private static final long SECOND_NS = TimeUnit.SECONDS.toNanos(1);

    private final long intervalNs;
    private final long burstNs;
    private final AtomicLong fullAtNs;

    /**
     * @param capacity  tokens a full bucket holds: the burst allowed after a quiet spell.
     * @param perSecond tokens added per second, up to the capacity.
     * @param nowNs     the bucket starts full at this time.
     */
    public TokenBucket(final int capacity, final int perSecond, final long nowNs)
    {
        if (capacity < 1 || perSecond < 1)
        {
            throw new IllegalArgumentException("capacity and perSecond must be positive: " + capacity + ", " +
                perSecond);
        }
        this.intervalNs = SECOND_NS / perSecond;
        this.burstNs = intervalNs * capacity;
        this.fullAtNs = new AtomicLong(nowNs);
    }

    /**
     * @return 0 if a token was taken, else how many nanoseconds until one will be there (nothing is taken).
     */
    public long tryAcquire(final long nowNs)
    {
        while (true)
        {
            final long fullAt = fullAtNs.get();
            // Wrap-safe max: a bucket idle for long is simply full.
            final long next = (fullAt - nowNs > 0 ? fullAt : nowNs) + intervalNs;
            final long waitNs = next - nowNs - burstNs;
            if (waitNs > 0)
            {
                return waitNs;
            }
            if (fullAtNs.compareAndSet(fullAt, next))
            {
                return 0;
            }
        }
    }
}
