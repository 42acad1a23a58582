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

/**
 * Last handler of a feed channel: completes the WebSocket handshake, hands data frames to the venue adapter, answers
 * pings with pongs carrying the same payload, and turns close frames, idleness and errors into a closed channel with
 * a reason (the {@link FeedConnection} then reconnects). One instance per channel, used on its event loop only.
 */
final class FeedChannelHandler extends SimpleChannelInboundHandler<Object>
{
    private final FeedConnection connection;
    private final WebSocketClientHandshaker handshaker;
    private final FrameAdapter adapter;
    private final FeedCounters counters;
    private final long idleTimeoutMs;
    private final FrameBytes frameBytes = new FrameBytes();

    FeedChannelHandler(
        final FeedConnection connection,
        final WebSocketClientHandshaker handshaker,
        final FrameAdapter adapter,
        final FeedCounters counters,
        final long idleTimeoutMs)
    {
        this.connection = connection;
        this.handshaker = handshaker;
        this.adapter = adapter;
        this.counters = counters;
        this.idleTimeoutMs = idleTimeoutMs;
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
        if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame)
        {
            final ByteBuf content = frame.content();
            final UnsafeBuffer bytes = frameBytes.wrap(content);
            counters.incrementFrames();
            adapter.onFrame(bytes, 0, content.readableBytes());
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
        if (event instanceof IdleStateEvent)
        {
            connection.closeWithReason(ctx.channel(), "idle: no data for " + idleTimeoutMs + " ms");
        }
        else
        {
            ctx.fireUserEventTriggered(event);
        }
    }

    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        connection.closeWithReason(ctx.channel(), "error: " + cause);
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
