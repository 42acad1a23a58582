package zvt.crypto.feed.simulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.util.CharsetUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One client connection to the simulator. Plain HTTP requests under {@code /api/} go to the REST API; otherwise the
 * request must be a WebSocket upgrade on {@code /stream?streams=a/b} (combined frames) or {@code /ws/a/b} (raw
 * frames). On an open stream connection it answers control requests, pings the client periodically (closing the
 * connection if pongs stop) and writes the messages of its subscribed streams.
 * <p>
 * Messages are written pre-framed: each WebSocket text frame (header, combined-stream wrapper, payload) is copied
 * into one pooled buffer per tick, written and flushed once at the end of the tick, so a message costs a copy and no
 * object. Message faults (drop, duplicate, reorder, malformed) are decided here, per connection, with a random
 * generator seeded from the simulator's seed and the connection id, and recorded in the {@link FaultLog}.
 * Used on the simulator's event loop only.
 */
final class SimulatorSession extends SimpleChannelInboundHandler<Object> implements BinanceControlProtocol.Session
{
    private static final Logger LOG = LoggerFactory.getLogger(SimulatorSession.class);
    private static final byte[] COMBINED_PREFIX = "{\"stream\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA_PREFIX = "\",\"data\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SHUTDOWN_STREAM = "!serverShutdown".getBytes(StandardCharsets.US_ASCII);
    private static final int COMBINED_OVERHEAD = COMBINED_PREFIX.length + DATA_PREFIX.length + 1;
    private static final int TEXT_FINAL = 0x81;
    private static final int BATCH_INITIAL_BYTES = 64 * 1024;
    /** A batch this large is written at once rather than at the end of the tick. */
    private static final int BATCH_MAX_BYTES = 1 << 20;
    private static final int KINDS = StreamKind.values().length;

    private final BinanceSimulatorContext context;
    private final SimulatedMarket market;
    private final SimulatorCounters counters;
    private final FaultLog faultLog;
    private final BinanceRestApi restApi;
    private final boolean messageFaults;
    private final Set<String> subscriptions = new LinkedHashSet<>();
    private final int[] batchCounts = new int[KINDS];
    private final ByteBuf held = Unpooled.buffer(BATCH_INITIAL_BYTES);
    private Channel channel;
    private WebSocketServerHandshaker handshaker;
    private ScheduledFuture<?> pinger;
    private SplittableRandom faultRandom;
    private ByteBuf batch;
    private Object heldStream;
    private StreamKind heldKind;
    private String heldSymbol;
    private long heldFirst;
    private long heldLast;
    private long connectionId;
    private boolean combined;
    private boolean open;
    private boolean unflushed;
    private long pingCount;
    private long unansweredPingSinceNanos;

    SimulatorSession(
        final BinanceSimulatorContext context,
        final SimulatedMarket market,
        final SimulatorCounters counters,
        final BinanceRestApi restApi)
    {
        this.context = context;
        this.market = market;
        this.counters = counters;
        this.faultLog = market.faultLog();
        this.restApi = restApi;
        this.messageFaults = context.faults().anyMessageFault();
    }

    public List<String> subscriptions()
    {
        return new ArrayList<>(subscriptions);
    }

    public void subscribe(final List<String> streams)
    {
        for (final String stream : streams)
        {
            if (subscriptions.add(stream))
            {
                market.subscribe(this, stream);
            }
        }
    }

    public void unsubscribe(final List<String> streams)
    {
        for (final String stream : streams)
        {
            if (subscriptions.remove(stream))
            {
                market.unsubscribe(this, stream);
            }
        }
    }

    public boolean combined()
    {
        return combined;
    }

    public void combined(final boolean combined)
    {
        this.combined = combined;
    }

    boolean isOpen()
    {
        return open;
    }

    boolean channelWritable()
    {
        return open && channel.isWritable();
    }

    long connectionId()
    {
        return connectionId;
    }

    boolean isSubscribed(final String streamName)
    {
        return subscriptions.contains(streamName);
    }

    boolean hasSubscriptions()
    {
        return !subscriptions.isEmpty();
    }

