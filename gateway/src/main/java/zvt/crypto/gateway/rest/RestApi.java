package zvt.crypto.gateway.rest;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import zvt.crypto.gateway.fanout.FanoutEventHandler;

/**
 * The REST API under {@code /api/v1/crypto}, on the gateway's port: every plain HTTP request that is not the
 * WebSocket upgrade comes here. Routes ({@link RestRoute}) are matched by their path template; the document at
 * {@code /api/v1/crypto/openapi.json} describes each of them. Only GET is served.
 * <ul>
 *   <li>Routes that read memory answer on the event loop. Routes that read the database run on a small pool of
 *       query threads with a bounded queue: a full queue answers 503, a request slower than the timeout 504, so a
 *       slow database never stalls a socket.</li>
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

    private static final Logger LOG = LoggerFactory.getLogger(RestApi.class);
    private static final int QUERY_QUEUE = 256;

    private final ObjectMapper json = new ObjectMapper();
    private final List<RestRoute> routes;
    private final RestRoute health;
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
        routes = List.of(
            health,
            new ReadyRoute(json, context.readiness(), fanout, context.readyBookStaleMs()),
            new InstrumentsRoute(json, instruments),
            new OhlcvRoute(json, context.marketData()),
            new TradesRoute(json, context.marketData()),
            new BookRoute(json, instruments, fanout, context.restTimeoutMs()),
            new JournalStatsRoute(json, context.journalStats()),
            new SessionsRoute(json, sessions),
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
        final boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
        if (!request.decoderResult().isSuccess())
        {
            respond(ctx, error(HttpResponseStatus.BAD_REQUEST, "malformed HTTP request"), false);
            return;
        }
        final QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        final Map<String, String> variables = new HashMap<>();
        final RestRoute route = HEALTH_ALIAS.equals(uri.path()) ? health : match(uri.path(), variables);
        if (route == null)
        {
            respond(ctx, error(HttpResponseStatus.NOT_FOUND, "no route " + uri.path() + "; the routes are in " +
                PREFIX + "/openapi.json"), keepAlive);
        }
        else if (!HttpMethod.GET.equals(request.method()))
        {
            final FullHttpResponse response = error(HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET");
            response.headers().set(HttpHeaderNames.ALLOW, HttpMethod.GET.name());
            respond(ctx, response, keepAlive);
        }
        else if (!route.blocking())
        {
            respond(ctx, answer(route, new RestRequest(variables, uri)), keepAlive);
        }
        else
        {
            runQuery(ctx, route, new RestRequest(variables, uri), keepAlive);
        }
    }

    public void close()
    {
        queryThreads.shutdownNow();
    }

    /** Runs a database route on the query threads; whichever comes first, its answer or the timeout, is sent. */
    private void runQuery(
        final ChannelHandlerContext ctx, final RestRoute route, final RestRequest request, final boolean keepAlive)
    {
        final AtomicBoolean answered = new AtomicBoolean();
        try
        {
            queryThreads.execute(() ->
            {
                final FullHttpResponse response = answer(route, request);
                if (answered.compareAndSet(false, true))
                {
                    respond(ctx, response, keepAlive);
                }
                else
                {
                    response.release();
                }
            });
        }
        catch (final RejectedExecutionException ex)
        {
            respond(ctx, error(HttpResponseStatus.SERVICE_UNAVAILABLE, "too many queries in flight, retry shortly"),
                keepAlive);
            return;
        }
        ctx.executor().schedule(() ->
        {
            if (answered.compareAndSet(false, true))
            {
                respond(ctx, error(HttpResponseStatus.GATEWAY_TIMEOUT,
                    "the query took longer than " + timeoutMs + " ms"), false);
            }
        }, timeoutMs, TimeUnit.MILLISECONDS);
    }

    private FullHttpResponse answer(final RestRoute route, final RestRequest request)
    {
        try
        {
            return response(HttpResponseStatus.OK, json.writeValueAsBytes(route.handle(request)));
        }
        catch (final RestException ex)
        {
            return error(ex.status(), ex.getMessage());
        }
        catch (final JsonProcessingException | RuntimeException ex)
        {
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
        return response(status, json.createObjectNode().put("error", message).put("status", status.code())
            .toString().getBytes(StandardCharsets.UTF_8));
    }

    private static FullHttpResponse response(final HttpResponseStatus status, final byte[] body)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
            Unpooled.wrappedBuffer(body));
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
    }

    private static void respond(
        final ChannelHandlerContext ctx, final FullHttpResponse response, final boolean keepAlive)
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
