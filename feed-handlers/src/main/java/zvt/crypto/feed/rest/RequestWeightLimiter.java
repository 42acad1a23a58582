package zvt.crypto.feed.rest;

import java.util.concurrent.TimeUnit;

/**
 * A venue's request-weight budget: at most {@code limit} weight in any window of length {@code window} (Binance:
 * 6,000 weight per minute per IP; OKX history candles: 20 requests per 2 s; Bybit: 600 requests per 5 s; Coinbase
 * Exchange: 10 requests per second). It is a sliding-window log: each booked request is remembered with its send
 * time until it leaves the window, and a new request is given the earliest send time at which the weight inside the
 * window, its own included, stays within the limit. That holds for every window, so it also satisfies venues that
 * count in fixed clock-aligned windows. Requests are released in the order they were booked.
 * <p>
 * {@link #reserve} never blocks: it books the weight and says how long the caller must wait before sending, so one
 * limiter can pace requests of many threads or event loops. A venue that says "slow down" (429/418 with
 * Retry-After) can {@link #pauseUntil pause} everyone sharing the limiter.
 * <p>
 * Thread-safe (synchronized; this is not a hot path).
 */
public final class RequestWeightLimiter
{
    private final long limit;
    private final long windowNanos;
    private long[] times = new long[64];
    private long[] weights = new long[64];
    private int head;
    private int size;
    private long weightInLog;
    private long lastSendNanos = Long.MIN_VALUE;
    private long pausedUntilNanos = Long.MIN_VALUE;
    private long reservedWeight;

    /**
     * @param limit  weight allowed per window, positive.
     * @param window length of the window, positive.
     */
    public RequestWeightLimiter(final long limit, final long window, final TimeUnit unit)
    {
        if (limit <= 0 || window <= 0)
        {
            throw new IllegalArgumentException("limit and window must be positive: " + limit + " per " + window);
        }
        this.limit = limit;
        this.windowNanos = unit.toNanos(window);
    }

    /** A limiter that never delays anyone. */
    public static RequestWeightLimiter unlimited()
    {
        return new RequestWeightLimiter(Long.MAX_VALUE / 4, 1, TimeUnit.NANOSECONDS);
    }

    /**
     * Books {@code weight} and returns how long to wait before sending. A request heavier than the whole limit is
     * sent alone, once the window is empty.
     *
     * @param weight   cost of the request.
     * @param nowNanos {@link System#nanoTime()} now.
     * @return nanoseconds to wait before the request may be sent (0 = now).
     */
    public synchronized long reserve(final int weight, final long nowNanos)
    {
        long sendAt = Math.max(nowNanos, Math.max(lastSendNanos, pausedUntilNanos));
        expireUpTo(sendAt);
        while (size > 0 && weightInLog + weight > limit)
        {
            // Wait for the oldest booked request to leave the window, then look again.
            sendAt = Math.max(sendAt, times[head] + windowNanos);
            expireUpTo(sendAt);
        }
        append(sendAt, weight);
        lastSendNanos = sendAt;
        reservedWeight += weight;
        return sendAt - nowNanos;
    }

    /** Nobody sharing this limiter sends before {@code untilNanos} ({@link System#nanoTime()} based). */
    public synchronized void pauseUntil(final long untilNanos)
    {
        pausedUntilNanos = Math.max(pausedUntilNanos, untilNanos);
    }

    /** Total weight booked so far. */
    public synchronized long reservedWeight()
    {
        return reservedWeight;
    }

    public long limit()
    {
        return limit;
    }

    public long windowNanos()
    {
        return windowNanos;
    }

    /** Drops the requests that are out of the window ending at {@code sendAt}: sent at or before sendAt - window. */
    private void expireUpTo(final long sendAt)
    {
        while (size > 0 && times[head] <= sendAt - windowNanos)
        {
            weightInLog -= weights[head];
            head = (head + 1) % times.length;
            size--;
        }
    }

    private void append(final long sendAt, final long weight)
    {
        if (size == times.length)
        {
            final long[] newTimes = new long[times.length * 2];
            final long[] newWeights = new long[times.length * 2];
            for (int i = 0; i < size; i++)
            {
                newTimes[i] = times[(head + i) % times.length];
                newWeights[i] = weights[(head + i) % times.length];
            }
            times = newTimes;
            weights = newWeights;
            head = 0;
        }
        final int tail = (head + size) % times.length;
        times[tail] = sendAt;
        weights[tail] = weight;
        size++;
        weightInLog += weight;
    }

    public String toString()
    {
        return "RequestWeightLimiter{" + limit + " per " + TimeUnit.NANOSECONDS.toMillis(windowNanos) + " ms}";
    }
}
