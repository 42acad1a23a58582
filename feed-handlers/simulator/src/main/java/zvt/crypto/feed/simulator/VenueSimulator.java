package zvt.crypto.feed.simulator;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongFunction;

/**
 * One venue for tests, the demo and load runs: a real Netty server that speaks the venue's WebSocket and REST
 * protocols ({@link VenueProtocol}) on one port, over a seeded synthetic market (or replaying recordings, see
 * {@link ReplaySource}), with the ground-truth book of every symbol ({@link #groundTruth}, {@link #groundTruthAt})
 * and faults ({@link SimulatorFaults}), every one recorded in {@link #faults()}. Venue-neutral: {@link
 * VenueSimulator} and {@link VenueSimulators} launch it with a venue's protocol.
 * <p>
 * Everything runs on one event loop thread: market generation, encoding and all connections. The public methods
 * may be used from any thread; queries run on the event loop and wait for it.
 */
public final class VenueSimulator implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(VenueSimulator.class);
    private static final int HTTP_REQUEST_MAX_BYTES = 64 * 1024;
    private static final long CLOSE_TIMEOUT_MS = 5_000;

    private final BinanceSimulatorContext context;
    private final VenueProtocol protocol;
    private final SimulatorCounters counters = new SimulatorCounters();
    private final FaultLog faultLog = new FaultLog();
    private final EventLoopGroup group;
    private final EventLoop eventLoop;
    private final SimulatedMarket market;
    private final Channel serverChannel;
    private final VenueRestApi restApi;
    private final ScheduledFuture<?> ticker;
    private final ScheduledFuture<?> disconnector;
    private final ScheduledFuture<?> staller;

    private VenueSimulator(final BinanceSimulatorContext context, final VenueProtocol protocol)
        throws InterruptedException
    {
        this.context = context;
        this.protocol = protocol;
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory(protocol.name() + "-simulator"),
            NioIoHandler.newFactory());
        eventLoop = group.next();
        market = new SimulatedMarket(context, protocol, counters, faultLog);
        restApi = protocol.newRestApi(context, market);
        try
        {
            serverChannel = new ServerBootstrap()
                .group(eventLoop)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                    context.writeBufferHighWaterMark() / 2, context.writeBufferHighWaterMark()))
                .childHandler(new ChannelInitializer<SocketChannel>()
                {
                    protected void initChannel(final SocketChannel ch)
                    {
                        initPipeline(ch);
                    }
                })
                .bind(context.host(), context.port())
                .sync()
                .channel();
        }
        catch (final InterruptedException | RuntimeException ex)
        {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw ex;
        }
        ticker = eventLoop.scheduleAtFixedRate(
            market::onTick, context.tickIntervalMs(), context.tickIntervalMs(), TimeUnit.MILLISECONDS);
        final SimulatorFaults faults = context.faults();
        disconnector = faults.disconnectEveryMs() == 0 ? null : eventLoop.scheduleAtFixedRate(
            this::injectDisconnect, faults.disconnectEveryMs(), faults.disconnectEveryMs(), TimeUnit.MILLISECONDS);
        staller = faults.stallEveryMs() == 0 ? null : eventLoop.scheduleAtFixedRate(
            () -> injectStall(faults.stallMs()), faults.stallEveryMs(), faults.stallEveryMs(), TimeUnit.MILLISECONDS);
    }

    /**
     * Binds and starts generating.
     *
     * @throws IllegalArgumentException if the context is invalid.
     * @throws IllegalStateException    if the address cannot be bound.
     */
    public static VenueSimulator launch(final BinanceSimulatorContext context, final VenueProtocol protocol)
    {
        context.conclude();
        final VenueSimulator simulator = SimulatorBinding.bind("the simulator",
            context.host(), context.port(), () -> new VenueSimulator(context, protocol));
        LOG.info("{} simulator listening on {} ({}, faults: {})", protocol.name(), simulator.webSocketUri(),
            context.replay() != null ? "replaying " + context.replay().lineCount() + " recorded lines at x" +
            context.replay().speed() : "seed " + context.seed() + ", " + context.messagesPerSecond() + " steps/s",
            context.faults().anyMessageFault() || context.faults().disconnectEveryMs() > 0 ? "on" : "off");
        return simulator;
    }

    /** The bound port (the ephemeral one when configured with 0). */
    public int port()
    {
        return SimulatorBinding.port(serverChannel);
    }

    /** Base address for a feed's {@code webSocketUri}, e.g. {@code ws://127.0.0.1:40123}. */
    public String webSocketUri()
    {
        return SimulatorBinding.baseUri(context.sslContext() != null ? "wss" : "ws", context.host(), port());
    }

    /** Base address for a REST client, e.g. {@code http://127.0.0.1:40123} (same port as the streams). */
    public String restUri()
    {
        return webSocketUri().replaceFirst("^ws", "http");
    }

    public VenueProtocol protocol()
    {
        return protocol;
    }

    public SimulatorCounters counters()
    {
        return counters;
    }

    /** Every fault injected so far. */
    public FaultLog faults()
    {
        return faultLog;
    }

    /**
     * The symbol's book now, as of the last diff generated (and sent: diffs go out in the tick that makes them).
     * Creates the symbol's market at its seeded start if nothing used it yet.
     */
    public GroundTruthBook groundTruth(final String venueSymbol)
    {
        return onLoop(() -> market.symbol(venueSymbol).generator.book());
    }

    /**
     * The symbol's book as of the diff whose final update id is {@code lastUpdateId} (or a REST snapshot with that
     * {@code lastUpdateId}); null if that id is in the future or older than the history kept
     * ({@link BinanceSimulatorContext#historyEntries}). Any id between two diffs' {@code u} gives the book after the
     * earlier one.
     */
    public GroundTruthBook groundTruthAt(final String venueSymbol, final long lastUpdateId)
    {
        return onLoop(() -> market.symbol(venueSymbol).generator.bookAt(lastUpdateId));
    }

    /** Closes every client connection abruptly (no close frame), as a network failure would; keeps listening. */
    public void dropAllConnections()
    {
        eventLoop.execute(market::closeAllSessions);
    }

    /**
     * Sends a venue's notice to every stream connection now, unaffected by faults (they stay open), and records it.
     *
     * @param streamName   the stream the notice belongs to (for venues that wrap messages in their stream name).
     * @param notice       the message, given the epoch millis it is sent at.
     */
    public void sendNoticeToAll(final byte[] streamName, final LongFunction<byte[]> notice, final FaultKind recordAs)
    {
        eventLoop.execute(() ->
        {
            final long nowMs = context.epochClock().time();
            final byte[] bytes = notice.apply(nowMs);
            market.flushAll();
            for (final SimulatorSession session : market.sessions())
            {
                session.sendNow(streamName, new UnsafeBuffer(bytes), bytes.length);
            }
            faultLog.record(new FaultRecord(recordAs, 0, null, null, 0, 0, market.sessions().size(), nowMs));
        });
    }

    /**
     * The stall fault: the venue is stuck for this long (nothing generated or sent, no control request or ping
     * answered, sockets open), then resumes where it stopped.
     */
    public void stall(final long millis)
    {
        eventLoop.execute(() -> injectStall(millis));
    }

    /** Stops the market (nothing generated or sent) for this long; the venue still answers (not a fault). */
    public void pause(final long millis)
    {
        eventLoop.execute(() ->
        {
            market.flushAll();
            market.stallUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
        });
    }

    public void close()
    {
        ticker.cancel(false);
        if (disconnector != null)
        {
            disconnector.cancel(false);
        }
        if (staller != null)
        {
            staller.cancel(false);
        }
        serverChannel.close().awaitUninterruptibly(CLOSE_TIMEOUT_MS);
        eventLoop.submit(market::closeAllSessions).awaitUninterruptibly(CLOSE_TIMEOUT_MS);
        group.shutdownGracefully(0, CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS).awaitUninterruptibly(CLOSE_TIMEOUT_MS * 2);
    }

    private void initPipeline(final SocketChannel ch)
    {
        final ChannelPipeline pipeline = ch.pipeline();
        final SslContext sslContext = context.sslContext();
        if (sslContext != null)
        {
            pipeline.addLast("tls", new SniHandler(serverName ->
            {
                counters.lastServerName(serverName);
                return sslContext;
            }));
        }
        pipeline.addLast("http", new HttpServerCodec());
        pipeline.addLast("http-aggregator", new HttpObjectAggregator(HTTP_REQUEST_MAX_BYTES));
        pipeline.addLast("session", new SimulatorSession(context, market, counters, protocol, restApi));
    }

    private void injectDisconnect()
    {
        final int connections = market.sessions().size();
        if (connections > 0)
        {
            faultLog.record(new FaultRecord(FaultKind.DISCONNECT, 0, null, null, 0, 0, connections,
                context.epochClock().time()));
            market.closeAllSessions();
        }
    }

    private void injectStall(final long millis)
    {
        market.flushAll();
        market.stallUnresponsiveUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis));
        faultLog.record(new FaultRecord(FaultKind.STALL, 0, null, null, 0, millis, 1, context.epochClock().time()));
    }

    private <T> T onLoop(final Callable<T> query)
    {
        try
        {
            return eventLoop.submit(query).get(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while querying the simulator", ex);
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            throw new IllegalStateException("simulator query failed: " + ex, ex);
        }
    }
}
