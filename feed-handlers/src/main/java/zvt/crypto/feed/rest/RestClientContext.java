package zvt.crypto.feed.rest;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import zvt.crypto.core.counters.CountersRegistry;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Settings of one {@link RestClient}: timeouts, body size cap, retry policy, the venue's weight limiter, TLS and the
 * event loop. Fluent setters; {@link #conclude()} validates once and fills defaults. Not thread-safe: build it on one
 * thread, then hand it to the client.
 */
public final class RestClientContext
{
    public static final long CONNECT_TIMEOUT_MS_DEFAULT = 5_000;
    public static final long REQUEST_TIMEOUT_MS_DEFAULT = 15_000;
    public static final int MAX_RESPONSE_BYTES_DEFAULT = 16 << 20;
    public static final int MAX_ATTEMPTS_DEFAULT = 6;
    public static final long RETRY_INITIAL_DELAY_MS_DEFAULT = 250;
    public static final long RETRY_MAX_DELAY_MS_DEFAULT = 30_000;
    /** A Retry-After longer than this (a 418 ban can last days) fails the request instead of sleeping on it. */
    public static final long MAX_RETRY_AFTER_MS_DEFAULT = 300_000;
    /** Room for one client's counters (one per outcome) when it has no registry of the node's. */
    private static final int OWN_COUNTERS = 16;

    private String name = "rest";
    private long connectTimeoutMs = CONNECT_TIMEOUT_MS_DEFAULT;
    private long requestTimeoutMs = REQUEST_TIMEOUT_MS_DEFAULT;
    private int maxResponseBytes = MAX_RESPONSE_BYTES_DEFAULT;
    private int maxAttempts = MAX_ATTEMPTS_DEFAULT;
    private long retryInitialDelayMs = RETRY_INITIAL_DELAY_MS_DEFAULT;
    private long retryMaxDelayMs = RETRY_MAX_DELAY_MS_DEFAULT;
    private long maxRetryAfterMs = MAX_RETRY_AFTER_MS_DEFAULT;
    private String userAgent = "zvt-crypto/0.1";
    private RequestWeightLimiter limiter;
    private SslContext sslContext;
    private EventLoopGroup eventLoopGroup;
    private RandomGenerator random;
    private RestCounters counters;
    private boolean concluded;

    /** Used in thread and log names, e.g. {@code binance-rest}. */
    public RestClientContext name(final String name)
    {
        this.name = name;
        return this;
    }

    public String name()
    {
        return name;
    }

    public RestClientContext connectTimeoutMs(final long connectTimeoutMs)
    {
        this.connectTimeoutMs = connectTimeoutMs;
        return this;
    }

    public long connectTimeoutMs()
    {
        return connectTimeoutMs;
    }

    /** One attempt (connect, send, whole response) must finish within this, or it fails as a timeout. */
    public RestClientContext requestTimeoutMs(final long requestTimeoutMs)
    {
        this.requestTimeoutMs = requestTimeoutMs;
        return this;
    }

    public long requestTimeoutMs()
    {
        return requestTimeoutMs;
    }

    /** A larger body fails the attempt (not retried). */
    public RestClientContext maxResponseBytes(final int maxResponseBytes)
    {
        this.maxResponseBytes = maxResponseBytes;
        return this;
    }

    public int maxResponseBytes()
    {
        return maxResponseBytes;
    }

    /** Attempts per request including the first; 1 disables retries. */
    public RestClientContext maxAttempts(final int maxAttempts)
    {
        this.maxAttempts = maxAttempts;
        return this;
    }

    public int maxAttempts()
    {
        return maxAttempts;
    }

    /** Ceiling of the first retry delay; it doubles per retry up to the max, and the delay is drawn below it. */
    public RestClientContext retryInitialDelayMs(final long retryInitialDelayMs)
    {
        this.retryInitialDelayMs = retryInitialDelayMs;
        return this;
    }

    public long retryInitialDelayMs()
    {
        return retryInitialDelayMs;
    }

    public RestClientContext retryMaxDelayMs(final long retryMaxDelayMs)
    {
        this.retryMaxDelayMs = retryMaxDelayMs;
        return this;
    }

    public long retryMaxDelayMs()
    {
        return retryMaxDelayMs;
    }

    public RestClientContext maxRetryAfterMs(final long maxRetryAfterMs)
    {
        this.maxRetryAfterMs = maxRetryAfterMs;
        return this;
    }

    public long maxRetryAfterMs()
    {
        return maxRetryAfterMs;
    }

    public RestClientContext userAgent(final String userAgent)
    {
        this.userAgent = userAgent;
        return this;
    }

    public String userAgent()
    {
        return userAgent;
    }

    /** The venue's weight budget; share one limiter between all clients of the same venue and IP. Default: none. */
    public RestClientContext limiter(final RequestWeightLimiter limiter)
    {
        this.limiter = limiter;
        return this;
    }

    public RequestWeightLimiter limiter()
    {
        return limiter;
    }

    /** TLS for {@code https://}; default: JDK provider, platform trust store, host name verification. */
    public RestClientContext sslContext(final SslContext sslContext)
    {
        this.sslContext = sslContext;
        return this;
    }

    public SslContext sslContext()
    {
        return sslContext;
    }

    /** A shared event loop group; when unset the client owns a single-threaded one and shuts it down on close. */
    public RestClientContext eventLoopGroup(final EventLoopGroup eventLoopGroup)
    {
        this.eventLoopGroup = eventLoopGroup;
        return this;
    }

    public EventLoopGroup eventLoopGroup()
    {
        return eventLoopGroup;
    }

    /** Source of retry jitter; seed it for reproducible delays in tests. */
    public RestClientContext random(final RandomGenerator random)
    {
        this.random = random;
        return this;
    }

    public RandomGenerator random()
    {
        return random;
    }

    /**
     * Where the client counts its requests: a metric of the node's counters registry (e.g. the backfill's); by
     * default {@code zvt_rest_requests{client=<name>}} in a registry of the client's own.
     */
    public RestClientContext counters(final RestCounters counters)
    {
        this.counters = counters;
        return this;
    }

    public RestCounters counters()
    {
        return counters;
    }

    /**
     * Validates the settings and fills the defaults; idempotent.
     *
     * @throws IllegalArgumentException naming the first setting out of range.
     */
    public RestClientContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        require(name != null && !name.isBlank(), "name is required");
        require(connectTimeoutMs > 0, "connectTimeoutMs must be positive: " + connectTimeoutMs);
        require(requestTimeoutMs > 0, "requestTimeoutMs must be positive: " + requestTimeoutMs);
        require(maxResponseBytes > 0, "maxResponseBytes must be positive: " + maxResponseBytes);
        require(maxAttempts > 0, "maxAttempts must be positive: " + maxAttempts);
        require(retryInitialDelayMs > 0, "retryInitialDelayMs must be positive: " + retryInitialDelayMs);
        require(retryMaxDelayMs >= retryInitialDelayMs,
            "retryMaxDelayMs must be >= retryInitialDelayMs: " + retryMaxDelayMs);
        require(maxRetryAfterMs >= 0, "maxRetryAfterMs must not be negative: " + maxRetryAfterMs);
        if (limiter == null)
        {
            limiter = RequestWeightLimiter.unlimited();
        }
        if (random == null)
        {
            random = new SplittableRandom();
        }
        if (counters == null)
        {
            counters = new RestCounters(new CountersRegistry(OWN_COUNTERS), "zvt_rest_requests", "client", name);
        }
        concluded = true;
        return this;
    }

    private static void require(final boolean condition, final String message)
    {
        if (!condition)
        {
            throw new IllegalArgumentException(message);
        }
    }
}