    /**
     * Writes one message to this connection's batch, wrapped as a combined-stream frame if the connection is combined
     * and {@code streamName} is given; subject to the configured message faults.
     *
     * @param streamKey identifies the stream for reordering (a message is held back until the next one of the same
     *                  stream); any object, compared by identity.
     */
    void send(
        final StreamKind kind,
        final byte[] streamName,
        final String venueSymbol,
        final Object streamKey,
        final DirectBuffer payload,
        final int length,
        final long first,
        final long last)
    {
        if (!open)
        {
            return;
        }
        if (!channel.isWritable())
        {
            counters.incrementMessagesDropped();
            record(FaultKind.BACKPRESSURE_DROP, kind, venueSymbol, first, last, 1);
            return;
        }
        final ByteBuf target = batch();
        if (messageFaults)
        {
            final SimulatorFaults faults = context.faults();
            final double dice = faultRandom.nextDouble();
            final double drop = faults.drop(kind);
            final double duplicate = drop + faults.duplicate(kind);
            final double reorder = duplicate + faults.reorder(kind);
            final double malformed = reorder + faults.malformed(kind);
            if (dice < drop)
            {
                record(FaultKind.DROP, kind, venueSymbol, first, last, 1);
                return;
            }
            if (dice < duplicate)
            {
                writeFrame(target, streamName, payload, length, false);
                sent(kind);
                record(FaultKind.DUPLICATE, kind, venueSymbol, first, last, 1);
            }
            else if (dice < reorder)
            {
                if (heldStream == null)
                {
                    held.clear();
                    writeFrame(held, streamName, payload, length, false);
                    heldStream = streamKey;
                    heldKind = kind;
                    heldSymbol = venueSymbol;
                    heldFirst = first;
                    heldLast = last;
                    return;
                }
            }
            else if (dice < malformed)
            {
                writeFrame(target, streamName, payload, length, true);
                record(FaultKind.MALFORMED, kind, venueSymbol, first, last, 1);
                return;
            }
        }
        writeFrame(target, streamName, payload, length, false);
        sent(kind);
        if (heldStream != null && heldStream == streamKey)
        {
            releaseHeld(target);
            record(FaultKind.REORDER, heldKind, heldSymbol, heldFirst, heldLast, 1);
        }
        if (target.readableBytes() >= BATCH_MAX_BYTES)
        {
            writeBatch();
        }
    }

    /** Sends Binance's {@code serverShutdown} event, unaffected by faults. */
    void sendServerShutdown(final long nowMs)
    {
        if (!open)
        {
            return;
        }
        final byte[] event = ("{\"e\":\"serverShutdown\",\"E\":" + nowMs + "}").getBytes(StandardCharsets.US_ASCII);
        writeFrame(batch(), SHUTDOWN_STREAM, new UnsafeBuffer(event), event.length, false);
        flushBatch();
    }

    /** Writes the tick's batch (and a message still held back for reordering) and flushes. */
    void flushBatch()
    {
        if (heldStream != null && open)
        {
            releaseHeld(batch());
        }
        if (batch != null && batch.isReadable())
        {
            writeBatch();
        }
        // A batch may have been written mid-tick (when it grew large) with nothing batched since.
        if (unflushed)
        {
            unflushed = false;
            channel.flush();
        }
    }

    /** Closes the TCP connection without a close frame, as a network failure would. */
    void drop()
    {
        flushBatch();
        channel.close();
    }

    public void channelActive(final ChannelHandlerContext ctx)
    {
        channel = ctx.channel();
        ctx.fireChannelActive();
    }

    public void channelInactive(final ChannelHandlerContext ctx)
    {
        if (pinger != null)
        {
            pinger.cancel(false);
        }
        if (open)
        {
            open = false;
            counters.addActiveConnections(-1);
            market.removeSession(this);
        }
        if (batch != null)
        {
            lostInFlight(batchCounts.clone());
            batch.release();
            batch = null;
        }
        held.release();
        ctx.fireChannelInactive();
    }

