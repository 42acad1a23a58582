package zvt.crypto.feed.simulator.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the {@link RestSimulator} saw and did. Written on its event loop, readable from any thread.
 */
public final class RestSimulatorCounters
{
    /** One request as the server received it. */
    public record Request(long receivedAtNanos, String path, String query, int weight, int status)
    {
    }

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong overBudget = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong slowed = new AtomicLong();
    private final List<Request> log = new ArrayList<>();

    public long requests()
    {
        return requests.get();
    }

    /** Injected 429s. */
    public long rateLimited()
    {
        return rateLimited.get();
    }

    /** 429s because the client exceeded the server's weight budget (should stay 0 for a well-behaved client). */
    public long overBudget()
    {
        return overBudget.get();
    }

    public long serverErrors()
    {
        return serverErrors.get();
    }

    public long dropped()
    {
        return dropped.get();
    }

    public long slowed()
    {
        return slowed.get();
    }

    /** Every request received so far, in arrival order. */
    public List<Request> requestLog()
    {
        synchronized (log)
        {
            return List.copyOf(log);
        }
    }

    long onRequest()
    {
        return requests.incrementAndGet();
    }

    void onRateLimited()
    {
        rateLimited.incrementAndGet();
    }

    void onOverBudget()
    {
        overBudget.incrementAndGet();
    }

    void onServerError()
    {
        serverErrors.incrementAndGet();
    }

    void onDropped()
    {
        dropped.incrementAndGet();
    }

    void onSlowed()
    {
        slowed.incrementAndGet();
    }

    void log(final Request request)
    {
        synchronized (log)
        {
            log.add(request);
        }
    }
}
