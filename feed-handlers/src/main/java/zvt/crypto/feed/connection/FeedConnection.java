package zvt.crypto.feed.connection;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.AttributeKey;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import zvt.crypto.feed.venue.Keepalive;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.codec.VenueStatusCode;
import zvt.crypto.core.ring.ControlEventPublisher;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket client connection to a venue that stays up: it connects ({@code ws://} or {@code wss://} with SNI),
 * hands every data frame to its {@link FrameHandler} with the session's number, answers pings, sends the venue's
 * keepalive, probes a silent session and drops it if the probe goes unanswered ({@link Keepalive}), and when the
 * session ends (peer close, error, silence) reconnects after a {@link ReconnectBackoff} delay. Session changes are
 * published into the ring as VenueStatus events: CONNECTED, then whatever the {@link SessionListener} reports
 * (SUBSCRIBED), and DISCONNECTED with the reason.
 * <p>
 * Venues close sessions after a maximum age (Binance: 24 h). Before that ({@link FeedContext#maxSessionAgeMs()}),
 * and at once on {@link #rotate}, the connection opens a replacement session next to the current one; once the new
 * session is open (and has resubscribed through the {@link SessionListener}) the old one is closed after
 * {@link FeedContext#sessionOverlapMs()}, so nothing is missed at the switch; the feed drops what both deliver
 * (by sequence or trade id). Replacing a session publishes CONNECTED for the new one and no DISCONNECTED.
 * <p>
 * Threading: everything runs on one event loop (the same one across reconnects, so the adapter and the counters
 * have a single writer); nothing there blocks except ring back-pressure. {@link #start()} and {@link #close()} may
 * be called from any thread; {@link #isOpen()} and the counters may be read from any thread.
 */
public final class FeedConnection implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(FeedConnection.class);
    private static final int HANDSHAKE_RESPONSE_MAX_BYTES = 64 * 1024;
    private static final long CLOSE_TIMEOUT_MS = 5_000;
    private static final AttributeKey<Integer> SESSION = AttributeKey.valueOf("zvt.feed.session");
    private static final AtomicInteger SESSIONS = new AtomicInteger();

    private final FeedContext context;
    private final URI uri;
    private final String host;
    private final int port;
    private final String name;
    private final Keepalive keepalive;
    private final FrameHandler frames;
    private final SessionListener sessionListener;
    private final FeedCounters counters;
    private final ControlEventPublisher statusPublisher;
    private final ReconnectBackoff backoff;
    private final SslContext sslContext;
    private final EventLoopGroup ownedGroup;
    private final EventLoop eventLoop;
    private final Bootstrap bootstrap;

    private Channel channel;
    private Channel replacement;
    private String closeReason;
    private ScheduledFuture<?> pendingConnect;
    private ScheduledFuture<?> pendingRotation;
    private volatile boolean open;
    private volatile boolean closed;

    /**
     * @param context         concluded feed settings (venue, timeouts, backoff, ring, status publisher, loop group).
     * @param uri             full address to open, including the venue's path and query.
     * @param keepalive       the venue's keepalive and silence watchdog.
     * @param frames          takes the data frames.
     * @param sessionListener told when a session opens (after CONNECTED is published).
     * @param counters        where frames, reconnects and connections are counted (shared with the adapter).
     */
    public FeedConnection(
        final FeedContext context,
        final URI uri,
        final Keepalive keepalive,
        final FrameHandler frames,
        final SessionListener sessionListener,
        final FeedCounters counters)
    {
        this.context = context.conclude();
        this.uri = uri;
        this.keepalive = keepalive;
        this.frames = frames;
        this.sessionListener = sessionListener;
        this.counters = counters;
        this.statusPublisher = context.controlEventPublisher();
        final String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        final boolean secure = "wss".equals(scheme);
        if (!secure && !"ws".equals(scheme))
        {
            throw new IllegalArgumentException("not a WebSocket address: " + uri);
        }
        final String uriHost = uri.getHost();
        host = uriHost.startsWith("[") ? uriHost.substring(1, uriHost.length() - 1) : uriHost;
        port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
        name = context.venue().name().toLowerCase(Locale.ROOT) + " feed";
        sslContext = secure ? clientSslContext(context) : null;
        backoff = new ReconnectBackoff(
            context.reconnectInitialDelayMs(),
            context.reconnectMaxDelayMs(),
            context.stablePeriodMs(),
            context.random());

        if (context.eventLoopGroup() != null)
        {
            ownedGroup = null;
            eventLoop = context.eventLoopGroup().next();
        }
        else
        {
            ownedGroup = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory(name.replace(' ', '-')), NioIoHandler.newFactory());
            eventLoop = ownedGroup.next();
        }
        bootstrap = new Bootstrap()
            .group(eventLoop)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)Math.min(Integer.MAX_VALUE, context.connectTimeoutMs()))
            .handler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    initPipeline(ch);
                }
            });
    }

    /** Starts connecting in the background; the first session's CONNECTED status tells when it is up. */
    public FeedConnection start()
    {
        eventLoop.execute(this::connect);
        return this;
    }

    /**
     * Opens a replacement session now (e.g. the venue announced a shutdown); the current one is closed once the
     * replacement is open. Ignored while a replacement is already opening or no session is open. Any thread.
     */
    public void rotate(final String reason)
    {
        eventLoop.execute(() -> rotateOnLoop(reason));
    }

    /** True if {@code session} is this connection's session or the replacement opening next to it. Any thread. */
    public boolean hasSession(final int session)
    {
        final Channel current = channel;
        final Channel next = replacement;
        return current != null && sessionOf(current) == session || next != null && sessionOf(next) == session;
    }

    /**
     * Sends control messages on the open session (e.g. a resubscription), paced to {@code perSecond}; dropped if no
     * session is open (the next one subscribes anyway). Any thread.
     */
    public void send(final List<String> messages, final int perSecond)
    {
        eventLoop.execute(() ->
        {
            if (open && channel != null)
            {
                ControlMessagePacer.send(channel, messages, perSecond);
            }
        });
    }

    /** True while a WebSocket session is open. */
    public boolean isOpen()
    {
        return open;
    }

    public URI uri()
    {
        return uri;
    }

    public FeedCounters counters()
    {
        return counters;
    }

    /**
     * Stops reconnecting, closes the session (publishing DISCONNECTED, so the ring must still be running) and shuts
     * down the event loop if the connection owns it. Waits for the channel to close unless called on its loop.
     */
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        if (eventLoop.inEventLoop())
        {
            closeOnLoop();
            if (ownedGroup != null)
            {
                ownedGroup.shutdownGracefully(0, CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
            return;
        }
        try
        {
            final ChannelFuture closing =
                eventLoop.submit(this::closeOnLoop).get(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (closing != null)
            {
                closing.await(CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final Exception ex)
        {
            LOG.warn("{}: failed to close the connection cleanly", name, ex);
        }
        finally
        {
            if (ownedGroup != null)
            {
                ownedGroup.shutdownGracefully(0, CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
                    .awaitUninterruptibly(CLOSE_TIMEOUT_MS * 2);
            }
        }
    }

    /** Closes the channel, remembering why, so the DISCONNECTED status carries the first reason given. */
    void closeWithReason(final Channel channel, final String reason)
    {
        if (channel == this.channel && closeReason == null)
        {
            closeReason = reason;
        }
        channel.close();
    }

    void onSessionOpen(final Channel channel)
    {
        if (channel == replacement)
        {
            promote(channel);
        }
        else if (channel != this.channel)
        {
            return;
        }
        scheduleRotation();
        open = true;
        counters.incrementConnections();
        backoff.onConnected(nowMs());
        LOG.info("{}: connected to {}", name, uri);
        statusPublisher.publishStatus(venue(), 0, VenueStatusCode.CONNECTED, uri.toString());
        startKeepalive(channel);
        sessionListener.onSessionOpen(channel, sessionOf(channel));
    }

    /** The venue's keepalive message on a timer, for the life of the session's channel. */
    private void startKeepalive(final Channel channel)
    {
        if (keepalive.intervalMs() <= 0)
        {
            return;
        }
        final ScheduledFuture<?> pings = channel.eventLoop().scheduleAtFixedRate(
            () -> channel.writeAndFlush(new TextWebSocketFrame(keepalive.message())),
            keepalive.intervalMs(), keepalive.intervalMs(), TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(future -> pings.cancel(false));
    }

    /** The session number of a channel of this connection (numbers are unique across the process). */
    static int sessionOf(final Channel channel)
    {
        final Integer session = channel.attr(SESSION).get();
        return session == null ? 0 : session;
    }

    private void connect()
    {
        pendingConnect = null;
        if (closed)
        {
            return;
        }
        closeReason = null;
        final ChannelFuture connecting = bootstrap.connect(host, port);
        channel = connecting.channel();
        channel.closeFuture().addListener(future -> onChannelClosed(connecting));
    }

    private void onChannelClosed(final ChannelFuture connecting)
    {
        if (connecting.channel() != channel)
        {
            onOtherChannelClosed(connecting);
            return;
        }
        cancelRotation();
        final String reason;
        if (closeReason != null)
        {
            reason = closeReason;
        }
        else if (connecting.cause() != null)
        {
            reason = "connect failed: " + connecting.cause();
        }
        else
        {
            reason = "connection closed by venue";
        }
        channel = null;
        closeReason = null;
        if (open)
        {
            open = false;
            backoff.onDisconnected(nowMs());
            if (closed)
            {
                LOG.info("{}: disconnected from {}: {}", name, uri, reason);
            }
            else
            {
                LOG.warn("{}: disconnected from {}: {}", name, uri, reason);
            }
            statusPublisher.publishStatus(venue(), 0, VenueStatusCode.DISCONNECTED, reason);
            sessionListener.onSessionClosed(reason);
        }
        else if (!closed)
        {
            LOG.warn("{}: could not open a session with {}: {}", name, uri, reason);
        }
        scheduleReconnect();
    }

    /** A replacement that never opened, or a replaced session that has now closed. */
    private void onOtherChannelClosed(final ChannelFuture connecting)
    {
        if (connecting.channel() == replacement)
        {
            replacement = null;
            if (!closed && channel != null)
            {
                final long delayMs = backoff.ceilingMs(0);
                LOG.warn("{}: replacement session failed ({}); retrying in {} ms", name,
                    connecting.cause() != null ? connecting.cause().toString() : "closed before it opened", delayMs);
                pendingRotation = eventLoop.schedule(
                    () -> rotateOnLoop("retry of the replacement"), delayMs, TimeUnit.MILLISECONDS);
            }
            return;
        }
        LOG.info("{}: replaced session closed", name);
    }

    private void rotateOnLoop(final String reason)
    {
        pendingRotation = null;
        if (closed || channel == null || !open || replacement != null)
        {
            return;
        }
        LOG.info("{}: opening a replacement session ({})", name, reason);
        final ChannelFuture connecting = bootstrap.connect(host, port);
        replacement = connecting.channel();
        replacement.closeFuture().addListener(future -> onChannelClosed(connecting));
    }

    /** The replacement is open: it becomes the session; the old one closes after the overlap. */
    private void promote(final Channel next)
    {
        final Channel previous = channel;
        channel = next;
        replacement = null;
        closeReason = null;
        if (pendingConnect != null)
        {
            pendingConnect.cancel(false);
            pendingConnect = null;
        }
        if (previous != null)
        {
            eventLoop.schedule(() -> previous.close(), context.sessionOverlapMs(), TimeUnit.MILLISECONDS);
        }
    }

    private void scheduleRotation()
    {
        cancelRotation();
        pendingRotation = eventLoop.schedule(
            () -> rotateOnLoop("session age " + context.maxSessionAgeMs() + " ms"),
            context.maxSessionAgeMs(), TimeUnit.MILLISECONDS);
    }

    private void cancelRotation()
    {
        if (pendingRotation != null)
        {
            pendingRotation.cancel(false);
            pendingRotation = null;
        }
    }

    private void scheduleReconnect()
    {
        if (closed)
        {
            return;
        }
        final long delayMs = backoff.nextDelayMs();
        counters.incrementReconnects();
        LOG.info("{}: reconnecting in {} ms (attempt {})", name, delayMs, backoff.attempt());
        pendingConnect = eventLoop.schedule(this::connect, delayMs, TimeUnit.MILLISECONDS);
    }

    private ChannelFuture closeOnLoop()
    {
        if (pendingConnect != null)
        {
            pendingConnect.cancel(false);
            pendingConnect = null;
        }
        cancelRotation();
        if (replacement != null)
        {
            replacement.close();
        }
        if (channel == null)
        {
            return null;
        }
        if (closeReason == null)
        {
            closeReason = "feed closed";
        }
        return channel.close();
    }

    private void initPipeline(final SocketChannel ch)
    {
        final int session = SESSIONS.incrementAndGet();
        ch.attr(SESSION).set(session);
        final WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
            uri, WebSocketVersion.V13, null, false, new DefaultHttpHeaders(), context.maxFramePayloadBytes());
        final ChannelPipeline pipeline = ch.pipeline();
        // First, so that any inbound bytes (data, pings, TLS records) count as signs of life.
        pipeline.addLast("idle", new IdleStateHandler(keepalive.silenceMs(), 0, 0, TimeUnit.MILLISECONDS));
        if (sslContext != null)
        {
            pipeline.addLast("tls", tlsHandler(ch));
        }
        pipeline.addLast("http", new HttpClientCodec());
        pipeline.addLast("http-aggregator", new HttpObjectAggregator(HANDSHAKE_RESPONSE_MAX_BYTES));
        pipeline.addLast("ws-aggregator", new WebSocketFrameAggregator(context.maxFramePayloadBytes()));
        pipeline.addLast("feed", new FeedChannelHandler(this, session, handshaker, frames, counters, keepalive));
    }

    private SslHandler tlsHandler(final SocketChannel ch)
    {
        final SslHandler handler = sslContext.newHandler(ch.alloc(), host, port);
        if (!NetUtil.isValidIpV4Address(host) && !NetUtil.isValidIpV6Address(host))
        {
            // The JDK sends SNI on its own only for dotted names; say it explicitly so every host name is sent.
            final SSLEngine engine = handler.engine();
            final SSLParameters parameters = engine.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(host)));
            engine.setSSLParameters(parameters);
        }
        return handler;
    }

    private Venue venue()
    {
        return context.venue();
    }

    private static long nowMs()
    {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime());
    }

    private static SslContext clientSslContext(final FeedContext context)
    {
        if (context.sslContext() != null)
        {
            return context.sslContext();
        }
        try
        {
            // HTTPS endpoint identification checks the certificate against the host we asked for.
            return SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .endpointIdentificationAlgorithm("HTTPS")
                .build();
        }
        catch (final SSLException ex)
        {
            throw new IllegalStateException("cannot create the TLS client context", ex);
        }
    }
}