    protected void channelRead0(final ChannelHandlerContext ctx, final Object msg)
    {
        if (msg instanceof final FullHttpRequest request)
        {
            if (request.uri().startsWith("/api/"))
            {
                counters.incrementRestRequests();
                restApi.handle(ctx, request);
            }
            else
            {
                onUpgradeRequest(ctx, request);
            }
        }
        else if (msg instanceof final WebSocketFrame frame)
        {
            onFrame(ctx, frame);
        }
    }

    public void exceptionCaught(final ChannelHandlerContext ctx, final Throwable cause)
    {
        LOG.debug("simulator connection {} failed; closing", ctx.channel().remoteAddress(), cause);
        ctx.close();
    }

    private ByteBuf batch()
    {
        if (batch == null)
        {
            batch = channel.alloc().directBuffer(BATCH_INITIAL_BYTES);
        }
        return batch;
    }

    private void writeBatch()
    {
        final int[] counts = batchCounts.clone();
        Arrays.fill(batchCounts, 0);
        final ByteBuf written = batch;
        batch = null;
        unflushed = true;
        final ChannelFuture future = channel.write(written);
        future.addListener(f ->
        {
            if (f.isSuccess())
            {
                for (int kind = 0; kind < KINDS; kind++)
                {
                    if (counts[kind] != 0)
                    {
                        counters.addDelivered(kind, counts[kind]);
                    }
                }
            }
            else
            {
                lostInFlight(counts);
            }
        });
    }

    private void lostInFlight(final int[] counts)
    {
        for (int kind = 0; kind < KINDS; kind++)
        {
            if (counts[kind] != 0)
            {
                record(FaultKind.LOST_IN_FLIGHT, StreamKind.values()[kind], null, 0, 0, counts[kind]);
            }
        }
    }

    private void releaseHeld(final ByteBuf target)
    {
        target.writeBytes(held, held.readerIndex(), held.readableBytes());
        sent(heldKind);
        heldStream = null;
    }

    private void sent(final StreamKind kind)
    {
        counters.incrementSent(kind);
        batchCounts[kind.ordinal()]++;
    }

    /** Appends one WebSocket text frame; a malformed one carries only the first half of the message. */
    private void writeFrame(
        final ByteBuf target, final byte[] streamName, final DirectBuffer payload, final int length,
        final boolean malformed)
    {
        final boolean wrap = combined && streamName != null;
        final int full = length + (wrap ? COMBINED_OVERHEAD + streamName.length : 0);
        final int frameLength = malformed ? full / 2 : full;
        target.writeByte(TEXT_FINAL);
        if (frameLength < 126)
        {
            target.writeByte(frameLength);
        }
        else if (frameLength <= 0xFFFF)
        {
            target.writeByte(126).writeShort(frameLength);
        }
        else
        {
            target.writeByte(127).writeLong(frameLength);
        }
        final int start = target.writerIndex();
        if (wrap)
        {
            target.writeBytes(COMBINED_PREFIX).writeBytes(streamName).writeBytes(DATA_PREFIX);
        }
        // Payloads are array-backed buffers (the market's and the recordings'), so this is one array copy.
        final int payloadBytes = Math.max(0, Math.min(length, start + frameLength - target.writerIndex()));
        target.writeBytes(payload.byteArray(), (int)payload.wrapAdjustment(), payloadBytes);
        if (wrap && !malformed)
        {
            target.writeByte('}');
        }
        target.writerIndex(start + frameLength);
    }

    private void record(
        final FaultKind kind, final StreamKind streamKind, final String venueSymbol, final long first, final long last,
        final long count)
    {
        if (faultLog.isFull())
        {
            faultLog.countOnly(kind, streamKind, count);
            return;
        }
        faultLog.record(new FaultRecord(kind, connectionId, streamKind, venueSymbol, first, last, count,
            context.epochClock().time()));
    }

