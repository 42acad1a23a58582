package zvt.crypto.gateway.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import zvt.crypto.gateway.GatewayCounters;

import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Plain HTTP requests that are not a WebSocket upgrade: {@code GET /health} answers 200 with a small JSON body (the
 * gateway's counters, plus the node's readiness details under {@code "node"} when it gives any); every other path
 * is 404. Stateless and shared by all channels.
 */
@ChannelHandler.Sharable
final class HttpRouteHandler extends SimpleChannelInboundHandler<FullHttpRequest>
{
    static final String HEALTH_PATH = "/health";

    private final GatewayCounters counters;
    private final String webSocketPath;
    private final Supplier<String> details;

    HttpRouteHandler(final GatewayCounters counters, final String webSocketPath, final Supplier<String> details)
    {
        this.counters = counters;
        this.webSocketPath = webSocketPath;
        this.details = details;
    }

    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final FullHttpResponse response;
        if (!request.decoderResult().isSuccess())
        {
            response = json(ctx, HttpResponseStatus.BAD_REQUEST, "{\"error\":\"malformed HTTP request\"}");
        }
        else if (!HEALTH_PATH.equals(new QueryStringDecoder(request.uri()).path()))
        {
            response = json(ctx, HttpResponseStatus.NOT_FOUND,
                "{\"error\":\"not found\",\"paths\":[\"" + HEALTH_PATH + "\",\"" + webSocketPath + "\"]}");
        }
        else if (!HttpMethod.GET.equals(request.method()))
        {
            response = json(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "{\"error\":\"use GET\"}");
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
        }
        else
        {
            response = json(ctx, HttpResponseStatus.OK,
                "{\"status\":\"up\",\"sessions\":" + counters.sessionsOpen() +
                ",\"messagesSent\":" + counters.messagesSent() +
                ",\"slowConsumerDisconnects\":" + counters.slowConsumerDisconnects() +
                ",\"rejectedRequests\":" + counters.rejectedRequests() + nodeDetails() + '}');
        }
        final boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive)
        {
            ctx.writeAndFlush(response);
        }
        else
        {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private String nodeDetails()
    {
        final String node = details.get();
        return node == null ? "" : ",\"node\":" + node;
    }

    private static FullHttpResponse json(
        final ChannelHandlerContext ctx, final HttpResponseStatus status, final String body)
    {
        final byte[] bytes = body.getBytes(StandardCharsets.US_ASCII);
        final ByteBuf content = ctx.alloc().buffer(bytes.length).writeBytes(bytes);
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return response;
    }
}
