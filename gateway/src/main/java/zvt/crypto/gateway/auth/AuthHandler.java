package zvt.crypto.gateway.auth;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.gateway.GatewayContext;
import zvt.crypto.gateway.GatewayCounters;
import zvt.crypto.gateway.rest.RestApi;
import zvt.crypto.gateway.web.WebPageHandler;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Admits or refuses every plain HTTP request, the WebSocket upgrade included, before anything else sees it: the
 * Origin allow-list, then (when auth is on) the credential, what it permits, and its key's limits: REST requests per
 * second, WebSocket sessions open at once. A refusal is answered here as plain HTTP (401, 403 or 429 with
 * {@code {"error":"...","status":...}}), so a refused upgrade never becomes a session; it is counted per kind and
 * logged once per kind, never with the credential.
 * <p>
 * An admitted upgrade leaves its key's {@link KeyAccount} on the channel ({@link #ACCOUNT}), for the session's
 * per-key subscribe limit, and counts as one of the key's sessions until the socket closes. The liveness, readiness
 * and OpenAPI routes need no credential, so probes and documentation readers need none; nor do the web page and its
 * files, which hold no data (the page asks for a credential when the API refuses it). The page's own origin (the
 * host it was served from) is always allowed, so the gateway's page works whatever the allow-list says.
 * <p>
 * Shared by every connection ({@link ChannelHandler.Sharable}); runs only per HTTP request, never on the fan-out path.
 */
@ChannelHandler.Sharable
public final class AuthHandler extends ChannelInboundHandlerAdapter
{
    /** The key an admitted WebSocket session belongs to; absent when auth is off. */
    public static final AttributeKey<KeyAccount> ACCOUNT = AttributeKey.valueOf("zvt.gateway.auth.account");

    private static final Logger LOG = LoggerFactory.getLogger(AuthHandler.class);
    /** Probes and scrapes carry no credentials; in Kubernetes a NetworkPolicy limits who reaches /metrics. */
    private static final Set<String> PUBLIC_PATHS = Set.of(RestApi.HEALTH_ALIAS, RestApi.METRICS_PATH,
        RestApi.PREFIX + "/health", RestApi.PREFIX + "/ready", RestApi.PREFIX + "/openapi.json");
    private static final String REALM = "Bearer realm=\"zvt-crypto\"";

    private final AuthContext auth;
    private final GatewayCounters counters;
    private final NanoClock clock;
    private final String webSocketPath;
    private final Authenticator authenticator;
    private final boolean anyOrigin;
    private final Set<String> origins;
    private final ConcurrentHashMap<String, KeyAccount> accounts = new ConcurrentHashMap<>();

    /**
     * @param context concluded, with its {@link GatewayContext#auth()} concluded too.
     */
    public AuthHandler(final GatewayContext context)
    {
        this.auth = context.auth();
        this.counters = context.counters();
        this.clock = context.nanoClock();
        this.webSocketPath = context.webSocketPath();
        this.authenticator = new Authenticator(auth);
        this.anyOrigin = auth.allowedOrigins().contains(AuthContext.ANY_ORIGIN);
        this.origins = auth.allowedOrigins().stream().map(AuthHandler::normalizeOrigin).collect(Collectors.toSet());
    }

    /** The account of a principal that has been admitted at least once, or null. */
    public KeyAccount account(final String principalName)
    {
        return accounts.get(principalName);
    }

    public void channelRead(final ChannelHandlerContext ctx, final Object msg)
    {
        if (!(msg instanceof FullHttpRequest request))
        {
            ctx.fireChannelRead(msg);
            return;
        }
        final QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        final boolean webSocket = isWebSocketUri(request.uri());
        AuthException refused = null;
        try
        {
            admit(ctx.channel(), request, uri, webSocket);
        }
        catch (final AuthException ex)
        {
            refused = ex;
        }
        if (refused == null)
        {
            ctx.fireChannelRead(request);
        }
        else
        {
            final boolean keepAlive = !webSocket && HttpUtil.isKeepAlive(request);
            request.release();
            refuse(ctx, refused, keepAlive);
        }
    }

