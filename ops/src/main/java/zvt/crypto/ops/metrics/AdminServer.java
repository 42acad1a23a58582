package zvt.crypto.ops.metrics;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.gateway.MetricsSource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The small admin port of a role without a gateway (the backfill loader): {@code GET /metrics} in the Prometheus text
 * format and {@code GET /health}, nothing else. One event loop does everything: a scrape every few seconds is its only
 * work, so rendering the metrics on it blocks nobody.
 */
public final class AdminServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    private static final int MAX_REQUEST_BYTES = 8192;

    private final EventLoopGroup group;
    private final Channel channel;
    private final String host;

    private AdminServer(final EventLoopGroup group, final Channel channel, final String host)
    {
        this.group = group;
        this.channel = channel;
        this.host = host;
    }

    /**
     * @param port 0 for an ephemeral port.
     * @throws IllegalStateException naming the address if it cannot be bound.
     */
    public static AdminServer launch(final String host, final int port, final MetricsSource metrics)
    {
        final EventLoopGroup group = new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("admin-http", true), NioIoHandler.newFactory());
        try
        {
            final Channel channel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>()
                {
                    protected void initChannel(final SocketChannel socket)
                    {
                        socket.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
                            new AdminHandler(metrics));
                    }
                })
                .bind(host, port)
                .syncUninterruptibly()
                .channel();
            final AdminServer server = new AdminServer(group, channel, host);
            LOG.info("admin port serving {} and /health", server.metricsUri());
            return server;
        }
        catch (final Exception ex)
        {
            // Netty rethrows the bind failure (a checked BindException) undeclared; name the address instead.
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
            throw new IllegalStateException("admin port cannot listen on " + host + ':' + port + ": " + ex, ex);
        }
    }

    public URI metricsUri()
    {
        return URI.create("http://" + host + ':' + ((InetSocketAddress)channel.localAddress()).getPort() + "/metrics");
    }

    public void close()
    {
        channel.close().awaitUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private static final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest>
    {
        private final MetricsSource metrics;

        AdminHandler(final MetricsSource metrics)
        {
            this.metrics = metrics;
        }

        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request) throws IOException
        {
            final String path = URI.create(request.uri()).getPath();
            final FullHttpResponse response;
            if (!HttpMethod.GET.equals(request.method()))
            {
                response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET\n");
            }
            else if ("/metrics".equals(path))
            {
                response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                try (ByteBufOutputStream out = new ByteBufOutputStream(response.content()))
                {
                    metrics.writeTo(out);
                }
                catch (final IOException | RuntimeException ex)
                {
                    response.release();
                    throw ex;
                }
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, MetricsSource.CONTENT_TYPE);
            }
            else if ("/health".equals(path))
            {
                response = text(HttpResponseStatus.OK, "{\"status\":\"up\"}");
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            }
            else
            {
                response = text(HttpResponseStatus.NOT_FOUND, "the admin port serves /metrics and /health\n");
            }
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            ctx.close();
        }

        private static FullHttpResponse text(final HttpResponseStatus status, final String body)
        {
            final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            return response;
        }
    }
}
