package zvt.crypto.feed.rest;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.feed.connection.ReconnectBackoff;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/1.1 GET client for venue REST APIs. {@link #execute} books the request's weight in the venue's
 * {@link RequestWeightLimiter} (waiting as long as it says), sends it on a fresh connection ({@code http://} or
 * {@code https://} with SNI and host name verification), and completes with the response. Throttling (429, 418),
 * server errors (5xx), I/O errors and timeouts are retried up to {@code maxAttempts} with capped exponential backoff
 * and full jitter; a {@code Retry-After} on the answer is a floor for the delay, and a 429/418 with it pauses every
 * request sharing the limiter. Any other status completes the future normally: the caller decides what a 400 means.
 * <p>
 * One connection per attempt ({@code Connection: close}): REST here is for snapshots and backfill pages, not a hot
 * path, and a fresh connection never inherits a half-read response.
 * <p>
 * Threading: all I/O, timers and retry decisions run on one event loop; {@link #execute} may be called from any
 * thread, {@link #get} from any thread but that loop. Thread-safe.
 */
public final class RestClient implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(RestClient.class);
    private static final long CLOSE_TIMEOUT_MS = 5_000;

    private final RestClientContext context;
    private final RequestWeightLimiter limiter;
    private final RestCounters counters;
    private final EventLoopGroup ownedGroup;
    private final EventLoop eventLoop;
    private final Set<Call> inFlight = ConcurrentHashMap.newKeySet();
    private volatile SslContext sslContext;
    private volatile boolean closed;

    public RestClient(final RestClientContext context)
    {
        this.context = context.conclude();
        this.limiter = context.limiter();
        this.counters = context.counters();
        if (context.eventLoopGroup() != null)
        {
            ownedGroup = null;
            eventLoop = context.eventLoopGroup().next();
        }
        else
        {
            ownedGroup = new MultiThreadIoEventLoopGroup(
                1, new DefaultThreadFactory(context.name() + "-rest", true), NioIoHandler.newFactory());
            eventLoop = ownedGroup.next();
        }
    }

    /**
     * Sends the request with rate limiting and retries.
     *
     * @return completes with the final response (any status that is not retried, or a success after retries), or
     * exceptionally with a {@link RestException} when retries are exhausted or the venue asks to wait longer than
     * {@code maxRetryAfterMs}.
     */
    public CompletableFuture<RestResponse> execute(final RestRequest request)
    {
        final Call call = new Call(request, new ReconnectBackoff(
            context.retryInitialDelayMs(), context.retryMaxDelayMs(), 0, context.random()));
        if (closed)
        {
            call.result.completeExceptionally(new RestException(context.name() + ": client closed", (Throwable)null));
            return call.result;
        }
        inFlight.add(call);
        call.result.whenComplete((response, error) -> inFlight.remove(call));
        eventLoop.execute(() -> acquireAndSend(call));
        return call.result;
    }

    /**
     * Blocking form of {@link #execute}, for loaders and CLI tools (never call it on a ring or event-loop thread).
     *
     * @throws RestException        when the request failed for good.
     * @throws InterruptedException when interrupted while waiting.
     */
    public RestResponse get(final RestRequest request) throws IOException, InterruptedException
    {
        if (eventLoop.inEventLoop())
        {
            throw new IllegalStateException("blocking get on the client's own event loop would deadlock");
        }
        final CompletableFuture<RestResponse> result = execute(request);
        try
        {
            return result.get();
        }
        catch (final InterruptedException ex)
        {
            // Nobody waits any more: pending retries see the call done and are not sent.
            result.cancel(false);
            throw ex;
        }
        catch (final ExecutionException ex)
        {
            final Throwable cause = ex.getCause();
            if (cause instanceof IOException io)
            {
                throw io;
            }
            throw new RestException(request + " failed: " + cause, cause);
        }
    }

    public RestCounters counters()
    {
        return counters;
    }

    public RequestWeightLimiter limiter()
    {
        return limiter;
    }

    /** Fails the requests still pending and shuts down the event loop if the client owns it. */
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        for (final Call call : inFlight)
        {
            call.result.completeExceptionally(new RestException(context.name() + ": client closed", (Throwable)null));
        }
        if (ownedGroup != null)
        {
            ownedGroup.shutdownGracefully(0, CLOSE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            if (!eventLoop.inEventLoop())
            {
                ownedGroup.terminationFuture().awaitUninterruptibly(CLOSE_TIMEOUT_MS * 2);
            }
        }
    }

    private void acquireAndSend(final Call call)
    {
        if (call.result.isDone())
        {
            return;
        }
        final long waitNanos = limiter.reserve(call.request.weight(), System.nanoTime());
        if (waitNanos > 0)
        {
            eventLoop.schedule(() -> send(call), waitNanos, TimeUnit.NANOSECONDS);
        }
        else
        {
            send(call);
        }
    }

    private void send(final Call call)
    {
        if (call.result.isDone())
        {
            return;
        }
        call.attempt++;
        counters.incrementAttempts();
        final Attempt attempt = new Attempt(call);
        final URI uri = call.request.uri();
        final String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        final boolean secure = "https".equals(scheme);
        if (!secure && !"http".equals(scheme) || uri.getHost() == null)
        {
            attempt.fail(new RestException("not an http(s) address: " + uri, (Throwable)null), false);
            return;
        }
        final String uriHost = uri.getHost();
        final String host = uriHost.startsWith("[") ? uriHost.substring(1, uriHost.length() - 1) : uriHost;
        final int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
        final SslContext tls;
        try
        {
            tls = secure ? sslContext() : null;
        }
        catch (final SSLException ex)
        {
            attempt.fail(new RestException("cannot create the TLS client context", ex), false);
            return;
        }
        attempt.timeout = eventLoop.schedule(
            () -> attempt.fail(new SocketTimeoutException(
                "no complete response within " + context.requestTimeoutMs() + " ms"), true),
            context.requestTimeoutMs(), TimeUnit.MILLISECONDS);
        final Bootstrap bootstrap = new Bootstrap()
            .group(eventLoop)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)Math.min(Integer.MAX_VALUE, context.connectTimeoutMs()))
            .handler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel ch)
                {
                    final ChannelPipeline pipeline = ch.pipeline();
                    if (tls != null)
                    {
                        pipeline.addLast("tls", tlsHandler(tls, ch, host, port));
                    }
                    pipeline.addLast("http", new HttpClientCodec());
                    pipeline.addLast("inflate", new HttpContentDecompressor(0));
                    pipeline.addLast("aggregate", new HttpObjectAggregator(context.maxResponseBytes()));
                    pipeline.addLast("response", new ResponseHandler(attempt));
                }
            });
        final ChannelFuture connecting = bootstrap.connect(host, port);
        attempt.channel = connecting.channel();
        connecting.addListener(future ->
        {
            if (!future.isSuccess())
            {
                attempt.fail(future.cause(), true);
                return;
            }
            final FullHttpRequest httpRequest = new DefaultFullHttpRequest(
                HttpVersion.HTTP_1_1, HttpMethod.GET, call.request.pathAndQuery());
            httpRequest.headers()
                .set(HttpHeaderNames.HOST, uri.getPort() > 0 ? uriHost + ':' + port : uriHost)
                .set(HttpHeaderNames.USER_AGENT, context.userAgent())
                .set(HttpHeaderNames.ACCEPT, HttpHeaderValues.APPLICATION_JSON)
                .set(HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderValues.GZIP_DEFLATE)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            for (final Map.Entry<String, String> header : call.request.headers())
            {
                httpRequest.headers().set(header.getKey(), header.getValue());
            }
            attempt.channel.writeAndFlush(httpRequest).addListener(written ->
            {
                if (!written.isSuccess())
                {
                    attempt.fail(written.cause(), true);
                }
            });
        });
    }

    /** Decides what an attempt's outcome means: done, retry after a delay, or failed for good. */
    private void onAttemptDone(
        final Call call, final RestResponse response, final Throwable error, final boolean retryable)
    {
        if (call.result.isDone())
        {
            return;
        }
        final String outcome;
        long retryAfterMs = -1;
        if (response != null)
        {
            final int status = response.status();
            if (status == 429 || status == 418)
            {
                counters.incrementThrottled();
            }
            else if (status >= 500)
            {
                counters.incrementServerErrors();
            }
            else
            {
                call.result.complete(response);
                return;
            }
            outcome = "HTTP " + status;
            retryAfterMs = response.retryAfterMs(System.currentTimeMillis());
        }
        else
        {
            if (error instanceof SocketTimeoutException)
            {
                counters.incrementTimeouts();
            }
            else
            {
                counters.incrementIoErrors();
            }
            outcome = String.valueOf(error);
        }

        if (!retryable || call.attempt >= context.maxAttempts())
        {
            giveUp(call, response, error, outcome + (retryable ? " after " + call.attempt + " attempts" : ""));
            return;
        }
        long delayMs = call.backoff.nextDelayMs();
        if (retryAfterMs >= 0)
        {
            if (retryAfterMs > context.maxRetryAfterMs())
            {
                giveUp(call, response, null, outcome + " with Retry-After " + retryAfterMs + " ms, more than " +
                    context.maxRetryAfterMs() + " ms");
                return;
            }
            delayMs = Math.max(delayMs, retryAfterMs);
            if (response.status() == 429 || response.status() == 418)
            {
                // The venue throttles the IP, not this request: hold back everyone sharing the budget.
                limiter.pauseUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(retryAfterMs));
            }
        }
        counters.incrementRetries();
        LOG.warn("{}: {} got {}; retry {} of {} in {} ms", context.name(), call.request, outcome, call.attempt,
            context.maxAttempts() - 1, delayMs);
        eventLoop.schedule(() -> acquireAndSend(call), delayMs, TimeUnit.MILLISECONDS);
    }

    private void giveUp(final Call call, final RestResponse response, final Throwable error, final String reason)
    {
        counters.incrementFailures();
        final String message = context.name() + ": " + call.request + " failed: " + reason;
        LOG.warn(message);
        call.result.completeExceptionally(response != null || error == null ?
            new RestException(message, response) : new RestException(message, error));
    }

    private SslContext sslContext() throws SSLException
    {
        SslContext tls = sslContext;
        if (tls == null)
        {
            tls = context.sslContext() != null ? context.sslContext() : SslContextBuilder.forClient()
                .sslProvider(SslProvider.JDK)
                .endpointIdentificationAlgorithm("HTTPS")
                .build();
            sslContext = tls;
        }
        return tls;
    }

    private static SslHandler tlsHandler(
        final SslContext tls, final SocketChannel ch, final String host, final int port)
    {
        final SslHandler handler = tls.newHandler(ch.alloc(), host, port);
        if (!NetUtil.isValidIpV4Address(host) && !NetUtil.isValidIpV6Address(host))
        {
            // The JDK sends SNI on its own only for dotted names; say it explicitly so every host name is sent.
            final SSLEngine engine = handler.engine();
            final SSLParameters parameters = engine.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(host)));
            engine.setSSLParameters(parameters);
        }
        return handler;
    }

    /** One logical request across its attempts. Touched only on the event loop, except {@code result}. */
    private static final class Call
    {
        final RestRequest request;
        final ReconnectBackoff backoff;
        final CompletableFuture<RestResponse> result = new CompletableFuture<>();
        int attempt;

        Call(final RestRequest request, final ReconnectBackoff backoff)
        {
            this.request = request;
            this.backoff = backoff;
        }
    }

    /** One connection's try at a call; the first outcome (response, error, timeout, close) wins. */
    private final class Attempt
    {
        final Call call;
        Channel channel;
        ScheduledFuture<?> timeout;
        boolean done;

        Attempt(final Call call)
        {
            this.call = call;
        }

        void complete(final RestResponse response)
        {
            if (finish())
            {
                onAttemptDone(call, response, null, true);
            }
        }

        void fail(final Throwable error, final boolean retryable)
        {
            if (finish())
            {
                onAttemptDone(call, null, error, retryable);
            }
        }

        private boolean finish()
        {
            if (done)
            {
                return false;
            }
            done = true;
            if (timeout != null)
            {
                timeout.cancel(false);
            }
            if (channel != null)
            {
                channel.close();
            }
            return true;
        }
    }

    private static final class ResponseHandler extends SimpleChannelInboundHandler<FullHttpResponse>
    {
        private final Attempt attempt;

        ResponseHandler(final Attempt attempt)
        {
            this.attempt = attempt;
        }

        protected void channelRead0(final ChannelHandlerContext ctx, final FullHttpResponse response)
        {
            attempt.complete(new RestResponse(
                response.status().code(), response.headers().copy(), ByteBufUtil.getBytes(response.content())));
        }

        public void channelInactive(final ChannelHandlerContext ctx)
        {
            attempt.fail(new IOException("connection closed before a complete response"), true);
        }

        public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
        {
            // An oversized body will be oversized again: not worth a retry.
            attempt.fail(cause, !(cause instanceof TooLongFrameException));
        }
    }
}
