package zvt.crypto.gateway.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.instrument.NormalizedSymbol;
import zvt.crypto.gateway.GatewayContext;
import zvt.crypto.gateway.GatewayCounters;
import zvt.crypto.gateway.Rejection;
import zvt.crypto.gateway.auth.AuthHandler;
import zvt.crypto.gateway.auth.KeyAccount;
import zvt.crypto.gateway.fanout.Subscriber;
import zvt.crypto.gateway.fanout.SubscriptionCommandQueue;
import zvt.crypto.gateway.fanout.SubscriptionKey;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One WebSocket session: answers control messages (subscribe, unsubscribe, ping), enforces the per-session rate and
 * subscription limits, and forwards accepted subscription changes to the fan-out. A bad request is counted, logged
 * once per kind, and answered with an error; the session stays open. Oversized or malformed frames close it with
 * the WebSocket status that says why (1009, 1002, ...).
 * <p>
 * A {@code subscribed} reply is sent once the change is queued to the fan-out, which applies it before the next
 * event it handles: every event published to the ring after the client reads the reply reaches the client.
 * <p>
 * Threading: confined to the channel's event loop, except that the fan-out thread may ask for a slow-consumer close,
 * which it hands to this event loop.
 */
final class ClientSessionHandler extends SimpleChannelInboundHandler<WebSocketFrame>
{
    /** {@code "symbol":"*"}: every instrument of the venue, including those it lists later. */
    static final String WILDCARD = "*";
    private static final Instrument UNKNOWN_INSTRUMENT =
        Instrument.of(Integer.MAX_VALUE, Venue.BINANCE, MarketType.SPOT, "?", "?");

    private static final Logger LOG = LoggerFactory.getLogger(ClientSessionHandler.class);
    private static final Set<Class<?>> LOGGED_FAILURES = ConcurrentHashMap.newKeySet();

    private final GatewayContext context;
    private final GatewayCounters counters;
    private final InstrumentRegistry instruments;
    private final SubscriptionCommandQueue commands;
    private final ChannelGroup sessions;
    private final NanoClock clock;
    private final RequestRateLimiter rateLimiter;
    private final ControlRequestDecoder request = new ControlRequestDecoder();
    private final ReplyEncoder replies = new ReplyEncoder();
    private final LongHashSet subscriptions = new LongHashSet();
    private ChannelHandlerContext ctx;
    private Subscriber subscriber;
    private boolean sessionOpen;
    private boolean closing;

