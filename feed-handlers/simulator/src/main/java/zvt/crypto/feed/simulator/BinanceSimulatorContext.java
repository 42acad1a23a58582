package zvt.crypto.feed.simulator;

import io.netty.handler.ssl.SslContext;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Configuration of a venue simulator ({@link BinanceSimulator}, {@link VenueSimulator}, {@link VenueSimulators}):
 * where it listens, the seed, rate and book size of its synthetic market (or recordings to replay), its faults,
 * heartbeat and REST limits, and optionally TLS. Venue-neutral despite its name, which it keeps because the feed's
 * tests and the ops commands build it; the Binance-only settings (server pings, request weight) are ignored by venues
 * that have no such thing. Fluent setters; {@link #conclude()} validates once. Not thread-safe: build it on one
 * thread, then hand it to a launch method.
 */
public final class BinanceSimulatorContext
{
    public static final String HOST_DEFAULT = "127.0.0.1";
    public static final long SEED_DEFAULT = 42;
    public static final long MESSAGES_PER_SECOND_DEFAULT = 1_000;
    public static final long TICK_INTERVAL_MS_DEFAULT = 5;
    /** Binance pings every 20 s ... */
    public static final long PING_INTERVAL_MS_DEFAULT = 20_000;
    /** ... and closes a connection that has not answered for a minute. */
    public static final long PONG_TIMEOUT_MS_DEFAULT = 60_000;
    public static final int MAX_FRAME_PAYLOAD_BYTES_DEFAULT = 64 * 1024;
    public static final int BOOK_LEVELS_DEFAULT = 50;
    /** Level changes kept to rebuild recent books ({@link BinanceSimulator#groundTruthAt}), per symbol. */
    public static final int HISTORY_ENTRIES_DEFAULT = 1 << 18;
    /** Binance pushes klines every 2 s (every 1 s for {@code 1s}). */
    public static final long KLINE_PUSH_INTERVAL_MS_DEFAULT = 2_000;
    /** Binance spot's REQUEST_WEIGHT limit per minute. */
    public static final long REST_WEIGHT_PER_MINUTE_DEFAULT = 6_000;
    /** Outbound bytes queued for a connection above which its trades are dropped (a slow client). */
    public static final int WRITE_BUFFER_HIGH_WATER_MARK_DEFAULT = 8 * 1024 * 1024;

    private String host = HOST_DEFAULT;
    private int port;
    private long seed = SEED_DEFAULT;
    private volatile long messagesPerSecond = MESSAGES_PER_SECOND_DEFAULT;
    private long tickIntervalMs = TICK_INTERVAL_MS_DEFAULT;
    private long pingIntervalMs = PING_INTERVAL_MS_DEFAULT;
    private long pongTimeoutMs = PONG_TIMEOUT_MS_DEFAULT;
    private int maxFramePayloadBytes = MAX_FRAME_PAYLOAD_BYTES_DEFAULT;
    private int writeBufferHighWaterMark = WRITE_BUFFER_HIGH_WATER_MARK_DEFAULT;
    private int bookLevels = BOOK_LEVELS_DEFAULT;
    private int historyEntries = HISTORY_ENTRIES_DEFAULT;
    private long klinePushIntervalMs = KLINE_PUSH_INTERVAL_MS_DEFAULT;
    private long restWeightPerMinute = REST_WEIGHT_PER_MINUTE_DEFAULT;
    private SimulatorFaults faults = new SimulatorFaults();
    private ReplaySource replay;
    private final Map<String, SimulatedInstrument> instruments = new LinkedHashMap<>();
    private EpochClock epochClock = SystemEpochClock.INSTANCE;
    private TradeSends tradeSends;
    private SslContext sslContext;

    /** Address to bind; loopback by default. */
    public BinanceSimulatorContext host(final String host)
    {
        this.host = host;
        return this;
    }

    public String host()
    {
        return host;
    }

    /** Port to bind; 0 (the default) picks a free one, see {@link BinanceSimulator#port()}. */
    public BinanceSimulatorContext port(final int port)
    {
        this.port = port;
        return this;
    }

    public int port()
    {
        return port;
    }

    /** Same seed, same trades (ids, prices, sizes, sides) per symbol. */
    public BinanceSimulatorContext seed(final long seed)
    {
        this.seed = seed;
        return this;
    }

    public long seed()
    {
        return seed;
    }

    /**
     * Market steps per second over all symbols with a subscribed stream; 0 generates none. A step is one depth event
     * or one trade (which also sends an aggTrade and the depth event that takes the traded size off the book);
     * a bookTicker follows any step that changes the top. May be changed while the simulators run (a load test's
     * ramp): their next tick runs at the new rate.
     */
    public BinanceSimulatorContext messagesPerSecond(final long messagesPerSecond)
    {
        this.messagesPerSecond = messagesPerSecond;
        return this;
    }

    public long messagesPerSecond()
    {
        return messagesPerSecond;
    }

    /** How often the market generates the trades due; each tick sends a batch and flushes once per connection. */
    public BinanceSimulatorContext tickIntervalMs(final long tickIntervalMs)
    {
        this.tickIntervalMs = tickIntervalMs;
        return this;
    }

    public long tickIntervalMs()
    {
        return tickIntervalMs;
    }

    /** Interval of the server's ping frames; 0 sends none. */
    public BinanceSimulatorContext pingIntervalMs(final long pingIntervalMs)
    {
        this.pingIntervalMs = pingIntervalMs;
        return this;
    }

    public long pingIntervalMs()
    {
        return pingIntervalMs;
    }

    /** A connection whose oldest unanswered ping is older than this is closed. */
    public BinanceSimulatorContext pongTimeoutMs(final long pongTimeoutMs)
    {
        this.pongTimeoutMs = pongTimeoutMs;
        return this;
    }

    public long pongTimeoutMs()
    {
        return pongTimeoutMs;
    }

    public BinanceSimulatorContext maxFramePayloadBytes(final int maxFramePayloadBytes)
    {
        this.maxFramePayloadBytes = maxFramePayloadBytes;
        return this;
    }

    public int maxFramePayloadBytes()
    {
        return maxFramePayloadBytes;
    }

    public BinanceSimulatorContext writeBufferHighWaterMark(final int writeBufferHighWaterMark)
    {
        this.writeBufferHighWaterMark = writeBufferHighWaterMark;
        return this;
    }

    public int writeBufferHighWaterMark()
    {
        return writeBufferHighWaterMark;
    }

    /** Price levels per side of each synthetic book (the window around the mid that levels live in). */
    public BinanceSimulatorContext bookLevels(final int bookLevels)
    {
        this.bookLevels = bookLevels;
        return this;
    }

    public int bookLevels()
    {
        return bookLevels;
    }

    /** Level changes kept per symbol to rebuild recent books; older update ids are no longer queryable. */
    public BinanceSimulatorContext historyEntries(final int historyEntries)
    {
        this.historyEntries = historyEntries;
        return this;
    }

    public int historyEntries()
    {
        return historyEntries;
    }

    /** Minimum interval between pushes of an open kline. */
    public BinanceSimulatorContext klinePushIntervalMs(final long klinePushIntervalMs)
    {
        this.klinePushIntervalMs = klinePushIntervalMs;
        return this;
    }

    public long klinePushIntervalMs()
    {
        return klinePushIntervalMs;
    }

    /** REST request weight allowed per minute before answering 429. */
    public BinanceSimulatorContext restWeightPerMinute(final long restWeightPerMinute)
    {
        this.restWeightPerMinute = restWeightPerMinute;
        return this;
    }

    public long restWeightPerMinute()
    {
        return restWeightPerMinute;
    }

    /** Faults to inject; none by default. */
    public BinanceSimulatorContext faults(final SimulatorFaults faults)
    {
        this.faults = faults;
        return this;
    }

    public SimulatorFaults faults()
    {
        return faults;
    }

    /** Replay these recordings to every connection instead of generating a market; null (default) generates. */
    public BinanceSimulatorContext replay(final ReplaySource replay)
    {
        this.replay = replay;
        return this;
    }

    public ReplaySource replay()
    {
        return replay;
    }

    /** Overrides how a symbol trades; symbols not given use {@link SimulatedInstrument#defaultFor}. */
    public BinanceSimulatorContext instrument(final SimulatedInstrument instrument)
    {
        instruments.put(instrument.venueSymbol(), instrument);
        return this;
    }

    public SimulatedInstrument instrument(final String venueSymbol)
    {
        final SimulatedInstrument configured = instruments.get(venueSymbol.toUpperCase(Locale.ROOT));
        return configured != null ? configured : SimulatedInstrument.defaultFor(venueSymbol);
    }

    /** The instruments configured explicitly. */
    public Collection<SimulatedInstrument> instruments()
    {
        return instruments.values();
    }

    /** Clock of the trade and event times written in the frames. */
    public BinanceSimulatorContext epochClock(final EpochClock epochClock)
    {
        this.epochClock = epochClock;
        return this;
    }

    public EpochClock epochClock()
    {
        return epochClock;
    }

    /** Told of every trade as it is generated and as its tick sends it (a harness's timing); unset by default. */
    public BinanceSimulatorContext tradeSends(final TradeSends tradeSends)
    {
        this.tradeSends = tradeSends;
        return this;
    }

    public TradeSends tradeSends()
    {
        return tradeSends;
    }

    /** Serve {@code wss://} with this server context; unset serves {@code ws://}. */
    public BinanceSimulatorContext sslContext(final SslContext sslContext)
    {
        this.sslContext = sslContext;
        return this;
    }

    public SslContext sslContext()
    {
        return sslContext;
    }

    /** @throws IllegalArgumentException naming the first setting out of range. */
    public BinanceSimulatorContext conclude()
    {
        require(host != null && !host.isBlank(), "host is required");
        require(port >= 0 && port <= 65_535, "port must be 0..65535: " + port);
        require(messagesPerSecond >= 0 && messagesPerSecond <= 10_000_000,
            "messagesPerSecond must be 0..10000000: " + messagesPerSecond);
        require(tickIntervalMs > 0, "tickIntervalMs must be positive: " + tickIntervalMs);
        require(pingIntervalMs >= 0, "pingIntervalMs must not be negative: " + pingIntervalMs);
        require(pongTimeoutMs > 0, "pongTimeoutMs must be positive: " + pongTimeoutMs);
        require(maxFramePayloadBytes > 0, "maxFramePayloadBytes must be positive: " + maxFramePayloadBytes);
        require(writeBufferHighWaterMark > 0, "writeBufferHighWaterMark must be positive: " + writeBufferHighWaterMark);
        require(epochClock != null, "epochClock is required");
        require(bookLevels >= 2 && bookLevels <= 100_000, "bookLevels must be 2..100000: " + bookLevels);
        require(historyEntries > 0, "historyEntries must be positive: " + historyEntries);
        require(klinePushIntervalMs > 0, "klinePushIntervalMs must be positive: " + klinePushIntervalMs);
        require(restWeightPerMinute > 0, "restWeightPerMinute must be positive: " + restWeightPerMinute);
        require(faults != null, "faults are required (an empty SimulatorFaults for none)");
        faults.conclude();
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
