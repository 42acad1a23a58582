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
import io.netty.util.concurrent.ScheduledFuture;
import org.agrona.MutableDirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One client connection to the simulator, from the HTTP upgrade on: routes {@code /stream?streams=a/b} (combined
 * frames) and {@code /ws/a/b} (raw frames), answers control requests, pings the client periodically and closes the
 * connection if pongs stop, and writes the trades of its subscribed streams. Used on the simulator's event loop only.
 */
final class SimulatorSession extends SimpleChannelInboundHandler<Object> implements BinanceControlProtocol.Session
{
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorSession.class);
    private static final byte[] COMBINED_PREFIX = "{\"stream\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA_PREFIX = "\",\"data\":".getBytes(StandardCharsets.US_ASCII);
    private static final int COMBINED_OVERHEAD = COMBINED_PREFIX.length + DATA_PREFIX.length + 1;

    private final BinanceSimulatorContext context;
    private final SimulatedMarket market;
    private final SimulatorCounters counters;
    private final Set<String> subscriptions = new LinkedHashSet<>();
    private Channel channel;
    private WebSocketServerHandshaker handshaker;
    private ScheduledFuture<?> pinger;
    private boolean combined;
    private boolean open;
    private boolean flushPending;
    private long pingCount;
    private long unansweredPingSinceNanos;

    SimulatorSession(
        final BinanceSimulatorContext context, final SimulatedMarket market, final SimulatorCounters counters)
    {
        this.context = context;
        this.market = market;
        this.counters = counters;
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

    public boolean combined()
    {
        return combined;
    }

    public void combined(final boolean combined)
    {
        this.combined = combined;
    }

    /** Writes one trade payload, wrapped for combined streams; flushed at the end of the market's tick. */
    void sendTrade(final byte[] streamName, final MutableDirectBuffer payload, final int length)
    {
        if (!channel.isWritable())
        {
            counters.incrementMessagesDropped();
            return;
        }
        final ByteBuf frame = channel.alloc().buffer(length + (combined ? COMBINED_OVERHEAD + streamName.length : 0));
        if (combined)
        {
            frame.writeBytes(COMBINED_PREFIX).writeBytes(streamName).writeBytes(DATA_PREFIX);
        }
        frame.writeBytes(payload.byteArray(), 0, length);
        if (combined)
        {
            frame.writeByte('}');
        }
        channel.write(new TextWebSocketFrame(frame), channel.voidPromise());
        counters.incrementMessagesSent();
        flushPending = true;
    }

    void flushIfPending()
    {
        if (flushPending)
        {
            flushPending = false;
            channel.flush();
        }
    }

    /** Closes the TCP connection without a close frame, as a network failure would. */
    void drop()
    {
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
            counters.addActiveConnections(-1);
            market.removeSession(this);
        }
        ctx.fireChannelInactive();
    }

    protected void channelRead0(final ChannelHandlerContext ctx, final Object msg)
    {
        if (msg instanceof final FullHttpRequest request)
        {
            onUpgradeRequest(ctx, request);
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
        final String path = query.path();
        final List<String> streams = new ArrayList<>();
        final boolean combinedPath = "/stream".equals(path);
        if (combinedPath)
        {
            final List<String> values = query.parameters().get("streams");
            if (values != null && !values.isEmpty())
            {
                splitStreams(values.get(0), streams);
            }
        }
        else if ("/ws".equals(path) || path.startsWith("/ws/"))
        {
            splitStreams(path.substring("/ws".length()), streams);
        }
        else
        {
            respond(ctx, HttpResponseStatus.NOT_FOUND, "no such endpoint: " + path + " (use /stream or /ws)");
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
                onOpen(ctx, combinedPath, streams);
            }
            else
            {
                ctx.close();
            }
        });
    }

    private void onOpen(final ChannelHandlerContext ctx, final boolean combinedPath, final List<String> streams)
    {
        open = true;
        combined = combinedPath;
        counters.incrementConnectionsAccepted();
        counters.addActiveConnections(1);
        market.addSession(this);
        subscribe(streams);
        final long pingIntervalMs = context.pingIntervalMs();
        if (pingIntervalMs > 0)
        {
            pinger = ctx.executor().scheduleAtFixedRate(
                this::ping, pingIntervalMs, pingIntervalMs, TimeUnit.MILLISECONDS);
        }
    }

    private void onFrame(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        if (frame instanceof final TextWebSocketFrame text)
        {
            counters.incrementControlRequests();
            ctx.writeAndFlush(new TextWebSocketFrame(BinanceControlProtocol.handle(text.text(), this)));
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
        channel.writeAndFlush(new PingWebSocketFrame(Unpooled.copyLong(pingCount)));
        counters.incrementPingsSent();
    }

    private static void splitStreams(final String joined, final List<String> streams)
    {
        Arrays.stream(joined.split("/")).filter(s -> !s.isEmpty()).forEach(streams::add);
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
