package zvt.crypto.gateway.web;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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
import zvt.crypto.gateway.web.WebFiles.WebFile;

/**
 * The live web page on the gateway's own port: {@code /} is the page, {@code /web/<file>} its scripts and styles,
 * {@code /web/uplot/<file>} the chart library from its WebJar. Every other request passes on to the REST API. The
 * page is public (like {@code /metrics}): it holds no data, and asks for a credential when the API answers 401.
 * <p>
 * Browsers revalidate every file ({@code no-cache}) with its ETag and get 304 when it is unchanged, so a new build
 * is picked up at once and an unchanged one costs no transfer. Only GET and HEAD are served; unknown files are 404.
 * Shared by every connection; answers from memory on the event loop.
 */
@ChannelHandler.Sharable
public final class WebPageHandler extends ChannelInboundHandlerAdapter
{
    /** The page itself. */
    public static final String ROOT = "/";
    /** Everything the page loads; public like the page. */
    public static final String FILES_PREFIX = "/web/";
    private static final String UPLOT_PREFIX = FILES_PREFIX + "uplot/";
    private static final String INDEX = "index.html";
    private static final String CACHE_CONTROL = "no-cache";
    /** The page talks to this gateway only: no framing by other sites, no scripts or connections elsewhere. */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; connect-src 'self'; " +
        "img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

    private final WebFiles files = new WebFiles();

    /** @return true if the path is the page or one of its files: served here, without a credential. */
    public static boolean isWebPath(final String path)
    {
        return ROOT.equals(path) || path.startsWith(FILES_PREFIX);
    }

    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (!(msg instanceof FullHttpRequest request))
        {
            ctx.fireChannelRead(msg);
            return;
        }
        final String path = new QueryStringDecoder(request.uri()).path();
        if (!request.decoderResult().isSuccess() || !isWebPath(path))
        {
            ctx.fireChannelRead(request);
            return;
        }
        try
        {
            respond(ctx, request, path);
        }
        finally
        {
            request.release();
        }
    }

    private void respond(final ChannelHandlerContext ctx, final FullHttpRequest request, final String path)
    {
        final boolean keepAlive = HttpUtil.isKeepAlive(request);
        final boolean head = HttpMethod.HEAD.equals(request.method());
        if (!head && !HttpMethod.GET.equals(request.method()))
        {
            final FullHttpResponse response = plain(HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET\n");
            response.headers().set(HttpHeaderNames.ALLOW, "GET, HEAD");
            send(ctx, response, keepAlive);
            return;
        }
        final Optional<WebFile> file = find(path);
        if (file.isEmpty())
        {
            send(ctx, plain(HttpResponseStatus.NOT_FOUND, "no such file: " + path + "\n"), keepAlive);
            return;
        }
        final WebFile found = file.get();
        final boolean unchanged = found.etag().equals(request.headers().get(HttpHeaderNames.IF_NONE_MATCH));
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
            unchanged ? HttpResponseStatus.NOT_MODIFIED : HttpResponseStatus.OK,
            unchanged || head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(found.bytes()));
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, found.contentType())
            .set(HttpHeaderNames.CACHE_CONTROL, CACHE_CONTROL)
            .set(HttpHeaderNames.ETAG, found.etag())
            .set("X-Content-Type-Options", "nosniff")
            .set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        if (!unchanged)
        {
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, found.bytes().length);
        }
        send(ctx, response, keepAlive);
    }

    private Optional<WebFile> find(final String path)
    {
        if (ROOT.equals(path))
        {
            return files.page(INDEX);
        }
        if (path.startsWith(UPLOT_PREFIX))
        {
            return files.uplot(path.substring(UPLOT_PREFIX.length()));
        }
        return files.page(path.substring(FILES_PREFIX.length()));
    }

    private static FullHttpResponse plain(final HttpResponseStatus status, final String text)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
            Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN + "; charset=utf-8")
            .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        return response;
    }

    private static void send(final ChannelHandlerContext ctx, final FullHttpResponse response, final boolean keepAlive)
    {
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
}
