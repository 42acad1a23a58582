package zvt.crypto.feed.connection;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.timeout.IdleStateEvent;
import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.ring.PublishBurst;
import zvt.crypto.feed.venue.Keepalive;

import java.util.concurrent.TimeUnit;

/**
 * Last handler of a feed channel: completes the WebSocket handshake, hands data frames to the feed with the session
 * number, answers pings with pongs carrying the same payload, and turns close frames, errors and silence into a
 * closed channel with a reason (the {@link FeedConnection} then reconnects). Silence: after
 * {@link Keepalive#silenceMs()} without any inbound frame the session is probed (the venue's probe message, or a
 * ping frame); still silent {@link Keepalive#probeTimeoutMs()} later, it is dropped. The frames of one socket read are
 * published as one {@link PublishBurst}: the ring's consumer is woken once per read, not once per event. One instance
 * per channel, used on its event loop only.
 */
final class FeedChannelHandler extends SimpleChannelInboundHandler<Object>
{
    private final FeedConnection connection;
    private final int session;
    private final WebSocketClientHandshaker handshaker;
    private final FrameHandler frames;
    private final FeedCounters counters;
    private final Keepalive keepalive;
    private final FrameBytes frameBytes = new FrameBytes();
    private PublishBurst burst;
    private long inboundFrames;

    FeedChannelHandler(
        final FeedConnection connection,
        final int session,
        final WebSocketClientHandshaker handshaker,
        final FrameHandler frames,
        final FeedCounters counters,
        final Keepalive keepalive)
    {
        this.connection = connection;
        this.session = session;
        this.handshaker = handshaker;
        this.frames = frames;
        this.counters = counters;
        this.keepalive = keepalive;
    }

    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        burst = PublishBurst.onThisThread(); // Netty adds handlers on the channel's event loop: the publishing thread
    }

    public void channelActive(final ChannelHandlerContext ctx)
    {
        handshaker.handshake(ctx.channel()).addListener(future ->
        {
            if (!future.isSuccess())
            {
                connection.closeWithReason(ctx.channel(), "handshake request failed: " + future.cause());
            }
        });
        ctx.fireChannelActive();
    }

    protected void channelRead0(final ChannelHandlerContext ctx, final Object msg)
    {
        if (!handshaker.isHandshakeComplete())
        {
            if (msg instanceof final FullHttpResponse response)
            {
                finishHandshake(ctx, response);
            }
            return;
        }

        if (!(msg instanceof final WebSocketFrame frame))
        {
            return;
        }
        inboundFrames++;
        if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame)
        {
            final ByteBuf content = frame.content();
            final UnsafeBuffer bytes = frameBytes.wrap(content);
            counters.recordFrame(content.readableBytes());
            burst.open();
            frames.onFrame(session, bytes, 0, content.readableBytes());
        }
        else if (frame instanceof PingWebSocketFrame)
        {
            // The venue drops connections whose pongs do not echo the ping payload.
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        }
        else if (frame instanceof final CloseWebSocketFrame close)
        {
            connection.closeWithReason(
                ctx.channel(), "closed by venue: " + close.statusCode() + " " + close.reasonText());
        }
    }

    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event)
    {
        if (event instanceof IdleStateEvent idle && idle.isFirst())
        {
            probe(ctx);
        }
        else if (!(event instanceof IdleStateEvent))
        {
            ctx.fireUserEventTriggered(event);
        }
    }

    public void channelReadComplete(final ChannelHandlerContext ctx)
    {
        burst.close();
        ctx.fireChannelReadComplete();
    }

    public void channelInactive(final ChannelHandlerContext ctx)
    {
        burst.close();
        ctx.fireChannelInactive();
    }

    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        burst.close();
        connection.closeWithReason(ctx.channel(), "error: " + cause);
    }

    /** Asks a silent session for a sign of life; drops it if none comes in time. */
    private void probe(final ChannelHandlerContext ctx)
    {
        final long framesBefore = inboundFrames;
        ctx.writeAndFlush(keepalive.probe() != null ?
            new TextWebSocketFrame(keepalive.probe()) : new PingWebSocketFrame());
        ctx.executor().schedule(() ->
        {
            if (inboundFrames == framesBefore && ctx.channel().isActive())
            {
                connection.closeWithReason(ctx.channel(), "silent: no frame for " + keepalive.silenceMs() +
                    " ms and none within " + keepalive.probeTimeoutMs() + " ms of a probe");
            }
        }, keepalive.probeTimeoutMs(), TimeUnit.MILLISECONDS);
    }

    private void finishHandshake(final ChannelHandlerContext ctx, final FullHttpResponse response)
    {
        try
        {
            handshaker.finishHandshake(ctx.channel(), response);
        }
        catch (final WebSocketHandshakeException ex)
        {
            connection.closeWithReason(ctx.channel(), "handshake rejected: " + ex.getMessage());
            return;
        }
        connection.onSessionOpen(ctx.channel());
    }
}
