package zvt.crypto.gateway.ws;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.agrona.CloseHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.gateway.GatewayContext;
import zvt.crypto.gateway.GatewayCounters;
import zvt.crypto.gateway.auth.AuthHandler;
import zvt.crypto.gateway.fanout.FanoutEventHandler;
import zvt.crypto.gateway.replay.JournalReplays;
import zvt.crypto.gateway.rest.RestApi;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's Netty server: WebSocket sessions at {@link GatewayContext#webSocketPath()}, {@code GET /health}, 404
 * for everything else. Subscriptions made here are served by the {@link FanoutEventHandler} given to
 * {@link #launch}, which must be a consumer of the running ring.
 * <pre>
 *   final FanoutEventHandler fanout = new FanoutEventHandler(context, instruments);
 *   final MarketEventRing ring = new MarketEventRing(ringContext, journal, List.of(fanout)).start();
 *   final GatewayServer server = GatewayServer.launch(context, instruments, fanout);
 *   ...
 *   CloseHelper.closeAll(server, ring);
 * </pre>
 * Thread-safe: {@link #port()}, {@link #counters()} and {@link #close()} may be called from any thread.
 */
public final class GatewayServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(GatewayServer.class);

    private final GatewayContext context;
    /** Null when the sessions are served on loops the gateway was given and does not own. */
    private final EventLoopGroup ownGroup;
    private final ChannelGroup sessions;
    private final Channel serverChannel;
    private final RestApi restApi;
    private final JournalReplays replays;
    private boolean closed;

    private GatewayServer(
        final GatewayContext context,
        final EventLoopGroup ownGroup,
        final ChannelGroup sessions,
        final Channel serverChannel,
        final RestApi restApi,
        final JournalReplays replays)
    {
        this.context = context;
        this.ownGroup = ownGroup;
        this.sessions = sessions;
        this.serverChannel = serverChannel;
        this.restApi = restApi;
        this.replays = replays;
    }

    /**
     * Binds and starts serving; returns once the port is bound.
     *
     * @param context     concluded here if it was not already; share it with the fan-out.
     * @param instruments resolves subscribed symbols to instrument ids.
     * @param fanout      the ring consumer that will deliver the events of sessions' subscriptions.
     * @throws IllegalStateException if the address cannot be bound (the event loops are released first).
     */
    public static GatewayServer launch(
        final GatewayContext context, final InstrumentRegistry instruments, final FanoutEventHandler fanout)
    {
        context.conclude();
        final EventLoopGroup ownGroup = context.sharedEventLoops() != null ? null : new MultiThreadIoEventLoopGroup(
            context.ioThreads(), new DefaultThreadFactory("gateway-io", true), NioIoHandler.newFactory());
        final EventLoopGroup group = ownGroup != null ? ownGroup : context.sharedEventLoops();
        final ChannelGroup sessions = new DefaultChannelGroup("gateway-sessions", GlobalEventExecutor.INSTANCE);
        final RestApi restApi = new RestApi(context, instruments, fanout, sessions);
        final JournalReplays replays = context.journal() == null ? null :
            new JournalReplays(context, instruments, fanout.commandQueue());
        try
        {
            final Channel serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                    context.writeBufferLowWatermark(), context.writeBufferHighWatermark()))
                .childHandler(new GatewayChannelInitializer(
                    context, instruments, fanout.commandQueue(), sessions, restApi, replays,
                    new AuthHandler(context)))
                .bind(context.host(), context.port())
                .syncUninterruptibly()
                .channel();
            final GatewayServer server =
                new GatewayServer(context, ownGroup, sessions, serverChannel, restApi, replays);
            LOG.info("gateway listening at {}", server.webSocketUri());
            return server;
        }
        catch (final Exception ex)
        {
            // Netty rethrows the bind failure (a checked BindException) undeclared; name the address instead.
            shutDown(ownGroup, context.closeTimeoutMs());
            CloseHelper.closeAll(restApi, replays);
            throw new IllegalStateException(
                "gateway cannot listen on " + context.host() + ':' + context.port() + ": " + ex, ex);
        }
    }

    /** The bound port: the configured one, or the ephemeral port chosen when it was 0. */
    public int port()
    {
        return ((InetSocketAddress)serverChannel.localAddress()).getPort();
    }

    /** Where clients connect, e.g. {@code ws://127.0.0.1:8080/ws}. */
    public URI webSocketUri()
    {
        return URI.create("ws://" + context.host() + ':' + port() + context.webSocketPath());
    }

    /** The REST API's path templates, as its OpenAPI document must name them. */
    public List<String> restRoutes()
    {
        return restApi.templates();
    }

    public GatewayCounters counters()
    {
        return context.counters();
    }

    /**
     * Stops accepting, tells open sessions the server is going away (1001), closes them, and stops the event loops.
     * Waits at most about twice the close timeout. Idempotent.
     */
    public synchronized void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        final long timeoutMs = context.closeTimeoutMs();
        serverChannel.close().awaitUninterruptibly(timeoutMs);
        sessions.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE, "server closing"))
            .awaitUninterruptibly(timeoutMs);
        sessions.close().awaitUninterruptibly(timeoutMs);
        shutDown(ownGroup, timeoutMs);
        CloseHelper.closeAll(restApi, replays);
        LOG.info("gateway closed"); // its counters: the node's counters log line
    }

    /** Stops the gateway's own loops; shared loops (null here) belong to whoever gave them. */
    private static void shutDown(final EventLoopGroup ownGroup, final long timeoutMs)
    {
        if (ownGroup != null)
        {
            ownGroup.shutdownGracefully(0, timeoutMs, TimeUnit.MILLISECONDS).awaitUninterruptibly(timeoutMs);
        }
    }
}
