package zvt.crypto.feed.simulator;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import org.agrona.DirectBuffer;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writing JSON answers of the venues' REST APIs, honouring keep-alive, and reading their query parameters. */
public final class RestReplies
{
    private RestReplies()
    {
    }

    public static void json(
        final ChannelHandlerContext ctx, final boolean keepAlive, final HttpResponseStatus status, final String body)
    {
        send(ctx, keepAlive, new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8)));
    }

    /** Copies {@code length} bytes of {@code body}: it is the caller's reused buffer. */
    public static void json(
        final ChannelHandlerContext ctx, final boolean keepAlive, final DirectBuffer body, final int length)
    {
        final byte[] bytes = new byte[length];
        body.getBytes(0, bytes);
        send(ctx, keepAlive, new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(bytes)));
    }

    public static String param(final QueryStringDecoder query, final String name)
    {
        final List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The parameter as an int; {@code defaultValue} if absent, -1 if not a number. */
    public static int intParam(final QueryStringDecoder query, final String name, final int defaultValue)
    {
        final String text = param(query, name);
        if (text == null)
        {
            return defaultValue;
        }
        try
        {
            return Integer.parseInt(text);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    private static void send(final ChannelHandlerContext ctx, final boolean keepAlive, final FullHttpResponse response)
    {
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json;charset=UTF-8");
        HttpUtil.setContentLength(response, response.content().readableBytes());
        if (keepAlive)
        {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        }
        else
        {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
