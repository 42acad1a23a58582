package zvt.crypto.feed.connection;

import com.lmax.disruptor.RingBuffer;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.feed.venue.Keepalive;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * How one venue feed connects (timeouts, reconnects, rotation, limits that override the venue's) and the pipeline it
 * publishes into; where it connects and what it subscribes is the venue's
 * {@link zvt.crypto.feed.venue.VenueSettings}. Fluent setters; {@link #conclude()} validates once and fills defaults.
 * Not thread-safe: build it on one thread, then hand it to the feed's {@code launch}.
 */
public final class FeedContext
{
    public static final long CONNECT_TIMEOUT_MS_DEFAULT = 10_000;
    public static final long RECONNECT_INITIAL_DELAY_MS_DEFAULT = 500;
    public static final long RECONNECT_MAX_DELAY_MS_DEFAULT = 30_000;
    /** A session that lasted this long resets the backoff. */
    public static final long STABLE_PERIOD_MS_DEFAULT = 60_000;
    public static final int MAX_FRAME_PAYLOAD_BYTES_DEFAULT = 1 << 20;
    /** Venues close a connection at 24 h (Binance) or ask for fresh ones; replace it well before. */
    public static final long MAX_SESSION_AGE_MS_DEFAULT = 23L * 60 * 60 * 1000;
    /** How long a replaced session keeps running next to its replacement. */
    public static final long SESSION_OVERLAP_MS_DEFAULT = 5_000;
    /** Use the venue's own limit ({@link zvt.crypto.feed.venue.ConnectionLimits}). */
    public static final int VENUE_LIMIT = 0;

    private Venue venue;
    private long connectTimeoutMs = CONNECT_TIMEOUT_MS_DEFAULT;
    private long reconnectInitialDelayMs = RECONNECT_INITIAL_DELAY_MS_DEFAULT;
    private long reconnectMaxDelayMs = RECONNECT_MAX_DELAY_MS_DEFAULT;
    private long stablePeriodMs = STABLE_PERIOD_MS_DEFAULT;
    private int maxFramePayloadBytes = MAX_FRAME_PAYLOAD_BYTES_DEFAULT;
    private long maxSessionAgeMs = MAX_SESSION_AGE_MS_DEFAULT;
    private long sessionOverlapMs = SESSION_OVERLAP_MS_DEFAULT;
    private int maxStreamsPerConnection = VENUE_LIMIT;
    private int controlMessagesPerSecond = VENUE_LIMIT;
    private Keepalive keepalive;
    private RingBuffer<MarketEvent> ringBuffer;
    private InstrumentRegistry instrumentRegistry;
    private ControlEventPublisher controlEventPublisher;
    private EpochNanoClock clock;
    private EventLoopGroup eventLoopGroup;
    private SslContext sslContext;
    private RandomGenerator random;
    private CountersRegistry counters;
    private boolean concluded;

    public FeedContext venue(final Venue venue)
    {
        this.venue = venue;
        return this;
    }

    public Venue venue()
    {
        return venue;
    }



    public FeedContext connectTimeoutMs(final long connectTimeoutMs)
    {
        this.connectTimeoutMs = connectTimeoutMs;
        return this;
    }

    public long connectTimeoutMs()
    {
        return connectTimeoutMs;
    }

    /** Upper bound of the first reconnect delay; it doubles per failed attempt up to the max. */
    public FeedContext reconnectInitialDelayMs(final long reconnectInitialDelayMs)
    {
        this.reconnectInitialDelayMs = reconnectInitialDelayMs;
        return this;
    }

    public long reconnectInitialDelayMs()
    {
        return reconnectInitialDelayMs;
    }

    public FeedContext reconnectMaxDelayMs(final long reconnectMaxDelayMs)
    {
        this.reconnectMaxDelayMs = reconnectMaxDelayMs;
        return this;
    }

    public long reconnectMaxDelayMs()
    {
        return reconnectMaxDelayMs;
    }

    public FeedContext stablePeriodMs(final long stablePeriodMs)
    {
        this.stablePeriodMs = stablePeriodMs;
        return this;
    }

    public long stablePeriodMs()
    {
        return stablePeriodMs;
    }


    public FeedContext maxFramePayloadBytes(final int maxFramePayloadBytes)
    {
        this.maxFramePayloadBytes = maxFramePayloadBytes;
        return this;
    }

    public int maxFramePayloadBytes()
    {
        return maxFramePayloadBytes;
    }

    /** A session older than this is replaced by an overlapping one. */
    public FeedContext maxSessionAgeMs(final long maxSessionAgeMs)
    {
        this.maxSessionAgeMs = maxSessionAgeMs;
        return this;
    }

    public long maxSessionAgeMs()
    {
        return maxSessionAgeMs;
    }

    /** How long a replaced session keeps running after its replacement opened. */
    public FeedContext sessionOverlapMs(final long sessionOverlapMs)
    {
        this.sessionOverlapMs = sessionOverlapMs;
        return this;
    }

    public long sessionOverlapMs()
    {
        return sessionOverlapMs;
    }

    /** Streams are sharded over as many connections as needed to keep at most this many on each (0: the venue's). */
    public FeedContext maxStreamsPerConnection(final int maxStreamsPerConnection)
    {
        this.maxStreamsPerConnection = maxStreamsPerConnection;
        return this;
    }

    public int maxStreamsPerConnection()
    {
        return maxStreamsPerConnection;
    }

    /** Outgoing control messages (subscribe requests) per second and connection, at most (0: the venue's). */
    public FeedContext controlMessagesPerSecond(final int controlMessagesPerSecond)
    {
        this.controlMessagesPerSecond = controlMessagesPerSecond;
        return this;
    }

    public int controlMessagesPerSecond()
    {
        return controlMessagesPerSecond;
    }




    /** The ring the adapter publishes market events into. */
    public FeedContext ringBuffer(final RingBuffer<MarketEvent> ringBuffer)
    {
        this.ringBuffer = ringBuffer;
        return this;
    }

    public RingBuffer<MarketEvent> ringBuffer()
    {
        return ringBuffer;
    }

    /** Where the feed interns its instruments at launch. */
    public FeedContext instrumentRegistry(final InstrumentRegistry instrumentRegistry)
    {
        this.instrumentRegistry = instrumentRegistry;
        return this;
    }

    public InstrumentRegistry instrumentRegistry()
    {
        return instrumentRegistry;
    }

    /** Publishes the feed's VenueStatus events (connected, subscribed, disconnected) into the same ring. */
    public FeedContext controlEventPublisher(final ControlEventPublisher controlEventPublisher)
    {
        this.controlEventPublisher = controlEventPublisher;
        return this;
    }

    public ControlEventPublisher controlEventPublisher()
    {
        return controlEventPublisher;
    }

    /** Stamps receive times; defaults to an {@link OffsetEpochNanoClock}. */
    public FeedContext clock(final EpochNanoClock clock)
    {
        this.clock = clock;
        return this;
    }

    public EpochNanoClock clock()
    {
        return clock;
    }

    /** A shared event loop group to run on; when unset the feed owns a single-threaded one and shuts it down. */
    public FeedContext eventLoopGroup(final EventLoopGroup eventLoopGroup)
    {
        this.eventLoopGroup = eventLoopGroup;
        return this;
    }

    public EventLoopGroup eventLoopGroup()
    {
        return eventLoopGroup;
    }

    /**
     * TLS settings for {@code wss://}; when unset a JDK-provider client context with the platform's trust store and
     * hostname verification is used.
     */
    public FeedContext sslContext(final SslContext sslContext)
    {
        this.sslContext = sslContext;
        return this;
    }

    public SslContext sslContext()
    {
        return sslContext;
    }

    /** The keepalive and silence watchdog; null (the default): the venue's. */
    public FeedContext keepalive(final Keepalive keepalive)
    {
        this.keepalive = keepalive;
        return this;
    }

    public Keepalive keepalive()
    {
        return keepalive;
    }

    /** The node's counters registry, where the feed allocates its counters; a fresh one if not set. */
    public FeedContext counters(final CountersRegistry counters)
    {
        this.counters = counters;
        return this;
    }

    public CountersRegistry counters()
    {
        return counters;
    }

    /** Source of reconnect jitter; a seeded generator makes the delays reproducible in tests. */
    public FeedContext random(final RandomGenerator random)
    {
        this.random = random;
        return this;
    }

    public RandomGenerator random()
    {
        return random;
    }

    /**
     * Validates the settings and fills the defaults; idempotent.
     *
     * @throws IllegalArgumentException naming the first setting that is missing or out of range.
     */
    public FeedContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        require(venue != null, "venue is required");
        require(connectTimeoutMs > 0, "connectTimeoutMs must be positive: " + connectTimeoutMs);
        require(reconnectInitialDelayMs > 0, "reconnectInitialDelayMs must be positive: " + reconnectInitialDelayMs);
        require(reconnectMaxDelayMs >= reconnectInitialDelayMs,
            "reconnectMaxDelayMs must be >= reconnectInitialDelayMs: " + reconnectMaxDelayMs);
        require(stablePeriodMs >= 0, "stablePeriodMs must not be negative: " + stablePeriodMs);
        require(maxFramePayloadBytes > 0, "maxFramePayloadBytes must be positive: " + maxFramePayloadBytes);
        require(maxSessionAgeMs > 0, "maxSessionAgeMs must be positive: " + maxSessionAgeMs);
        require(sessionOverlapMs >= 0, "sessionOverlapMs must not be negative: " + sessionOverlapMs);
        require(maxStreamsPerConnection >= 0, "maxStreamsPerConnection must not be negative: " +
            maxStreamsPerConnection);
        require(controlMessagesPerSecond >= 0,
            "controlMessagesPerSecond must not be negative: " + controlMessagesPerSecond);
        require(ringBuffer != null, "ringBuffer is required");
        require(instrumentRegistry != null, "instrumentRegistry is required");
        require(controlEventPublisher != null, "controlEventPublisher is required");
        if (clock == null)
        {
            clock = new OffsetEpochNanoClock();
        }
        if (random == null)
        {
            random = new SplittableRandom();
        }
        if (counters == null)
        {
            counters = new CountersRegistry();
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
