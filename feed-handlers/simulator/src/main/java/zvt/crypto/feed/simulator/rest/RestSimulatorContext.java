package zvt.crypto.feed.simulator.rest;

import io.netty.handler.ssl.SslContext;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings of a {@link RestSimulator}: where to listen, TLS, the routes by path, the fault schedule and an optional
 * server-side weight budget (a fixed window, like Binance's per-minute {@code X-MBX-USED-WEIGHT-1M}). Fluent; not
 * thread-safe: build it on one thread before launch.
 */
public final class RestSimulatorContext
{
    private String host = "127.0.0.1";
    private int port;
    private SslContext sslContext;
    private final Map<String, RestRoute> routes = new LinkedHashMap<>();
    private RestFaults faults = new RestFaults();
    private long weightLimit;
    private long weightWindowMs;

    public RestSimulatorContext host(final String host)
    {
        this.host = host;
        return this;
    }

    public String host()
    {
        return host;
    }

    /** 0 (default) binds an ephemeral port. */
    public RestSimulatorContext port(final int port)
    {
        this.port = port;
        return this;
    }

    public int port()
    {
        return port;
    }

    /** Serve {@code https://} with this server context (SNI is recorded); default plain {@code http://}. */
    public RestSimulatorContext sslContext(final SslContext sslContext)
    {
        this.sslContext = sslContext;
        return this;
    }

    public SslContext sslContext()
    {
        return sslContext;
    }

    /** Mounts a route at an exact path, e.g. {@code /api/v3/klines}. */
    public RestSimulatorContext route(final String path, final RestRoute route)
    {
        routes.put(path, route);
        return this;
    }

    public Map<String, RestRoute> routes()
    {
        return Map.copyOf(routes);
    }

    public RestSimulatorContext faults(final RestFaults faults)
    {
        this.faults = faults;
        return this;
    }

    public RestFaults faults()
    {
        return faults;
    }

    /**
     * Rejects with 429 (and a Retry-After to the end of the window) any request that would push the weight used in
     * the current fixed window past {@code limit}. 0 disables the budget (default).
     */
    public RestSimulatorContext weightBudget(final long limit, final long windowMs)
    {
        this.weightLimit = limit;
        this.weightWindowMs = windowMs;
        return this;
    }

    public long weightLimit()
    {
        return weightLimit;
    }

    public long weightWindowMs()
    {
        return weightWindowMs;
    }

    /** @throws IllegalArgumentException naming the first invalid setting. */
    public RestSimulatorContext conclude()
    {
        if (host == null || host.isBlank())
        {
            throw new IllegalArgumentException("host is required");
        }
        if (port < 0 || port > 65_535)
        {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (weightLimit < 0 || (weightLimit > 0 && weightWindowMs <= 0))
        {
            throw new IllegalArgumentException("weight budget needs limit >= 0 and a positive window: " +
                weightLimit + " per " + weightWindowMs + " ms");
        }
        if (faults == null)
        {
            faults = new RestFaults();
        }
        return this;
    }
}