    private void onUpgradeRequest(final ChannelHandlerContext ctx, final FullHttpRequest request)
    {
        if (handshaker != null || !request.decoderResult().isSuccess())
        {
            respond(ctx, HttpResponseStatus.BAD_REQUEST, "bad request");
            return;
        }
        final QueryStringDecoder query = new QueryStringDecoder(request.uri());
        final String path = query.path();
        final List<String> streams = new ArrayList<>();
        final boolean combinedPath = "/stream".equals(path);
        if (combinedPath)
        {
            final List<String> values = query.parameters().get("streams");
            if (values != null && !values.isEmpty())
            {
                splitStreams(values.get(0), streams);
            }
        }
        else if ("/ws".equals(path) || path.startsWith("/ws/"))
        {
            splitStreams(path.substring("/ws".length()), streams);
        }
        else
        {
            respond(ctx, HttpResponseStatus.NOT_FOUND, "no such endpoint: " + path + " (use /stream, /ws or /api/v3)");
            return;
        }
        if (!HttpHeaderValues.WEBSOCKET.contentEqualsIgnoreCase(request.headers().get(HttpHeaderNames.UPGRADE)))
        {
            respond(ctx, HttpResponseStatus.BAD_REQUEST, "a WebSocket upgrade is required");
            return;
        }
        handshaker = new WebSocketServerHandshakerFactory(
            "ws://" + request.headers().get(HttpHeaderNames.HOST) + request.uri(), null, false,
            context.maxFramePayloadBytes()).newHandshaker(request);
        if (handshaker == null)
        {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            return;
        }
        handshaker.handshake(ctx.channel(), request).addListener((ChannelFutureListener)future ->
        {
            if (future.isSuccess())
            {
                onOpen(ctx, combinedPath, streams);
            }
            else
            {
                ctx.close();
            }
        });
    }

    private void onOpen(final ChannelHandlerContext ctx, final boolean combinedPath, final List<String> streams)
    {
        open = true;
        combined = combinedPath;
        connectionId = market.addSession(this);
        faultRandom = new SplittableRandom(context.seed() * 31 + connectionId);
        counters.incrementConnectionsAccepted();
        counters.addActiveConnections(1);
        subscribe(streams);
        if (context.replay() != null)
        {
            new RecordingPlayer(context.replay(), this, ctx.executor()).start();
        }
        final long pingIntervalMs = context.pingIntervalMs();
        if (pingIntervalMs > 0)
        {
            pinger = ctx.executor().scheduleAtFixedRate(
                this::ping, pingIntervalMs, pingIntervalMs, TimeUnit.MILLISECONDS);
        }
    }

    private void onFrame(final ChannelHandlerContext ctx, final WebSocketFrame frame)
    {
        if (frame instanceof final TextWebSocketFrame text)
        {
            counters.incrementControlRequests();
            flushBatch();
            ctx.writeAndFlush(new TextWebSocketFrame(BinanceControlProtocol.handle(text.text(), this)));
        }
        else if (frame instanceof PongWebSocketFrame)
        {
            final ByteBuf content = frame.content();
            if (content.readableBytes() == Long.BYTES && content.getLong(content.readerIndex()) == pingCount)
            {
                unansweredPingSinceNanos = 0;
                counters.incrementPongsReceived();
            }
        }
        else if (frame instanceof PingWebSocketFrame)
        {
            ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
        }
        else if (frame instanceof final CloseWebSocketFrame close)
        {
            handshaker.close(ctx.channel(), close.retain());
        }
    }

    private void ping()
    {
        final long now = System.nanoTime();
        if (unansweredPingSinceNanos != 0 &&
            now - unansweredPingSinceNanos > TimeUnit.MILLISECONDS.toNanos(context.pongTimeoutMs()))
        {
            LOG.info("simulator closes {}: no pong for {} ms", channel.remoteAddress(), context.pongTimeoutMs());
            channel.close();
            return;
        }
        if (unansweredPingSinceNanos == 0)
        {
            unansweredPingSinceNanos = now;
        }
        pingCount++;
        flushBatch();
        channel.writeAndFlush(new PingWebSocketFrame(Unpooled.copyLong(pingCount)));
        counters.incrementPingsSent();
    }

    private static void splitStreams(final String joined, final List<String> streams)
    {
        Arrays.stream(joined.split("/")).filter(s -> !s.isEmpty()).forEach(streams::add);
    }

    private static void respond(final ChannelHandlerContext ctx, final HttpResponseStatus status, final String body)
    {
        final FullHttpResponse response = new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, CharsetUtil.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
        HttpUtil.setContentLength(response, response.content().readableBytes());
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
