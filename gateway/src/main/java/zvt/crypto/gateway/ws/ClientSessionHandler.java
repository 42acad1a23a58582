package zvt.crypto.gateway.ws;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.ReferenceCountUtil;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.gateway.GatewayContext;
import zvt.crypto.gateway.GatewayCounters;
import zvt.crypto.gateway.Rejection;
import zvt.crypto.gateway.auth.AuthHandler;
import zvt.crypto.gateway.auth.KeyAccount;
import zvt.crypto.gateway.fanout.Subscriber;
import zvt.crypto.gateway.fanout.SubscriptionCommandQueue;
import zvt.crypto.gateway.replay.JournalReplays;
import zvt.crypto.gateway.replay.RangeReplay;
import zvt.crypto.gateway.replay.ReplaySession;
import zvt.crypto.gateway.replay.ResumeReplay;
import zvt.crypto.gateway.replay.SocketReplay;
import zvt.crypto.journal.replay.ReplayResult;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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
    private final JournalReplays replays;
    private final ReplaySession replayCallbacks = new ReplayCallbacks();
    private final ResolvedTargets targets;
    private ChannelHandlerContext ctx;
    private Subscriber subscriber;
    private boolean sessionOpen;
    private boolean closing;
    /** Something was subscribed or replayed: a resume could now send indexes below ones already sent. */
    private boolean streamed;
    /** The running replay (resume or range), if any; subscription changes wait until it is over. */
    private SocketReplay replay;
    /** The replies to the request that started the replay, sent when it starts. */
    private List<TextWebSocketFrame> replayReplies;

    ClientSessionHandler(
        final GatewayContext context,
        final InstrumentRegistry instruments,
        final SubscriptionCommandQueue commands,
        final ChannelGroup sessions,
        final JournalReplays replays)
    {
        this.context = context;
        this.counters = context.counters();
        this.instruments = instruments;
        this.commands = commands;
        this.sessions = sessions;
        this.replays = replays;
        this.targets = new ResolvedTargets(instruments);
        this.clock = context.nanoClock();
        this.rateLimiter = new RequestRateLimiter(context.maxControlMessagesPerSecond(), clock.nanoTime());
    }

    public void handlerAdded(final ChannelHandlerContext ctx)
    {
        this.ctx = ctx;
        this.subscriber = new Subscriber(ctx.channel(), this::closeAsSlowConsumer, context.outboxCapacity());
        ctx.channel().attr(Subscriber.ATTRIBUTE).set(subscriber);
    }

    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event)
    {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete handshake)
        {
            subscriber.binary(wantsBinary(handshake.requestUri()));
            sessionOpen = true;
            sessions.add(ctx.channel());
            counters.recordSessionOpened();
        }
        ctx.fireUserEventTriggered(event);
    }

    /** {@code ?encoding=sbe} on the WebSocket URL asks for SBE binary frames; JSON text otherwise. */
    private static boolean wantsBinary(final String requestUri)
    {
        final List<String> encoding = new QueryStringDecoder(requestUri).parameters().get("encoding");
        return encoding != null && encoding.contains("sbe");
    }

    public void channelInactive(final ChannelHandlerContext ctx)
    {
        if (sessionOpen)
        {
            counters.recordSessionClosed();
            // If the queue is full the fan-out still drops this session when it next finds the channel inactive.
            commands.removeSession(subscriber);
        }
        if (replay instanceof RangeReplay range)
        {
            range.stopRequested(); // a paced replay would otherwise park until its next message is due
        }
        releaseReplayReplies();
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
            case REPLAY -> replay(ctx);
            case STOP_REPLAY -> stopReplay(ctx);
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
        if (refusedWhileReplaying(ctx) || !resolveTargets(ctx))
        {
            return;
        }
        if (request.resumeFrom() != ControlRequestDecoder.NO_RESUME)
        {
            resume(ctx);
            return;
        }
        if (subscriptions.size() + targets.newKeys(subscriptions) > context.maxSubscriptionsPerSession())
        {
            reject(ctx, Rejection.TOO_MANY_SUBSCRIPTIONS, request, true);
            return;
        }
        streamed = true;
        final List<ControlRequestDecoder.Target> requested = request.targets();
        for (int i = 0; i < requested.size(); i++)
        {
            final long key = targets.key(i);
            if (!subscriptions.contains(key))
            {
                if (!commands.subscribe(subscriber, key))
                {
                    request.echo(requested.get(i));
                    reject(ctx, Rejection.SERVER_BUSY, request, true);
                    return;
                }
                subscriptions.add(key);
            }
            reply(ctx, "subscribed", requested.get(i), targets.instrument(i));
        }
        ctx.flush();
    }

    private void unsubscribe(final ChannelHandlerContext ctx)
    {
        if (refusedWhileReplaying(ctx) || !resolveTargets(ctx))
        {
            return;
        }
        final List<ControlRequestDecoder.Target> requested = request.targets();
        for (int i = 0; i < requested.size(); i++)
        {
            final long key = targets.key(i);
            request.echo(requested.get(i));
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
            reply(ctx, "unsubscribed", requested.get(i), targets.instrument(i));
        }
        ctx.flush();
    }

    /** {@code subscribe} with {@code resume_from}: the journal after that index, then live. */
    private void resume(final ChannelHandlerContext ctx)
    {
        if (streamed)
        {
            reject(ctx, Rejection.RESUME_NOT_FIRST, request, true);
        }
        else if (replayable(ctx))
        {
            startReplay(ctx, "subscribed", new ResumeReplay(replays, subscriber, replayCallbacks,
                targets.distinctKeys(), request.resumeFrom()));
        }
    }

    private void replay(final ChannelHandlerContext ctx)
    {
        if (refusedWhileReplaying(ctx))
        {
            return;
        }
        if (!subscriptions.isEmpty())
        {
            reject(ctx, Rejection.REPLAY_NOT_ALONE, request, true);
        }
        else if (resolveTargets(ctx) && replayable(ctx))
        {
            startReplay(ctx, "replaying", new RangeReplay(replays, subscriber, replayCallbacks,
                targets.distinctKeys(), request.fromNanos(), request.toNanos(), request.speed()));
        }
    }

    private void stopReplay(final ChannelHandlerContext ctx)
    {
        if (replay instanceof RangeReplay range)
        {
            range.stopRequested();
        }
        else
        {
            reject(ctx, Rejection.NOT_REPLAYING, request, true);
        }
    }

    private boolean refusedWhileReplaying(final ChannelHandlerContext ctx)
    {
        if (replay != null)
        {
            reject(ctx, Rejection.REPLAY_IN_PROGRESS, request, true);
            return true;
        }
        return false;
    }

    /** @return true if this gateway can replay and the request is within the session's subscription limit. */
    private boolean replayable(final ChannelHandlerContext ctx)
    {
        if (replays == null)
        {
            reject(ctx, Rejection.REPLAY_UNAVAILABLE, request, true);
            return false;
        }
        if (targets.newKeys(subscriptions) > context.maxSubscriptionsPerSession())
        {
            reject(ctx, Rejection.TOO_MANY_SUBSCRIPTIONS, request, true);
            return false;
        }
        return true;
    }

    /** The replay answers through {@link #replayCallbacks}, starting with the replies to this request. */
    private void startReplay(final ChannelHandlerContext ctx, final String replyType, final SocketReplay started)
    {
        final List<ControlRequestDecoder.Target> requested = request.targets();
        final List<TextWebSocketFrame> accepted = new ArrayList<>(requested.size());
        for (int i = 0; i < requested.size(); i++)
        {
            accepted.add(replies.subscription(ctx.alloc(), replyType, requested.get(i), targets.instrument(i)));
        }
        replayReplies = accepted;
        if (!replays.start(started))
        {
            releaseReplayReplies();
            reject(ctx, Rejection.REPLAY_BUSY, request, true);
            return;
        }
        replay = started;
        streamed = true;
    }

    private void releaseReplayReplies()
    {
        if (replayReplies != null)
        {
            replayReplies.forEach(ReferenceCountUtil::release);
            replayReplies = null;
        }
    }

    private void reply(
        final ChannelHandlerContext ctx,
        final String type,
        final ControlRequestDecoder.Target target,
        final Instrument instrument)
    {
        ctx.write(replies.subscription(ctx.alloc(), type, target, instrument));
    }

    /** @return false (after rejecting the request) if a symbol is not known. */
    private boolean resolveTargets(final ChannelHandlerContext ctx)
    {
        final ControlRequestDecoder.Target unknown = targets.resolve(request.targets());
        if (unknown != null)
        {
            request.echo(unknown);
            reject(ctx, Rejection.UNKNOWN_SYMBOL, request, true);
            return false;
        }
        return true;
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

    /** The running replay's reports, each handed to this session's event loop. */
    private final class ReplayCallbacks implements ReplaySession
    {
        public void replayStarted()
        {
            ctx.executor().execute(() ->
            {
                final List<TextWebSocketFrame> accepted = replayReplies;
                replayReplies = null;
                if (accepted != null)
                {
                    accepted.forEach(ctx::write);
                    ctx.flush();
                }
            });
        }

        public void resumeUnavailable()
        {
            ctx.executor().execute(() ->
            {
                replay = null;
                streamed = false;
                releaseReplayReplies();
                reject(ctx, Rejection.RESUME_UNAVAILABLE, null, true);
            });
        }

        public void resumedLive()
        {
            ctx.executor().execute(() ->
            {
                for (final long key : replay.keys())
                {
                    subscriptions.add(key);
                }
                replay = null;
            });
        }

        public void replayEnded(final ReplayResult.End end, final long delivered, final long lastIndex)
        {
            ctx.executor().execute(() ->
            {
                replay = null;
                ctx.writeAndFlush(replies.replayEnd(ctx.alloc(), end, delivered, lastIndex));
            });
        }

        public void replayFailed(final WebSocketCloseStatus status, final String reason)
        {
            ctx.executor().execute(() ->
            {
                if (status == WebSocketCloseStatus.POLICY_VIOLATION)
                {
                    counters.recordSlowConsumerDisconnect();
                }
                close(status, reason);
            });
        }
    }
}