    ClientSessionHandler(
        final GatewayContext context,
        final InstrumentRegistry instruments,
        final SubscriptionCommandQueue commands,
        final ChannelGroup sessions)
    {
        this.context = context;
        this.counters = context.counters();
        this.instruments = instruments;
        this.commands = commands;
        this.sessions = sessions;
        this.clock = context.nanoClock();
        this.rateLimiter = new RequestRateLimiter(context.maxControlMessagesPerSecond(), clock.nanoTime());
    }

    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        this.ctx = ctx;
        this.subscriber = new Subscriber(ctx.channel(), this::closeAsSlowConsumer);
    }

    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event)
    {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete)
        {
            sessionOpen = true;
            sessions.add(ctx.channel());
            counters.recordSessionOpened();
        }
        ctx.fireUserEventTriggered(event);
    }

    public void channelInactive(final ChannelHandlerContext ctx)
    {
        if (sessionOpen)
        {
            counters.recordSessionClosed();
            // If the queue is full the fan-out still drops this session when it next finds the channel inactive.
            commands.removeSession(subscriber);
        }
        ctx.fireChannelInactive();
    }

    protected void channelRead0(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        if (closing)
        {
            return;
        }
        if (!rateLimiter.tryAcquire(clock.nanoTime()))
        {
            // Answer the first excess message of the second only, so a flood cannot make us write a flood.
            reject(ctx, Rejection.RATE_LIMITED, null, rateLimiter.firstRejectionInWindow());
        }
        else if (frame instanceof BinaryWebSocketFrame)
        {
            reject(ctx, Rejection.BINARY_FRAME, null, true);
        }
        else
        {
            // Netty's protocol handler consumes ping, pong and close; the frame aggregator joins continuations.
            onControlMessage(ctx, frame.content());
        }
    }

    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        if (cause instanceof CorruptedWebSocketFrameException corrupted)
        {
            // Netty's frame decoder has already sent the close frame with the matching status and is closing.
            closing = true;
            record(corrupted.closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG ?
                Rejection.MESSAGE_TOO_BIG : Rejection.PROTOCOL_VIOLATION);
        }
        else if (cause instanceof TooLongFrameException)
        {
            // A fragmented message whose fragments add up to more than the limit.
            record(Rejection.MESSAGE_TOO_BIG);
            close(WebSocketCloseStatus.MESSAGE_TOO_BIG,
                "message larger than " + context.maxInboundFrameBytes() + " bytes");
        }
        else if (cause instanceof IOException)
        {
            // Peer reset, or a write raced with the close: routine for a network server.
            LOG.debug("session {} I/O failure: {}", ctx.channel(), cause.toString());
            ctx.close();
        }
        else
        {
            if (LOGGED_FAILURES.add(cause.getClass()))
            {
                LOG.warn("closing session {} after an unexpected failure (logged once per exception type)",
                    ctx.channel(), cause);
            }
            ctx.close();
        }
    }

    private void onControlMessage(final ChannelHandlerContext ctx, final ByteBuf content)
    {
        final Rejection invalid = request.decode(content);
        if (invalid != null)
        {
            reject(ctx, invalid, request, true);
            return;
        }
        switch (request.op())
        {
            case PING -> ctx.writeAndFlush(replies.pong(ctx.alloc()));
            case SUBSCRIBE -> subscribe(ctx);
            case UNSUBSCRIBE -> unsubscribe(ctx);
        }
    }

    private void subscribe(final ChannelHandlerContext ctx)
    {
        // Per key over all its sessions (absent when auth is off); every subscribe counts, so none probes for free.
        final KeyAccount account = ctx.channel().attr(AuthHandler.ACCOUNT).get();
        if (account != null && !account.trySubscribe(clock.nanoTime()))
        {
            reject(ctx, Rejection.KEY_SUBSCRIBE_RATE_LIMITED, request, true);
            return;
        }
        final Instrument instrument = resolveInstrument(ctx);
        if (instrument == UNKNOWN_INSTRUMENT)
        {
            return;
        }
        final long key = key(instrument);
        if (!subscriptions.contains(key))
        {
            if (subscriptions.size() >= context.maxSubscriptionsPerSession())
            {
                reject(ctx, Rejection.TOO_MANY_SUBSCRIPTIONS, request, true);
                return;
            }
            if (!commands.subscribe(subscriber, key))
            {
                reject(ctx, Rejection.SERVER_BUSY, request, true);
                return;
            }
            subscriptions.add(key);
        }
        ctx.writeAndFlush(
            replies.subscription(ctx.alloc(), "subscribed", request.channel(), request.venue(), instrument));
    }

    private void unsubscribe(final ChannelHandlerContext ctx)
    {
        final Instrument instrument = resolveInstrument(ctx);
        if (instrument == UNKNOWN_INSTRUMENT)
        {
            return;
        }
        final long key = key(instrument);
        if (!subscriptions.contains(key))
        {
            reject(ctx, Rejection.NOT_SUBSCRIBED, request, true);
            return;
        }
        if (!commands.unsubscribe(subscriber, key))
        {
            reject(ctx, Rejection.SERVER_BUSY, request, true);
            return;
        }
        subscriptions.remove(key);
        ctx.writeAndFlush(
            replies.subscription(ctx.alloc(), "unsubscribed", request.channel(), request.venue(), instrument));
    }

    /**
     * @return the instrument the request names, null for a venue-wide request (no symbol, or {@code *}), or
     * {@link #UNKNOWN_INSTRUMENT}
     * (after rejecting the request) when the symbol is not known.
     */
    private Instrument resolveInstrument(final ChannelHandlerContext ctx)
    {
        final String symbol = request.symbol();
        if (symbol == null || WILDCARD.equals(symbol))
        {
            return null;
        }
        Instrument instrument = null;
        try
        {
            final NormalizedSymbol normalized = NormalizedSymbol.parse(symbol);
            instrument = instruments.bySymbol(request.venue(), normalized.marketType(), normalized.toString());
        }
        catch (final IllegalArgumentException ex)
        {
            // not a symbol at all: answered as unknown below
        }
        if (instrument == null)
        {
            reject(ctx, Rejection.UNKNOWN_SYMBOL, request, true);
            return UNKNOWN_INSTRUMENT;
        }
        return instrument;
    }

    private long key(final Instrument instrument)
    {
        return SubscriptionKey.of(
            instrument == null ? InstrumentRegistry.NO_INSTRUMENT : instrument.id(),
            request.venue().value(),
            request.channel().eventType().templateId());
    }

    private void reject(
        final ChannelHandlerContext ctx,
        final Rejection rejection,
        final ControlRequestDecoder decoded,
        final boolean answer)
    {
        record(rejection);
        if (answer)
        {
            ctx.writeAndFlush(replies.error(ctx.alloc(), rejection, decoded));
        }
    }

    private void record(final Rejection rejection)
    {
        if (counters.recordRejection(rejection) == 1)
        {
            LOG.warn("rejected a client request: {} ({}); further ones of this kind are counted, not logged",
                rejection.code(), rejection.reason());
        }
    }

    /** Runs on this session's event loop, handed over by the fan-out thread. */
    private void closeAsSlowConsumer()
    {
        if (counters.slowConsumerDisconnects() <= 1)
        {
            LOG.warn("closing slow consumer {}: its unsent output passed the {}-byte high watermark " +
                "(later ones are logged at debug)", ctx.channel(), context.writeBufferHighWatermark());
        }
        else
        {
            LOG.debug("closing slow consumer {}", ctx.channel());
        }
        close(WebSocketCloseStatus.POLICY_VIOLATION, "slow consumer");
    }

    /**
     * Sends a close frame, then closes the socket once it is written, or after the close timeout if the client does
     * not read it (a slow consumer never will).
     */
    private void close(final WebSocketCloseStatus status, final String reason)
    {
        if (closing)
        {
            return;
        }
        closing = true;
        final Channel channel = ctx.channel();
        channel.writeAndFlush(new CloseWebSocketFrame(status, reason)).addListener(ChannelFutureListener.CLOSE);
        ctx.executor().schedule(() -> channel.close(), context.closeTimeoutMs(), TimeUnit.MILLISECONDS);
    }
}
