package zvt.crypto.gateway.rest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.group.ChannelGroup;
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
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.gateway.GatewayContext;
import zvt.crypto.gateway.GatewayCounters;
import zvt.crypto.gateway.MetricsSource;
import zvt.crypto.gateway.fanout.FanoutEventHandler;

/**
 * The REST API under {@code /api/v1/crypto}, on the gateway's port: every plain HTTP request that is not the
 * WebSocket upgrade comes here. Routes ({@link RestRoute}) are matched by their path template; the document at
 * {@code /api/v1/crypto/openapi.json} describes each of them. Only GET is served.
 * <ul>
 *   <li>Routes that read memory answer on the event loop. Routes that read the database run on a small pool of
 *       query threads with a bounded queue: a full queue answers 503, a request slower than the timeout 504, so a
 *       slow database never stalls a socket.</li>
 *   <li>Answers are written by the route straight into a pooled buffer, the big ones (candles, trades) row by row
 *       as the database returns them, with no tree in between; settled candles are copied as bytes from
 *       {@link CandleCache} ({@link GatewayContext#restCacheBytes()}, 0 for none).</li>
 *   <li>Errors are JSON, {@code {"error":"...","status":400}}, with a message that says what was wrong; an unexpected
 *       failure is logged and answered 500 without its details.</li>
 * </ul>
 * Shared by every connection ({@link ChannelHandler.Sharable}); close it after the server.
 */
@ChannelHandler.Sharable
public final class RestApi extends SimpleChannelInboundHandler<FullHttpRequest> implements AutoCloseable
{
    /** Where every route lives. */
    public static final String PREFIX = "/api/v1/crypto";
    /** The bare health path liveness probes use. */
    public static final String HEALTH_ALIAS = "/health";
    /** Where Prometheus scrapes, by its convention. */
    public static final String METRICS_PATH = "/metrics";
    private static final String UNMATCHED = "unmatched";

    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
    private static final int QUERY_QUEUE = 256;

    private final ObjectMapper json = new ObjectMapper();
    private final List<RestRoute> routes;
    private final RestRoute health;
    private final MetricsSource metrics;
    private final GatewayCounters counters;
    private final ThreadPoolExecutor queryThreads;
    private final long timeoutMs;