    private void admit(
        final Channel channel, final FullHttpRequest request, final QueryStringDecoder uri, final boolean webSocket)
        throws AuthException
    {
        final String origin = request.headers().get(HttpHeaderNames.ORIGIN);
        if (origin != null && !anyOrigin && !origins.contains(normalizeOrigin(origin)) &&
            !isSameOrigin(origin, request.headers().get(HttpHeaderNames.HOST)))
        {
            throw new AuthException(AuthRefusal.ORIGIN_NOT_ALLOWED);
        }
        if (!auth.enabled() ||
            (!webSocket && (PUBLIC_PATHS.contains(uri.path()) || WebPageHandler.isWebPath(uri.path()))))
        {
            return;
        }
        final Principal principal = authenticator.authenticate(request.headers(), webSocket ? uri : null);
        if (!principal.permits(webSocket ? Access.WS : Access.REST))
        {
            throw new AuthException(AuthRefusal.NOT_PERMITTED);
        }
        final long nowNs = clock.nanoTime();
        final KeyAccount account = accounts.computeIfAbsent(
            principal.name(), name -> new KeyAccount(name, auth, nowNs));
        if (webSocket)
        {
            openSession(channel, account);
        }
        else
        {
            final long waitNs = account.tryRestRequest(nowNs);
            if (waitNs > 0)
            {
                throw new AuthException(AuthRefusal.RATE_LIMITED, Math.max(1, ceilSeconds(waitNs)));
            }
        }
    }

    /** Counts the session against its key until the socket closes. */
    private static void openSession(final Channel channel, final KeyAccount account) throws AuthException
    {
        final Attribute<KeyAccount> attribute = channel.attr(ACCOUNT);
        if (attribute.get() == account)
        {
            return;
        }
        if (!account.tryOpenConnection())
        {
            throw new AuthException(AuthRefusal.TOO_MANY_CONNECTIONS);
        }
        // A previous upgrade on this connection that failed in the handshake no longer counts.
        final KeyAccount previous = attribute.getAndSet(account);
        if (previous != null)
        {
            previous.connectionClosed();
        }
        else
        {
            channel.closeFuture().addListener(future -> channel.attr(ACCOUNT).get().connectionClosed());
        }
    }

    private void refuse(final ChannelHandlerContext ctx, final AuthException refused, final boolean keepAlive)
    {
        final AuthRefusal refusal = refused.refusal();
        if (counters.recordAuthRefusal(refusal) == 1)
        {
            LOG.warn("refused a request: {} ({} {}); further ones of this kind are counted, not logged",
                refusal.code(), refusal.status().code(), refusal.reason());
        }
        final byte[] body = JsonNodeFactory.instance.objectNode()
            .put("error", refusal.reason())
            .put("status", refusal.status().code())
            .toString().getBytes(StandardCharsets.UTF_8);
        final FullHttpResponse response = new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, refusal.status(), Unpooled.wrappedBuffer(body));
        response.headers()
            .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
            .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (refusal.status() == HttpResponseStatus.UNAUTHORIZED)
        {
            response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, REALM);
        }
        if (refused.retryAfterSeconds() > 0)
        {
            response.headers().setInt(HttpHeaderNames.RETRY_AFTER, (int)refused.retryAfterSeconds());
        }
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

    /** Exactly as Netty's protocol handler decides (checkStartsWith, on the raw URI): the path, then '/' or '?'. */
    private boolean isWebSocketUri(final String uri)
    {
        if (!uri.startsWith(webSocketPath))
        {
            return false;
        }
        final int length = webSocketPath.length();
        return "/".equals(webSocketPath) || uri.length() == length || uri.charAt(length) == '/' ||
            uri.charAt(length) == '?';
    }

    /**
     * The gateway's own web page: its origin is the host it was loaded from. A browser sets both headers itself, so a
     * page of another site cannot pass for it (its Origin names that site).
     */
    private static boolean isSameOrigin(final String origin, final String host)
    {
        if (host == null)
        {
            return false;
        }
        final String normalized = normalizeOrigin(origin);
        final String ownHost = host.trim().toLowerCase(Locale.ROOT);
        return normalized.equals("http://" + ownHost) || normalized.equals("https://" + ownHost);
    }

    private static String normalizeOrigin(final String origin)
    {
        final String trimmed = origin.trim().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    private static long ceilSeconds(final long nanos)
    {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
