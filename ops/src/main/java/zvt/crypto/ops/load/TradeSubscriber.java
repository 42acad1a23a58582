package zvt.crypto.ops.load;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import org.HdrHistogram.Histogram;
import org.agrona.concurrent.EpochNanoClock;

/**
 * A real WebSocket client of the gateway (Netty, loopback) subscribed to the trades of the given streams (a venue's
 * symbol, or {@code "*"} for all of them), checking the stream as it arrives: journal indexes strictly increasing
 * (a repeat or a step back counts as a duplicate). Whether any trade is missing is decided after the run against
 * the journal ({@link JournalTally}): from the first trade it received to the last the journal holds of its streams,
 * it must have them all. Once {@link #measure()} was called it times each trade on the node's clock: node receive →
 * here, the trade's exchange time (the simulator's, millisecond resolution) → here, and from the simulator's send
 * ({@link SendTimes}) → node receive and → here.
 * <p>
 * Thread-safety: frames are handled on the client's event loop; the counters are read by the harness (volatile),
 * the histograms and {@link #untimedTrades()} only after the event loop has terminated.
 */
final class TradeSubscriber extends SimpleChannelInboundHandler<TextWebSocketFrame>
{
    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);
    private static final byte[] TRADE_PREFIX = "{\"type\":\"trade\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUBSCRIBED_PREFIX = "{\"type\":\"subscribed\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EXCHANGE_TIME = "\"exchangeTime\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RECEIVE_TIME = "\"receiveTime\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] JOURNAL_INDEX = "\"journalIndex\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VENUE = "\"venue\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SYMBOL = "\"symbol\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRADE_ID = "\"tradeId\":\"".getBytes(StandardCharsets.US_ASCII);

    private final List<Stream> streams;
    private final EpochNanoClock clock;
    private final SendTimes sendTimes;
    private final Histogram receiveToSubscriber = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram exchangeToSubscriber = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram sendToReceive = new Histogram(HIGHEST_NANOS, 3);
    private final Histogram sendToSubscriber = new Histogram(HIGHEST_NANOS, 3);
    private long untimedTrades;
    private volatile boolean measuring;
    private volatile int subscriptionsAcknowledged;
    private volatile long received;
    private volatile long duplicates;
    private volatile long otherFrames;
    private volatile long firstIndex = -1;
    private volatile long lastIndex = -1;
    private volatile boolean closing;
    private volatile boolean closedByGateway;
    private Channel channel;

    /** The trades of one venue's symbol ({@code "*"}: all its symbols). */
    record Stream(String venue, String symbol)
    {
        static final String ALL_SYMBOLS = "*";
    }

    private TradeSubscriber(final List<Stream> streams, final EpochNanoClock clock, final SendTimes sendTimes)
    {
        this.streams = List.copyOf(streams);
        this.clock = clock;
        this.sendTimes = sendTimes;
    }

    /** Connects and subscribes; {@link #awaitSubscribed} waits for every venue's reply. */
    static TradeSubscriber connect(final EventLoopGroup loop, final URI uri, final List<Stream> streams,
        final EpochNanoClock clock, final SendTimes sendTimes)
    {
        final TradeSubscriber subscriber = new TradeSubscriber(streams, clock, sendTimes);
        subscriber.channel = new Bootstrap().group(loop).channel(NioSocketChannel.class)
            .handler(new ChannelInitializer<SocketChannel>()
            {
                protected void initChannel(final SocketChannel channel)
                {
                    channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                        new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                            .webSocketUri(uri).version(WebSocketVersion.V13).maxFramePayloadLength(1 << 20).build()),
                        subscriber);
                }
            })
            .connect(uri.getHost(), uri.getPort()).syncUninterruptibly().channel();
        return subscriber;
    }

    public void userEventTriggered(final ChannelHandlerContext ctx, final Object event)
    {
        if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)
        {
            for (final Stream stream : streams)
            {
                ctx.write(new TextWebSocketFrame("{\"op\":\"subscribe\",\"channel\":\"trades\",\"venue\":\"" +
                    stream.venue() + "\",\"symbol\":\"" + stream.symbol() + "\"}"));
            }
            ctx.flush();
        }
        ctx.fireUserEventTriggered(event);
    }

    protected void channelRead0(final ChannelHandlerContext ctx, final TextWebSocketFrame frame)
    {
        final long now = clock.nanoTime();
        final ByteBuf content = frame.content();
        if (startsWith(content, TRADE_PREFIX))
        {
            final long index = longAfter(content, JOURNAL_INDEX);
            if (index <= lastIndex)
            {
                duplicates = duplicates + 1;
                return;
            }
            if (firstIndex < 0)
            {
                firstIndex = index;
            }
            lastIndex = index;
            received = received + 1;
            if (measuring)
            {
                final long receiveTime = longAfter(content, RECEIVE_TIME);
                record(receiveToSubscriber, now - receiveTime);
                record(exchangeToSubscriber, now - longAfter(content, EXCHANGE_TIME));
                final long sent = sentAt(content);
                if (sent == SendTimes.UNKNOWN)
                {
                    untimedTrades++;
                }
                else
                {
                    record(sendToReceive, receiveTime - sent);
                    record(sendToSubscriber, now - sent);
                }
            }
        }
        else if (startsWith(content, SUBSCRIBED_PREFIX))
        {
            subscriptionsAcknowledged = subscriptionsAcknowledged + 1;
        }
        else
        {
            otherFrames = otherFrames + 1;
        }
    }

    void awaitSubscribed(final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.currentTimeMillis() + timeoutMs;
        while (subscriptionsAcknowledged < streams.size())
        {
            if (System.currentTimeMillis() > deadline || !channel.isActive())
            {
                throw new IllegalStateException("subscriber got " + subscriptionsAcknowledged + " of " +
                    streams.size() + " subscription replies within " + timeoutMs + " ms");
            }
            Thread.sleep(10);
        }
    }

    /** From now on, record latencies (the warm-up's are left out). */
    void measure()
    {
        measuring = true;
    }

    public void channelInactive(final ChannelHandlerContext ctx) throws Exception
    {
        // e.g. the gateway's slow-consumer policy: whatever the journal holds after this counts as lost
        closedByGateway = !closing;
        super.channelInactive(ctx);
    }

    void close()
    {
        closing = true;
        channel.close().syncUninterruptibly();
    }

    /** The gateway closed the session before the run ended it (a slow consumer, for one). */
    boolean closedByGateway()
    {
        return closedByGateway;
    }

    List<Stream> streams()
    {
        return streams;
    }

    long received()
    {
        return received;
    }

    long duplicates()
    {
        return duplicates;
    }

    /** Frames neither a trade nor a subscription reply (errors, for one; none are expected). */
    long otherFrames()
    {
        return otherFrames;
    }

    long firstIndex()
    {
        return firstIndex;
    }

    long lastIndex()
    {
        return lastIndex;
    }

    /** Read only after the client's event loop has terminated. */
    Histogram receiveToSubscriber()
    {
        return receiveToSubscriber;
    }

    /** The venue's trade time (the simulator's send, in ms) to here; read as {@link #receiveToSubscriber()}. */
    Histogram exchangeToSubscriber()
    {
        return exchangeToSubscriber;
    }

    /** Simulator send → node receive, from the send times the simulators reported; read as the others. */
    Histogram sendToReceive()
    {
        return sendToReceive;
    }

    /** Simulator send → here: the whole path; read as the others. */
    Histogram sendToSubscriber()
    {
        return sendToSubscriber;
    }

    /** Trades measured whose send time was not known (none expected); read as the others. */
    long untimedTrades()
    {
        return untimedTrades;
    }

    private long sentAt(final ByteBuf content)
    {
        final int venue = indexAfter(content, VENUE);
        final int symbol = indexAfter(content, SYMBOL);
        final int tradeId = indexAfter(content, TRADE_ID);
        if (venue < 0 || symbol < 0 || tradeId < 0)
        {
            return SendTimes.UNKNOWN;
        }
        return sendTimes.sentAt(content, venue, content.indexOf(venue, content.writerIndex(), (byte)'"') - venue,
            symbol, content.indexOf(symbol, content.writerIndex(), (byte)'"') - symbol, digitsAt(content, tradeId));
    }

    private static void record(final Histogram histogram, final long nanos)
    {
        histogram.recordValue(Math.max(0, Math.min(HIGHEST_NANOS, nanos)));
    }

    private static boolean startsWith(final ByteBuf content, final byte[] prefix)
    {
        if (content.readableBytes() < prefix.length)
        {
            return false;
        }
        final int start = content.readerIndex();
        for (int i = 0; i < prefix.length; i++)
        {
            if (content.getByte(start + i) != prefix[i])
            {
                return false;
            }
        }
        return true;
    }

    /** The non-negative integer after {@code key}; -1 if the key is absent. */
    private static long longAfter(final ByteBuf content, final byte[] key)
    {
        final int at = indexAfter(content, key);
        return at < 0 ? -1 : digitsAt(content, at);
    }

    /** Where the value after {@code key} starts; -1 if the key is absent. */
    private static int indexAfter(final ByteBuf content, final byte[] key)
    {
        final int end = content.writerIndex();
        outer:
        for (int i = content.readerIndex(); i <= end - key.length; i++)
        {
            for (int k = 0; k < key.length; k++)
            {
                if (content.getByte(i + k) != key[k])
                {
                    continue outer;
                }
            }
            return i + key.length;
        }
        return -1;
    }

    /** The decimal digits from {@code at} as a number. */
    private static long digitsAt(final ByteBuf content, final int at)
    {
        long value = 0;
        for (int j = at; j < content.writerIndex(); j++)
        {
            final byte digit = content.getByte(j);
            if (digit < '0' || digit > '9')
            {
                break;
            }
            value = value * 10 + (digit - '0');
        }
        return value;
    }
}