    /**
     * @param fanout   the ring consumer that keeps the live books (the {@code book} route asks it).
     * @param sessions the open WebSocket sessions, for the {@code sessions} route.
     */
    public RestApi(
        final GatewayContext context,
        final InstrumentRegistry instruments,
        final FanoutEventHandler fanout,
        final ChannelGroup sessions)
    {
        health = new HealthRoute(json, context.counters(), context.healthDetails());
        metrics = context.metrics();
        counters = context.counters();
        routes = List.of(
            health,
            new ReadyRoute(json, context.readiness(), fanout, context.readyBookStaleMs()),
            new InstrumentsRoute(json, instruments),
            new OhlcvRoute(context.marketData(),
                context.restCacheBytes() == 0 ? null : new CandleCache(context, json.getFactory())),
            new TradesRoute(context.marketData()),
            new BookRoute(json, instruments, fanout, context.restTimeoutMs()),
            new JournalStatsRoute(json, context.journalStats()),
            new SessionsRoute(json, sessions),
            new MetricsRoute(context.metrics()),
            new OpenApiRoute(json));
        queryThreads = new ThreadPoolExecutor(context.restQueryThreads(), context.restQueryThreads(), 0,
            TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUERY_QUEUE), new DefaultThreadFactory("rest-query", true));
        timeoutMs = context.restTimeoutMs();
    }

    /** The routes' path templates, as openapi.json must name them. */
    public List<String> templates()
    {
        return routes.stream().map(RestRoute::template).toList();
    }

    protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        final long arrived = System.nanoTime();
        final boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        if (!request.decoderResult().isSuccess())
        {
            respond(ctx, UNMATCHED, error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request"), false, arrived);
            return;
        }
        final QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        if (METRICS_PATH.equals(uri.path()) && metrics != null && HttpMethod.GET.equals(request.method()))
        {
            // reads files and many counters: off the event loop
            runQuery(ctx, METRICS_PATH, this::scrape, keepAlive, arrived);
            return;
        }
        final Map<String, String> variables = new HashMap<>();
        final RestRoute route = HEALTH_ALIAS.equals(uri.path()) ? health : match(uri.path(), variables);
        if (route == null)
        {
            respond(ctx, UNMATCHED, error(HttpResponseStatus.NOT_FOUND, "no route " + uri.path() +
                "; the routes are in " + PREFIX + "/openapi.json"), keepAlive, arrived);
        }
        else if (!HttpMethod.GET.equals(request.method()))
        {
            final FullHttpResponse response = error(HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET");
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
            respond(ctx, route.template(), response, keepAlive, arrived);
        }
        else if (!route.blocking())
        {
            respond(ctx, route.template(), answer(ctx.alloc(), route, new RestRequest(variables, uri)), keepAlive,
                arrived);
        }
        else
        {
            final RestRequest query = new RestRequest(variables, uri);
            runQuery(ctx, route.template(), () -> answer(ctx.alloc(), route, query), keepAlive, arrived);
        }
    }

    public void close()
    {
        queryThreads.shutdownNow();
    }

    /** Runs a blocking answer on the query threads; whichever comes first, its answer or the timeout, is sent. */
    private void runQuery(
        final ChannelHandlerContext ctx,
        final String route,
        final Supplier<FullHttpResponse> answer,
        final boolean keepAlive,
        final long arrived)
    {
        final AtomicBoolean answered = new AtomicBoolean();
        try
        {
            queryThreads.execute(() ->
            {
                final FullHttpResponse response = answer.get();
                if (answered.compareAndSet(false, true))
                {
                    respond(ctx, route, response, keepAlive, arrived);
                }
                else
                {
                    response.release();
                }
            });
        }
        catch (final RejectedExecutionException ex)
        {
            respond(ctx, route,
                error(HttpResponseStatus.SERVICE_UNAVAILABLE, "too many queries in flight, retry shortly"), keepAlive,
                arrived);
            return;
        }
        ctx.executor().schedule(() ->
        {
            if (answered.compareAndSet(false, true))
            {
                respond(ctx, route, error(HttpResponseStatus.GATEWAY_TIMEOUT,
                    "the query took longer than " + timeoutMs + " ms"), false, arrived);
            }
        }, timeoutMs, TimeUnit.MILLISECONDS);
    }

    private FullHttpResponse scrape()
    {
        final ByteArrayOutputStream body = new ByteArrayOutputStream(64 * 1024);
        try
        {
            metrics.writeTo(body);
        }
        catch (final IOException | RuntimeException ex)
        {
            LOG.error("metrics scrape failed", ex);
            return error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "metrics unavailable");
        }
        final FullHttpResponse response = response(HttpResponseStatus.OK, Unpooled.wrappedBuffer(body.toByteArray()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, MetricsSource.CONTENT_TYPE);
        return response;
    }

    /** The route's body, written into a pooled buffer; if the route fails, what it wrote is dropped. */
    private FullHttpResponse answer(final ByteBufAllocator allocator, final RestRoute route, final RestRequest request)
    {
        final ByteBuf body = allocator.buffer();
        try
        {
            final OutputStream stream = new ByteBufOutputStream(body);
            try (JsonGenerator generator = json.createGenerator(stream))
            {
                route.write(request, generator);
            }
            return response(HttpResponseStatus.OK, body);
        }
        catch (final RestException ex)
        {
            body.release();
            return error(ex.status(), ex.getMessage());
        }
        catch (final IOException | RuntimeException ex)
        {
            body.release();
            LOG.error("REST {} failed", route.template(), ex);
            return error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
        }
    }

    /** @return the route whose template matches the path, its variables put in {@code variables}; null if none. */
    private RestRoute match(final String path, final Map<String, String> variables)
    {
        final String[] segments = path.split("/", -1);
        for (final RestRoute route : routes)
        {
            final String[] template = route.template().split("/", -1);
            if (template.length == segments.length && matches(template, segments, variables))
            {
                return route;
            }
            variables.clear();
        }
        return null;
    }

    private static boolean matches(final String[] template, final String[] segments, final Map<String, String> out)
    {
        for (int i = 0; i < template.length; i++)
        {
            final String part = template[i];
            if (part.startsWith("{") && part.endsWith("}") && !segments[i].isEmpty())
            {
                out.put(part.substring(1, part.length() - 1), segments[i]);
            }
            else if (!part.equals(segments[i]))
            {
                return false;
            }
        }
        return true;
    }

    private FullHttpResponse error(final HttpResponseStatus status, final String message)
    {
        return response(status, Unpooled.wrappedBuffer(json.createObjectNode().put("error", message)
            .put("status", status.code()).toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static FullHttpResponse response(final HttpResponseStatus status, final ByteBuf body)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        return response;
    }

    private void respond(
        final ChannelHandlerContext ctx,
        final String route,
        final FullHttpResponse response,
        final boolean keepAlive,
        final long arrived)
    {
        counters.recordRestResponse(route, response.status().code(), System.nanoTime() - arrived);
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
