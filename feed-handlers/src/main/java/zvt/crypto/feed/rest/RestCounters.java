package zvt.crypto.feed.rest;

import org.agrona.concurrent.status.AtomicCounter;
import zvt.crypto.core.counters.CountersRegistry;

/**
 * What a {@link RestClient} did: attempts sent, retries, throttling answers (429/418), server errors (5xx), I/O
 * errors and timeouts, and requests that failed for good. A typed view over one metric of the node's
 * {@link CountersRegistry}, one series per {@code outcome}. Off the market-data path: atomic increments; readable
 * from any thread.
 */
public final class RestCounters
{
    private final AtomicCounter attempts;
    private final AtomicCounter retries;
    private final AtomicCounter throttled;
    private final AtomicCounter serverErrors;
    private final AtomicCounter ioErrors;
    private final AtomicCounter timeouts;
    private final AtomicCounter failures;

    /**
     * @param name   the metric, e.g. {@code zvt_backfill_requests}.
     * @param labels what the client serves, label names and values alternating (e.g. {@code "venue", "binance"}).
     */
    public RestCounters(final CountersRegistry registry, final String name, final String... labels)
    {
        attempts = outcome(registry, name, labels, "sent");
        retries = outcome(registry, name, labels, "retried");
        throttled = outcome(registry, name, labels, "throttled");
        serverErrors = outcome(registry, name, labels, "server_error");
        ioErrors = outcome(registry, name, labels, "io_error");
        timeouts = outcome(registry, name, labels, "timeout");
        failures = outcome(registry, name, labels, "failed");
    }

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
        attempts.increment();
    }

    void incrementRetries()
    {
        retries.increment();
    }

    void incrementThrottled()
    {
        throttled.increment();
    }

    void incrementServerErrors()
    {
        serverErrors.increment();
    }

    void incrementIoErrors()
    {
        ioErrors.increment();
    }

    void incrementTimeouts()
    {
        timeouts.increment();
    }

    void incrementFailures()
    {
        failures.increment();
    }

    public String toString()
    {
        return CountersRegistry.describe(attempts, retries, throttled, serverErrors, ioErrors, timeouts, failures);
    }

    private static AtomicCounter outcome(
        final CountersRegistry registry, final String name, final String[] labels, final String outcome)
    {
        final String[] withOutcome = java.util.Arrays.copyOf(labels, labels.length + 2);
        withOutcome[labels.length] = "outcome";
        withOutcome[labels.length + 1] = outcome;
        return registry.counter(name, "REST requests, by outcome", withOutcome);
    }
}
