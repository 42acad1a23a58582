package zvt.crypto.gateway.ws;

import java.util.concurrent.TimeUnit;

/**
 * Allows at most N control messages per one-second window for one session. Not thread-safe: one per session, used
 * on its event loop.
 */
final class RequestRateLimiter
{
    private static final long WINDOW_NS = TimeUnit.SECONDS.toNanos(1);

    private final int maxPerWindow;
    private long windowStartNs;
    private int acceptedInWindow;
    private int rejectedInWindow;

    RequestRateLimiter(final int maxPerWindow, final long nowNs)
    {
        this.maxPerWindow = maxPerWindow;
        this.windowStartNs = nowNs;
    }

    /** @return true if one more message fits in the current window. */
    boolean tryAcquire(final long nowNs)
    {
        if (nowNs - windowStartNs >= WINDOW_NS)
        {
            windowStartNs = nowNs;
            acceptedInWindow = 0;
            rejectedInWindow = 0;
        }
        if (acceptedInWindow < maxPerWindow)
        {
            acceptedInWindow++;
            return true;
        }
        rejectedInWindow++;
        return false;
    }

    /** After a refused {@link #tryAcquire}: was it the first refusal of this window (the one worth answering)? */
    boolean firstRejectionInWindow()
    {
        return rejectedInWindow == 1;
    }
}
