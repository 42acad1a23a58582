package zvt.crypto.feed.rest;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What a {@link RestClient} did: attempts sent, retries, throttling answers (429/418), server errors (5xx), I/O
 * errors and timeouts, and requests that failed for good. Written on the client's event loop, readable from any
 * thread (for metrics and tests).
 */
public final class RestCounters
{
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong ioErrors = new AtomicLong();
    private final AtomicLong timeouts = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    public long attempts()
    {
        return attempts.get();
    }

    public long retries()
    {
        return retries.get();
    }

    /** Answers 429 (rate limited) and 418 (IP banned). */
    public long throttled()
    {
        return throttled.get();
    }

    public long serverErrors()
    {
        return serverErrors.get();
    }

    /** Connect failures, resets, and connections closed before a full response (timeouts excluded). */
    public long ioErrors()
    {
        return ioErrors.get();
    }

    public long timeouts()
    {
        return timeouts.get();
    }

    /** Requests given up: retries exhausted, a Retry-After too long to wait, or a response too large. */
    public long failures()
    {
        return failures.get();
    }

    void incrementAttempts()
    {
        attempts.incrementAndGet();
    }

    void incrementRetries()
    {
        retries.incrementAndGet();
    }

    void incrementThrottled()
    {
        throttled.incrementAndGet();
    }

    void incrementServerErrors()
    {
        serverErrors.incrementAndGet();
    }

    void incrementIoErrors()
    {
        ioErrors.incrementAndGet();
    }

    void incrementTimeouts()
    {
        timeouts.incrementAndGet();
    }

    void incrementFailures()
    {
        failures.incrementAndGet();
    }

    public String toString()
    {
        return "attempts=" + attempts() + " retries=" + retries() + " throttled=" + throttled() +
            " serverErrors=" + serverErrors() + " ioErrors=" + ioErrors() + " timeouts=" + timeouts() +
            " failures=" + failures();
    }
}
