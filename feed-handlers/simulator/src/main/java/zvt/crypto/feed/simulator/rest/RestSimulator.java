package zvt.crypto.feed.simulator.rest;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
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
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SniHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import zvt.crypto.feed.simulator.SimulatorBinding;

/**
 * A venue's REST API for tests, the demo and load runs: a real Netty HTTP/1.1 server ({@code http://}, or
 * {@code https://} with SNI) that answers GETs from its {@link RestRoute}s, after applying the {@link RestFaults}
 * schedule and the optional weight budget. Keep-alive is honoured; every request is logged in the counters.
 * <p>
 * Everything runs on one event loop thread. {@link #launch}, {@link #close()} and the counters may be used from any
 * thread.
 */
public final class RestSimulator implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(RestSimulator.class);
    private static final int REQUEST_MAX_BYTES = 64 * 1024;
    private static final long CLOSE_TIMEOUT_MS = 5_000;

    private final RestSimulatorContext context;
    private final Map<String, RestRoute> routes;
    private final RestFaults faults;
    private final RestSimulatorCounters counters = new RestSimulatorCounters();
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private long windowStartNanos;
    private long windowWeight;
    private volatile String lastServerName;

    private RestSimulator(final RestSimulatorContext context) throws InterruptedException
    {
        this.context = context;
        this.routes = context.routes();
        this.faults = context.faults();
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("rest-simulator", true),
            NioIoHandler.newFactory());
        try
        {
            serverChannel = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>()
                {
                    protected void initChannel(final SocketChannel ch)
                    {
                        final ChannelPipeline pipeline = ch.pipeline();
                        if (context.sslContext() != null)
                        {
                            pipeline.addLast("tls", new SniHandler(serverName ->
                            {
                                lastServerName = serverName;
                                return context.sslContext();
                            }));
                        }
                        pipeline.addLast("http", new HttpServerCodec());
                        pipeline.addLast("aggregate", new HttpObjectAggregator(REQUEST_MAX_BYTES));
                        pipeline.addLast("routes", new RequestHandler());
                    }
                })
                .bind(context.host(), context.port())
                .sync()
                .channel();
        }
        catch (final InterruptedException | RuntimeException ex)
        {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw ex;
        }
    }

    /**
     * Binds and starts serving.
     *
     * @throws IllegalStateException if the address cannot be bound.
     */
    public static RestSimulator launch(final RestSimulatorContext context)
    {
        context.conclude();
        final RestSimulator simulator = SimulatorBinding.bind("the REST simulator", context.host(), context.port(),
            () -> new RestSimulator(context));
        LOG.info("rest simulator listening on {} with routes {}", simulator.baseUri(), context.routes().keySet());
        return simulator;
    }

    public int port()
    {
        return SimulatorBinding.port(serverChannel);
    }

    /** Base address for a client, e.g. {@code http://127.0.0.1:40123}. */
    public String baseUri()
    {
        return SimulatorBinding.baseUri(context.sslContext() != null ? "https" : "http", context.host(), port());
    }

    public RestSimulatorCounters counters()
    {
        return counters;
    }

    /** The SNI host name of the last TLS handshake, or null. */
    public String lastServerName()
    {
        return lastServerName;
    }

    public void close()
    {
        serverChannel.close().awaitUninterruptibly(CLOSE_TIMEOUT_MS);
        group.shutdownGracefully(0, CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS).awaitUninterruptibly(CLOSE_TIMEOUT_MS * 2);
    }

    private final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest>
    {
        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
        {
            final long number = counters.onRequest();
            final long nowNanos = System.nanoTime();
            final QueryStringDecoder query = new QueryStringDecoder(request.uri());
            final RestRoute route = routes.get(query.path());
            final int weight = route == null ? 1 : route.weight(query);
            final boolean keepAlive = HttpUtil.isKeepAlive(request);

            if (faults.drop(number))
            {
                counters.onDropped();
                log(nowNanos, query, weight, -1);
                ctx.close();
                return;
            }
            final SimulatedReply reply;
            if (request.method() != HttpMethod.GET)
            {
                reply = SimulatedReply.json(405, "{\"error\":\"only GET\"}");
            }
            else if (faults.rateLimit(number))
            {
                counters.onRateLimited();
                reply = throttled(faults.retryAfterSeconds());
            }
            else if (faults.serverError(number))
            {
                counters.onServerError();
                reply = SimulatedReply.json(faults.serverErrorStatus(), "{\"error\":\"simulated server error\"}");
            }
            else if (!withinBudget(weight, nowNanos))
            {
                counters.onOverBudget();
                final long windowNanos = TimeUnit.MILLISECONDS.toNanos(context.weightWindowMs());
                final long remainingNanos = windowStartNanos + windowNanos - nowNanos;
                reply = throttled((int)Math.max(1, TimeUnit.NANOSECONDS.toSeconds(remainingNanos + 999_999_999)));
            }
            else if (route == null)
            {
                reply = SimulatedReply.json(404, "{\"error\":\"no route " + query.path() + "\"}");
            }
            else
            {
                reply = answer(route, query);
            }
            log(nowNanos, query, weight, reply.status());

            final FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
            response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, reply.body().length);
            reply.headers().forEach((name, value) -> response.headers().set(name, value));
            if (context.weightLimit() > 0)
            {
                response.headers().set("X-Used-Weight", Long.toString(windowWeight));
            }
            if (keepAlive)
            {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            final long delayMs = faults.delayMs(number);
            if (delayMs > 0)
            {
                counters.onSlowed();
                ctx.executor().schedule(() -> write(ctx, response, keepAlive), delayMs, TimeUnit.MILLISECONDS);
            }
            else
            {
                write(ctx, response, keepAlive);
            }
        }

        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            LOG.debug("rest simulator: closing a connection after {}", cause.toString());
            ctx.close();
        }

        private void write(final ChannelHandlerContext ctx, final FullHttpResponse response, final boolean keepAlive)
        {
            if (!ctx.channel().isActive())
            {
                response.release();
                return;
            }
            if (keepAlive)
            {
                ctx.writeAndFlush(response);
            }
            else
            {
                ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        private SimulatedReply answer(final RestRoute route, final QueryStringDecoder query)
        {
            try
            {
                return route.handle(query);
            }
            catch (final RuntimeException ex)
            {
                return SimulatedReply.json(400, "{\"error\":\"" + String.valueOf(ex.getMessage()).replace('"', '\'') +
                    "\"}");
            }
        }

        private void log(final long nowNanos, final QueryStringDecoder query, final int weight, final int status)
        {
            counters.log(new RestSimulatorCounters.Request(nowNanos, query.path(), query.rawQuery(), weight, status));
        }
    }

    private static SimulatedReply throttled(final int retryAfterSeconds)
    {
        return new SimulatedReply(429, "{\"code\":-1003,\"msg\":\"Too many requests\"}".getBytes(
            java.nio.charset.StandardCharsets.UTF_8), Map.of("Retry-After", Integer.toString(retryAfterSeconds)));
    }

    /** Fixed-window budget, counted on the event loop; only requests that pass use weight. */
    private boolean withinBudget(final int weight, final long nowNanos)
    {
        if (context.weightLimit() <= 0)
        {
            return true;
        }
        final long windowNanos = TimeUnit.MILLISECONDS.toNanos(context.weightWindowMs());
        if (windowStartNanos == 0 || nowNanos - windowStartNanos >= windowNanos)
        {
            windowStartNanos = nowNanos;
            windowWeight = 0;
        }
        if (windowWeight + weight > context.weightLimit())
        {
            return false;
        }
        windowWeight += weight;
        return true;
    }
}
