package zvt.crypto.gateway;

import io.netty.channel.EventLoopGroup;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.core.latency.HopLatencies;
import zvt.crypto.gateway.auth.AuthContext;
import zvt.crypto.journal.Journal;
import zvt.crypto.persistence.query.MarketDataQueries;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Configuration of the gateway: where it listens, what a client may ask of it, and how much unread output a session
 * may hold before it is dropped as a slow consumer. Defaults come from the system properties named by the
 * {@code *_PROP_NAME} constants; fluent setters override them; {@link #conclude()} validates once before use and
 * creates the shared {@link GatewayCounters} if none was given.
 * <p>
 * Not thread-safe: configure on one thread, then hand the concluded context to
 * {@link zvt.crypto.gateway.fanout.FanoutEventHandler} and {@link zvt.crypto.gateway.ws.GatewayServer}.
 */
public final class GatewayContext
{
    public static final String HOST_PROP_NAME = "zvt.gateway.host";
    public static final String HOST_DEFAULT = "127.0.0.1";

    /** 0 binds an ephemeral port; {@link zvt.crypto.gateway.ws.GatewayServer#port()} tells which. */
    public static final String PORT_PROP_NAME = "zvt.gateway.port";
    public static final int PORT_DEFAULT = 0;

    public static final String WEBSOCKET_PATH_PROP_NAME = "zvt.gateway.websocket.path";
    public static final String WEBSOCKET_PATH_DEFAULT = "/ws";

    /** Largest control message a client may send; larger ones close the session with 1009 (message too big). */
    public static final String MAX_INBOUND_FRAME_BYTES_PROP_NAME = "zvt.gateway.max.inbound.frame.bytes";
    public static final int MAX_INBOUND_FRAME_BYTES_DEFAULT = 4096;

    public static final String MAX_CONTROL_MESSAGES_PER_SECOND_PROP_NAME =
        "zvt.gateway.max.control.messages.per.second";
    public static final int MAX_CONTROL_MESSAGES_PER_SECOND_DEFAULT = 50;

    public static final String MAX_SUBSCRIPTIONS_PER_SESSION_PROP_NAME = "zvt.gateway.max.subscriptions.per.session";
    public static final int MAX_SUBSCRIPTIONS_PER_SESSION_DEFAULT = 256;

    /** Unwritten bytes a session may hold; above this it is a slow consumer and is disconnected. */
    public static final String WRITE_BUFFER_HIGH_WATERMARK_PROP_NAME = "zvt.gateway.write.buffer.high.watermark";
    public static final int WRITE_BUFFER_HIGH_WATERMARK_DEFAULT = 1024 * 1024;

    public static final String WRITE_BUFFER_LOW_WATERMARK_PROP_NAME = "zvt.gateway.write.buffer.low.watermark";
    public static final int WRITE_BUFFER_LOW_WATERMARK_DEFAULT = 512 * 1024;

    /** Subscription changes waiting for the fan-out thread; when full, requests are refused as server busy. */
    public static final String COMMAND_QUEUE_CAPACITY_PROP_NAME = "zvt.gateway.command.queue.capacity";
    public static final int COMMAND_QUEUE_CAPACITY_DEFAULT = 4096;

    /** How long a closing session has to take its close frame before the socket is dropped. */
    public static final String CLOSE_TIMEOUT_MS_PROP_NAME = "zvt.gateway.close.timeout.ms";
    public static final long CLOSE_TIMEOUT_MS_DEFAULT = 2000;

    public static final String IO_THREADS_PROP_NAME = "zvt.gateway.io.threads";
    public static final int IO_THREADS_DEFAULT = 1;

    private String host = System.getProperty(HOST_PROP_NAME, HOST_DEFAULT);
    private int port = Integer.getInteger(PORT_PROP_NAME, PORT_DEFAULT);
    private String webSocketPath = System.getProperty(WEBSOCKET_PATH_PROP_NAME, WEBSOCKET_PATH_DEFAULT);
    private int maxInboundFrameBytes = Integer.getInteger(
        MAX_INBOUND_FRAME_BYTES_PROP_NAME, MAX_INBOUND_FRAME_BYTES_DEFAULT);
    private int maxControlMessagesPerSecond = Integer.getInteger(
        MAX_CONTROL_MESSAGES_PER_SECOND_PROP_NAME, MAX_CONTROL_MESSAGES_PER_SECOND_DEFAULT);
    private int maxSubscriptionsPerSession = Integer.getInteger(
        MAX_SUBSCRIPTIONS_PER_SESSION_PROP_NAME, MAX_SUBSCRIPTIONS_PER_SESSION_DEFAULT);
    private int writeBufferHighWatermark = Integer.getInteger(
        WRITE_BUFFER_HIGH_WATERMARK_PROP_NAME, WRITE_BUFFER_HIGH_WATERMARK_DEFAULT);
    private int writeBufferLowWatermark = Integer.getInteger(
        WRITE_BUFFER_LOW_WATERMARK_PROP_NAME, WRITE_BUFFER_LOW_WATERMARK_DEFAULT);
    private int commandQueueCapacity = Integer.getInteger(
        COMMAND_QUEUE_CAPACITY_PROP_NAME, COMMAND_QUEUE_CAPACITY_DEFAULT);
    private long closeTimeoutMs = Long.getLong(CLOSE_TIMEOUT_MS_PROP_NAME, CLOSE_TIMEOUT_MS_DEFAULT);
    private int ioThreads = Integer.getInteger(IO_THREADS_PROP_NAME, IO_THREADS_DEFAULT);
    private EventLoopGroup sharedEventLoops;
    private NanoClock nanoClock;
    private Supplier<String> healthDetails = () -> null;
    private Supplier<MarketDataQueries> marketData = () -> null;
    private int restQueryThreads = 4;
    private long restTimeoutMs = 5_000;
    private long restCacheBytes = 64L * 1024 * 1024;
    private long restCacheTtlMs = 60_000;
    private long restCacheSettleMarginMs = 5_000;
    private EpochClock epochClock = SystemEpochClock.INSTANCE;
    private Supplier<List<String>> readiness = List::of;
    private long readyBookStaleMs = 10_000;
    private Supplier<Map<String, Object>> journalStats = () -> null;
    private Journal journal;
    private int maxConcurrentReplays = 8;
    private int outboxCapacity = 65_536;
    private long replayStallTimeoutMs = 30_000;
    private GatewayCounters counters;
    private MetricsSource metrics;
    private HopLatencies latencies;
    private AuthContext auth = new AuthContext();

    public GatewayContext host(final String host)
    {
        this.host = host;
        return this;
    }

    public String host()
    {
        return host;
    }

    public GatewayContext port(final int port)
    {
        this.port = port;
        return this;
    }

    public int port()
    {
        return port;
    }

    public GatewayContext webSocketPath(final String webSocketPath)
    {
        this.webSocketPath = webSocketPath;
        return this;
    }

    public String webSocketPath()
    {
        return webSocketPath;
    }

    public GatewayContext maxInboundFrameBytes(final int maxInboundFrameBytes)
    {
        this.maxInboundFrameBytes = maxInboundFrameBytes;
        return this;
    }

    public int maxInboundFrameBytes()
    {
        return maxInboundFrameBytes;
    }

    public GatewayContext maxControlMessagesPerSecond(final int maxControlMessagesPerSecond)
    {
        this.maxControlMessagesPerSecond = maxControlMessagesPerSecond;
        return this;
    }

    public int maxControlMessagesPerSecond()
    {
        return maxControlMessagesPerSecond;
    }

    public GatewayContext maxSubscriptionsPerSession(final int maxSubscriptionsPerSession)
    {
        this.maxSubscriptionsPerSession = maxSubscriptionsPerSession;
        return this;
    }

    public int maxSubscriptionsPerSession()
    {
        return maxSubscriptionsPerSession;
    }

    public GatewayContext writeBufferHighWatermark(final int writeBufferHighWatermark)
    {
        this.writeBufferHighWatermark = writeBufferHighWatermark;
        return this;
    }

    public int writeBufferHighWatermark()
    {
        return writeBufferHighWatermark;
    }

    public GatewayContext writeBufferLowWatermark(final int writeBufferLowWatermark)
    {
        this.writeBufferLowWatermark = writeBufferLowWatermark;
        return this;
    }

    public int writeBufferLowWatermark()
    {
        return writeBufferLowWatermark;
    }

    public GatewayContext commandQueueCapacity(final int commandQueueCapacity)
    {
        this.commandQueueCapacity = commandQueueCapacity;
        return this;
    }

    public int commandQueueCapacity()
    {
        return commandQueueCapacity;
    }

    public GatewayContext closeTimeoutMs(final long closeTimeoutMs)
    {
        this.closeTimeoutMs = closeTimeoutMs;
        return this;
    }

    public long closeTimeoutMs()
    {
        return closeTimeoutMs;
    }

    public GatewayContext ioThreads(final int ioThreads)
    {
        this.ioThreads = ioThreads;
        return this;
    }

    public int ioThreads()
    {
        return ioThreads;
    }

    /**
     * Serve sessions on these loops, owned by the caller, instead of {@link #ioThreads()} loops of the gateway's own
     * (then unused). Given the loop that also drains the ring ({@code ring.consumer.threads = hosted}), the fan-out
     * writes to its sessions in the loop: no task handed to and no thread woken on another loop for each batch.
     */
    public GatewayContext sharedEventLoops(final EventLoopGroup sharedEventLoops)
    {
        this.sharedEventLoops = sharedEventLoops;
        return this;
    }

    /** The caller's loops to serve sessions on, or null for loops of the gateway's own. */
    public EventLoopGroup sharedEventLoops()
    {
        return sharedEventLoops;
    }

    /** Clock for the per-second control-message rate limit; injectable for tests. */
    public GatewayContext nanoClock(final NanoClock nanoClock)
    {
        this.nanoClock = nanoClock;
        return this;
    }

    public NanoClock nanoClock()
    {
        return nanoClock;
    }

    /**
     * Extra readiness details for {@code GET /health}: a supplier of one JSON object (e.g. the database writer's
     * storage path and lag), or of null while there is nothing to say. Called on an I/O thread per request.
     */
    public GatewayContext healthDetails(final Supplier<String> healthDetails)
    {
        this.healthDetails = healthDetails;
        return this;
    }

    public Supplier<String> healthDetails()
    {
        return healthDetails;
    }

    /**
     * The database reads behind the REST API's {@code ohlcv} and {@code trades} routes, asked per request: null (the
     * default) while the node has no database, or before its database has started, and those routes answer 503.
     * Whoever supplies them closes them after the server.
     */
    public GatewayContext marketData(final Supplier<MarketDataQueries> marketData)
    {
        this.marketData = marketData;
        return this;
    }

    public Supplier<MarketDataQueries> marketData()
    {
        return marketData;
    }

    /** Threads that run the REST API's database queries (never an event loop); also the connections they hold. */
    public GatewayContext restQueryThreads(final int restQueryThreads)
    {
        this.restQueryThreads = restQueryThreads;
        return this;
    }

    public int restQueryThreads()
    {
        return restQueryThreads;
    }

    /** How long a REST request may take before it is answered 504. */
    public GatewayContext restTimeoutMs(final long restTimeoutMs)
    {
        this.restTimeoutMs = restTimeoutMs;
        return this;
    }

    public long restTimeoutMs()
    {
        return restTimeoutMs;
    }

    /**
     * Memory the REST API may keep for rendered closed candles (the {@code ohlcv} route's cache); least useful blocks
     * are evicted beyond it. 0 turns the cache off: every request reads the database.
     */
    public GatewayContext restCacheBytes(final long restCacheBytes)
    {
        this.restCacheBytes = restCacheBytes;
        return this;
    }

    public long restCacheBytes()
    {
        return restCacheBytes;
    }

    /**
     * How long a cached block of candles is served before it is read again: the bound on how late bars written by
     * another process (a backfill, {@code zvt rebuild-db}) show up.
     */
    public GatewayContext restCacheTtlMs(final long restCacheTtlMs)
    {
        this.restCacheTtlMs = restCacheTtlMs;
        return this;
    }

    public long restCacheTtlMs()
    {
        return restCacheTtlMs;
    }

    /**
     * How long after a bar closes it may still change in the database (the writer's batch delay, a venue's late
     * closing kline); a block is cached only once its last bar closed longer ago than this.
     */
    public GatewayContext restCacheSettleMarginMs(final long restCacheSettleMarginMs)
    {
        this.restCacheSettleMarginMs = restCacheSettleMarginMs;
        return this;
    }

    public long restCacheSettleMarginMs()
    {
        return restCacheSettleMarginMs;
    }

    /** Wall clock of the REST cache: which bars are settled, and when a cached block expires. */
    public GatewayContext epochClock(final EpochClock epochClock)
    {
        this.epochClock = epochClock;
        return this;
    }

    public EpochClock epochClock()
    {
        return epochClock;
    }

    /**
     * Why the node is not ready, for {@code /api/v1/crypto/ready} (e.g. the database writer lags too far): an empty
     * list when it is. The gateway adds its own reason, subscribed books stale beyond {@link #readyBookStaleMs}.
     * Called on an I/O thread per request.
     */
    public GatewayContext readiness(final Supplier<List<String>> readiness)
    {
        this.readiness = readiness;
        return this;
    }

    public Supplier<List<String>> readiness()
    {
        return readiness;
    }

    /** A book someone subscribes to that is stale (or awaits its first snapshot) longer than this: not ready. */
    public GatewayContext readyBookStaleMs(final long readyBookStaleMs)
    {
        this.readyBookStaleMs = readyBookStaleMs;
        return this;
    }

    public long readyBookStaleMs()
    {
        return readyBookStaleMs;
    }

    /**
     * The journal's live figures for {@code /api/v1/crypto/journal/stats}, as name → value (numbers and strings);
     * null (the default) when this process writes no journal. Called on a query thread per request.
     */
    public GatewayContext journalStats(final Supplier<Map<String, Object>> journalStats)
    {
        this.journalStats = journalStats;
        return this;
    }

    public Supplier<Map<String, Object>> journalStats()
    {
        return journalStats;
    }

    /**
     * The journal the ring appends to, which {@code resume_from} and {@code replay} read; null (the default): both are
     * refused. Give it before the fan-out is built, which takes the journal's end as its starting position.
     */
    public GatewayContext journal(final Journal journal)
    {
        this.journal = journal;
        return this;
    }

    public Journal journal()
    {
        return journal;
    }

    /**
     * Journal replays to sockets ({@code resume_from}, {@code replay}) running at once, a thread each; one more is
     * refused as busy. A paced replay holds its thread, parked, for as long as it lasts.
     */
    public GatewayContext maxConcurrentReplays(final int maxConcurrentReplays)
    {
        this.maxConcurrentReplays = maxConcurrentReplays;
        return this;
    }

    public int maxConcurrentReplays()
    {
        return maxConcurrentReplays;
    }

    /** A replaying client that reads nothing for this long is closed as a slow consumer, freeing its thread. */
    public GatewayContext replayStallTimeoutMs(final long replayStallTimeoutMs)
    {
        this.replayStallTimeoutMs = replayStallTimeoutMs;
        return this;
    }

    public long replayStallTimeoutMs()
    {
        return replayStallTimeoutMs;
    }

    /**
     * Frames the fan-out may queue for one session before its event loop has handed them to the channel; a session
     * with a full outbox is a slow consumer. Memory grows with use, in chunks.
     */
    public GatewayContext outboxCapacity(final int outboxCapacity)
    {
        this.outboxCapacity = outboxCapacity;
        return this;
    }

    public int outboxCapacity()
    {
        return outboxCapacity;
    }

    /** Where the fan-out records the journal → fan-out hop; null (the default) measures nothing. */
    public GatewayContext latencies(final HopLatencies latencies)
    {
        this.latencies = latencies;
        return this;
    }

    public HopLatencies latencies()
    {
        return latencies;
    }

    /** What {@code GET /metrics} serves; null (the default) answers 404 there. */
    public GatewayContext metrics(final MetricsSource metrics)
    {
        this.metrics = metrics;
        return this;
    }

    public MetricsSource metrics()
    {
        return metrics;
    }

    /**
     * Counters shared by the server and the fan-out, over the node's registry; created over a registry of their own
     * by {@link #conclude()} if not set.
     */
    public GatewayContext counters(final GatewayCounters counters)
    {
        this.counters = counters;
        return this;
    }

    public GatewayCounters counters()
    {
        return counters;
    }

    /**
     * Who may connect and how much: credentials, the Origin allow-list, per-key limits. Off by default (no credential
     * needed, any origin); concluded with this context.
     */
    public GatewayContext auth(final AuthContext auth)
    {
        this.auth = auth;
        return this;
    }

    public AuthContext auth()
    {
        return auth;
    }

    /**
     * Validates the configuration and fills in defaults for collaborators not given. Safe to call more than once.
     *
     * @throws IllegalArgumentException naming the first invalid setting.
     */
    public GatewayContext conclude()
    {
        if (host == null || host.isBlank())
        {
            throw new IllegalArgumentException("host must be set");
        }
        if (port < 0 || port > 65_535)
        {
            throw new IllegalArgumentException("port must be 0..65535 (0 = ephemeral): " + port);
        }
        if (webSocketPath == null || !webSocketPath.startsWith("/"))
        {
            throw new IllegalArgumentException("webSocketPath must start with '/': " + webSocketPath);
        }
        if (maxInboundFrameBytes < 128)
        {
            throw new IllegalArgumentException("maxInboundFrameBytes must be >= 128: " + maxInboundFrameBytes);
        }
        requirePositive("maxControlMessagesPerSecond", maxControlMessagesPerSecond);
        requirePositive("maxSubscriptionsPerSession", maxSubscriptionsPerSession);
        requirePositive("writeBufferLowWatermark", writeBufferLowWatermark);
        if (writeBufferHighWatermark <= writeBufferLowWatermark)
        {
            throw new IllegalArgumentException("writeBufferHighWatermark must exceed writeBufferLowWatermark: " +
                writeBufferHighWatermark + " <= " + writeBufferLowWatermark);
        }
        if (commandQueueCapacity < 2)
        {
            throw new IllegalArgumentException("commandQueueCapacity must be >= 2: " + commandQueueCapacity);
        }
        requirePositive("closeTimeoutMs", closeTimeoutMs);
        requirePositive("ioThreads", ioThreads);
        requirePositive("restQueryThreads", restQueryThreads);
        requirePositive("restTimeoutMs", restTimeoutMs);
        requireNotNegative("restCacheBytes", restCacheBytes);
        requirePositive("restCacheTtlMs", restCacheTtlMs);
        requireNotNegative("restCacheSettleMarginMs", restCacheSettleMarginMs);
        requirePositive("readyBookStaleMs", readyBookStaleMs);
        requirePositive("maxConcurrentReplays", maxConcurrentReplays);
        if (outboxCapacity < 16)
        {
            throw new IllegalArgumentException("outboxCapacity must be >= 16: " + outboxCapacity);
        }
        requirePositive("replayStallTimeoutMs", replayStallTimeoutMs);
        if (nanoClock == null)
        {
            nanoClock = SystemNanoClock.INSTANCE;
        }
        if (counters == null)
        {
            counters = new GatewayCounters(new CountersRegistry());
        }
        auth.conclude();
        return this;
    }

    private static void requirePositive(final String name, final long value)
    {
        if (value <= 0)
        {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    private static void requireNotNegative(final String name, final long value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }

    public String toString()
    {
        return "GatewayContext{host=" + host + ", port=" + port + ", webSocketPath=" + webSocketPath +
            ", maxInboundFrameBytes=" + maxInboundFrameBytes +
            ", maxControlMessagesPerSecond=" + maxControlMessagesPerSecond +
            ", maxSubscriptionsPerSession=" + maxSubscriptionsPerSession +
            ", writeBufferHighWatermark=" + writeBufferHighWatermark +
            ", writeBufferLowWatermark=" + writeBufferLowWatermark +
            ", commandQueueCapacity=" + commandQueueCapacity + ", closeTimeoutMs=" + closeTimeoutMs +
            ", ioThreads=" + ioThreads + ", maxConcurrentReplays=" + maxConcurrentReplays +
            ", replayStallTimeoutMs=" + replayStallTimeoutMs + ", outboxCapacity=" + outboxCapacity +
            ", restCacheBytes=" + restCacheBytes + ", restCacheTtlMs=" + restCacheTtlMs +
            ", restCacheSettleMarginMs=" + restCacheSettleMarginMs +
            ", auth=" + auth + '}';
    }
}
