package zvt.crypto.persistence.sink;

/**
 * Capped exponential backoff for a thread that writes to something that can go away: when to try again, and how
 * long the outage has lasted, so it is logged once when it starts and once when it ends.
 * <p>
 * Not thread-safe: it belongs to the writing thread.
 */
public final class RetryBackoff
{
    private final long minNanos;
    private final long maxNanos;
    private long delayNanos;
    private long retryAtNanos;
    private long outageStartNanos;
    private boolean inOutage;

    public RetryBackoff(final long minNanos, final long maxNanos)
    {
        this.minNanos = minNanos;
        this.maxNanos = maxNanos;
        this.delayNanos = minNanos;
    }

    /** @return true once the wait after the last failure is over (always, outside an outage). */
    public boolean canTry(final long nowNanos)
    {
        return nowNanos - retryAtNanos >= 0;
    }

    /**
     * Schedules the next try, doubling the wait up to the cap.
     *
     * @return true if this failure starts an outage (log it), false while one goes on.
     */
    public boolean onFailure(final long nowNanos)
    {
        final boolean starts = !inOutage;
        if (starts)
        {
            inOutage = true;
            outageStartNanos = nowNanos;
        }
        retryAtNanos = nowNanos + delayNanos;
        delayNanos = Math.min(delayNanos * 2, maxNanos);
        return starts;
    }

    /**
     * Ends an outage, if one was going on, and resets the wait.
     *
     * @return how long the outage lasted, or -1 if there was none.
     */
    public long onSuccess(final long nowNanos)
    {
        delayNanos = minNanos;
        if (!inOutage)
        {
            return -1;
        }
        inOutage = false;
        return nowNanos - outageStartNanos;
    }

    public long maxNanos()
    {
        return maxNanos;
    }
}
