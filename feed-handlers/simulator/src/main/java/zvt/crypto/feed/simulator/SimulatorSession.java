package zvt.crypto.feed.simulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.CharsetUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One client connection to a venue simulator. A plain HTTP request the venue's {@link VenueRestApi} handles goes
 * there; otherwise it must be a WebSocket upgrade on a path the venue's {@link VenueSession} accepts. On an open
 * stream connection, text frames go to the venue session (control requests, client pings), the server pings if the
 * venue does (closing the connection if pongs stop), and the messages of its subscribed streams go out through the
 * {@link SessionWriter}. Used on the simulator's event loop only.
 */
final class SimulatorSession extends SimpleChannelInboundHandler<Object> implements SessionControl
{
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorSession.class);

    private final BinanceSimulatorContext context;
    private final SimulatedMarket market;
    private final SimulatorCounters counters;
    private final VenueProtocol protocol;
    private final VenueRestApi restApi;
    private final SessionWriter writer;
    private final VenueSession venue;
    private final Set<String> subscriptions = new LinkedHashSet<>();
    private Channel channel;
    private WebSocketServerHandshaker handshaker;
    private ScheduledFuture<?> pinger;
    private long connectionId;
    private boolean open;
    private long pingCount;
    private long unansweredPingSinceNanos;

    SimulatorSession(
        final BinanceSimulatorContext context,
        final SimulatedMarket market,
        final SimulatorCounters counters,
        final VenueProtocol protocol,
        final VenueRestApi restApi)
    {
        this.context = context;
        this.market = market;
        this.counters = counters;
        this.protocol = protocol;
        this.restApi = restApi;
        this.writer = new SessionWriter(context, counters, market.faultLog());
        this.venue = protocol.newSession(this);
    }

    public List<String> subscriptions()
    {
        return new ArrayList<>(subscriptions);
    }

    public void subscribe(final List<String> streams)
    {
        for (final String stream : streams)
        {
            if (subscriptions.add(stream))
            {
                market.subscribe(this, stream);
            }
        }
    }

    public void unsubscribe(final List<String> streams)
    {
        for (final String stream : streams)
        {
            if (subscriptions.remove(stream))
            {
                market.unsubscribe(this, stream);
            }
        }
    }

    public void reply(final String text)
    {
        flushBatch();
        channel.writeAndFlush(new TextWebSocketFrame(text)).addListener(f ->
        {
            if (f.isSuccess())
            {
                counters.incrementRepliesDelivered();
            }
        });
    }

    public void send(
        final StreamKind kind, final DirectBuffer payload, final int length, final int spliceAt, final long first,
        final long last)
    {
        send(kind, null, null, this, payload, length, spliceAt, first, last);
    }

    public void flush()
    {
        flushBatch();
    }

    public EventExecutor executor()
    {
        return channel.eventLoop();
    }

    public long connectionId()
    {
        return connectionId;
    }

    public BinanceSimulatorContext context()
    {
        return context;
    }

    VenueSession venue()
    {
        return venue;
    }

    boolean isOpen()
    {
        return open;
    }

    boolean channelWritable()
    {
        return open && channel.isWritable();
    }

    boolean isSubscribed(final String streamName)
    {
        return subscriptions.contains(streamName);
    }

    boolean hasSubscriptions()
    {
        return !subscriptions.isEmpty();
    }

    /** Writes one market message to this connection's batch; see {@link SessionWriter#send}. */
    void send(
        final StreamKind kind,
        final byte[] streamName,
        final String venueSymbol,
        final Object streamKey,
        final DirectBuffer payload,
        final int length,
        final int spliceAt,
        final long first,
        final long last)
    {
        if (open)
        {
            writer.send(kind, streamName, venueSymbol, streamKey, payload, length, spliceAt, first, last);
        }
    }

    /** Sends a message now, unaffected by faults (a venue's shutdown notice). */
    void sendNow(final byte[] streamName, final DirectBuffer payload, final int length)
    {
        if (open)
        {
            writer.sendUnfaulted(streamName, payload, length);
            writer.flushBatch();
        }
    }

    /** Writes the tick's batch and flushes. */
    void flushBatch()
    {
        if (open)
        {
            writer.flushBatch();
        }
    }

    /** Closes the TCP connection without a close frame, as a network failure would. */
    void drop()
    {
        flushBatch();
        channel.close();
    }

    public void channelActive(final ChannelHandlerContext ctx)
    {
        channel = ctx.channel();
        ctx.fireChannelActive();
    }

    public void channelInactive(final ChannelHandlerContext ctx)
    {
        if (pinger != null)
        {
            pinger.cancel(false);
        }
        if (open)
        {
            open = false;
            venue.onClose();
            counters.addActiveConnections(-1);
            market.removeSession(this);
        }
        writer.close();
        ctx.fireChannelInactive();
    }

    protected void channelRead0(final ChannelHandlerContext ctx, final Object msg)
    {
        if (msg instanceof final FullHttpRequest request)
        {
            if (restApi.handles(new QueryStringDecoder(request.uri()).path()))
            {
                counters.incrementRestRequests();
                restApi.handle(ctx, request);
            }
            else
            {
                onUpgradeRequest(ctx, request);
            }
        }
        else if (msg instanceof final WebSocketFrame frame)
        {
            onFrame(ctx, frame);
        }
    }

    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        LOG.debug("simulator connection {} failed; closing", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    private void onUpgradeRequest(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        if (handshaker != null || !request.decoderResult().isSuccess())
        {
            respond(ctx, HttpResponseStatus.BAD_REQUEST, "bad request");
            return;
        }
        final QueryStringDecoder query = new QueryStringDecoder(request.uri());
        final List<String> streams = new ArrayList<>();
        final String notFound = venue.open(query.path(), query.parameters(), streams);
        if (notFound != null)
        {
            respond(ctx, HttpResponseStatus.NOT_FOUND, notFound);
            return;
        }
        if (!HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE)))
        {
            respond(ctx, HttpResponseStatus.BAD_REQUEST, "a WebSocket upgrade is required");
            return;
        }
        handshaker = new WebSocketServerHandshakerFactory(
            "ws://" + request.headers().get(HttpHeaderNames.HOST) + request.uri(), null, false,
            context.maxFramePayloadBytes()).newHandshaker(request);
        if (handshaker == null)
        {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        handshaker.handshake(ctx.channel(), request).addListener((ChannelFutureListener)future ->
        {
            if (future.isSuccess())
            {
                onOpen(ctx, streams);
            }
            else
            {
                ctx.close();
            }
        });
    }

    private void onOpen(final ChannelHandlerContext ctx, final List<String> streams)
    {
        open = true;
        connectionId = market.addSession(this);
        writer.open(channel, venue, connectionId);
        counters.incrementConnectionsAccepted();
        counters.addActiveConnections(1);
        subscribe(streams);
        venue.onOpen();
        if (context.replay() != null)
        {
            new RecordingPlayer(context.replay(), this, ctx.executor()).start();
        }
        final long pingIntervalMs = context.pingIntervalMs();
        if (protocol.serverPings() && pingIntervalMs > 0)
        {
            pinger = ctx.executor().scheduleAtFixedRate(
                this::ping, pingIntervalMs, pingIntervalMs, TimeUnit.MILLISECONDS);
        }
    }

    private void onFrame(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        if (market.isUnresponsive() && !(frame instanceof CloseWebSocketFrame))
        {
            return;
        }
        if (frame instanceof final TextWebSocketFrame text)
        {
            counters.incrementControlRequests();
            venue.onText(text.text());
        }
        else if (frame instanceof PongWebSocketFrame)
        {
            final ByteBuf content = frame.content();
            if (content.readableBytes() == Long.BYTES && content.getLong(content.readerIndex()) == pingCount)
            {
                unansweredPingSinceNanos = 0;
                counters.incrementPongsReceived();
            }
        }
        else if (frame instanceof PingWebSocketFrame)
        {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        }
        else if (frame instanceof final CloseWebSocketFrame close)
        {
            handshaker.close(ctx.channel(), close.retain());
        }
    }

    private void ping()
    {
        if (market.isUnresponsive())
        {
            return;
        }
        final long now = System.nanoTime();
        if (unansweredPingSinceNanos != 0 &&
            now - unansweredPingSinceNanos > TimeUnit.MILLISECONDS.toNanos(context.pongTimeoutMs()))
        {
            LOG.info("simulator closes {}: no pong for {} ms", channel.remoteAddress(), context.pongTimeoutMs());
            channel.close();
            return;
        }
        if (unansweredPingSinceNanos == 0)
        {
            unansweredPingSinceNanos = now;
        }
        pingCount++;
        flushBatch();
        channel.writeAndFlush(new PingWebSocketFrame(Unpooled.copyLong(pingCount)));
        counters.incrementPingsSent();
    }

    private static void respond(final ChannelHandlerContext ctx, final HttpResponseStatus status, final String body)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, CharsetUtil.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
        HttpUtil.setContentLength(response, response.content().readableBytes());
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
