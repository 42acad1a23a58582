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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A Binance spot stream server for tests, the demo and load runs: a real Netty WebSocket server that speaks Binance's
 * protocol and trades a seeded synthetic market.
 * <ul>
 *     <li>{@code /stream?streams=btcusdt@trade/ethusdt@trade}: combined frames {@code {"stream":..,"data":..}};</li>
 *     <li>{@code /ws/btcusdt@trade}: raw frames;</li>
 *     <li>live {@code SUBSCRIBE}, {@code UNSUBSCRIBE}, {@code LIST_SUBSCRIPTIONS}, {@code SET_PROPERTY} and
 *     {@code GET_PROPERTY ["combined"]} requests with Binance's replies and error codes;</li>
 *     <li>a ping frame every 20 s (configurable), closing connections that stop answering;</li>
 *     <li>{@code @trade} streams at a total rate, sent in batches per tick; other streams are accepted but silent.</li>
 * </ul>
 * Everything runs on one event loop thread. {@link #launch}, {@link #dropAllConnections()}, {@link #close()} and the
 * counters may be used from any thread.
 */
public final class BinanceSimulator implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(BinanceSimulator.class);
    private static final int HTTP_REQUEST_MAX_BYTES = 64 * 1024;
    private static final long CLOSE_TIMEOUT_MS = 5_000;

    private final BinanceSimulatorContext context;
    private final SimulatorCounters counters = new SimulatorCounters();
    private final EventLoopGroup group;
    private final EventLoop eventLoop;
    private final SimulatedMarket market;
    private final Channel serverChannel;
    private final ScheduledFuture<?> ticker;

    private BinanceSimulator(final BinanceSimulatorContext context) throws InterruptedException
    {
        this.context = context;
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("binance-simulator"),
            NioIoHandler.newFactory());
        eventLoop = group.next();
        market = new SimulatedMarket(context, counters);
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
    }

    /**
     * Binds and starts generating.
     *
     * @throws IllegalArgumentException if the context is invalid.
     * @throws IllegalStateException    if the address cannot be bound.
     */
    public static BinanceSimulator launch(final BinanceSimulatorContext context)
    {
        context.conclude();
        try
        {
            final BinanceSimulator simulator = new BinanceSimulator(context);
            LOG.info("binance simulator listening on {} (seed {}, {} trades/s)",
                simulator.webSocketUri(), context.seed(), context.messagesPerSecond());
            return simulator;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the simulator", ex);
        }
        catch (final RuntimeException ex)
        {
            throw new IllegalStateException(
                "cannot bind the simulator to " + context.host() + ":" + context.port() + ": " + ex, ex);
        }
    }

    /** The bound port (the ephemeral one when configured with 0). */
    public int port()
    {
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /** Base address for a feed's {@code webSocketUri}, e.g. {@code ws://127.0.0.1:40123}. */
    public String webSocketUri()
    {
        final String host = context.host().contains(":") ? "[" + context.host() + "]" : context.host();
        return (context.sslContext() != null ? "wss://" : "ws://") + host + ":" + port();
    }

    public SimulatorCounters counters()
    {
        return counters;
    }

    /** Closes every client connection abruptly (no close frame), as a network failure would; keeps listening. */
    public void dropAllConnections()
    {
        eventLoop.execute(market::closeAllSessions);
    }

    public void close()
    {
        ticker.cancel(false);
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
        pipeline.addLast("session", new SimulatorSession(context, market, counters));
    }
}
