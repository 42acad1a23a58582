package zvt.crypto.feed.simulator.rest;

/**
 * A deterministic fault schedule by request number (1-based, counted over all routes): every n-th request is
 * answered 429 with a Retry-After, or 5xx, or has its connection dropped without an answer, or is answered late.
 * When several apply to one request the order is: drop, 429, 5xx; slowness adds to any of them. A value of 0
 * disables that fault. Fluent; set before launch, read on the event loop.
 */
public final class RestFaults
{
    private int rateLimitEvery;
    private int retryAfterSeconds = 1;
    private int serverErrorEvery;
    private int serverErrorStatus = 503;
    private int dropEvery;
    private int slowEvery;
    private long slowDelayMs;

    /** Every n-th request gets 429 with {@code Retry-After: seconds}. */
    public RestFaults rateLimitEvery(final int n, final int retryAfterSeconds)
    {
        this.rateLimitEvery = n;
        this.retryAfterSeconds = retryAfterSeconds;
        return this;
    }

    /** Every n-th request gets {@code status} (500, 502, 503 or 504). */
    public RestFaults serverErrorEvery(final int n, final int status)
    {
        this.serverErrorEvery = n;
        this.serverErrorStatus = status;
        return this;
    }

    /** Every n-th request's connection is closed without an answer. */
    public RestFaults dropEvery(final int n)
    {
        this.dropEvery = n;
        return this;
    }

    /** Every n-th request is answered only after {@code delayMs}. */
    public RestFaults slowEvery(final int n, final long delayMs)
    {
        this.slowEvery = n;
        this.slowDelayMs = delayMs;
        return this;
    }

    boolean drop(final long request)
    {
        return hits(dropEvery, request);
    }

    boolean rateLimit(final long request)
    {
        return hits(rateLimitEvery, request);
    }

    boolean serverError(final long request)
    {
        return hits(serverErrorEvery, request);
    }

    long delayMs(final long request)
    {
        return hits(slowEvery, request) ? slowDelayMs : 0;
    }

    int retryAfterSeconds()
    {
        return retryAfterSeconds;
    }

    int serverErrorStatus()
    {
        return serverErrorStatus;
    }

    private static boolean hits(final int every, final long request)
    {
        return every > 0 && request % every == 0;
    }
}
