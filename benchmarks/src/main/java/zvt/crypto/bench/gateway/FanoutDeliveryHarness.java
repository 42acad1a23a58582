package zvt.crypto.bench.gateway;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.agrona.CloseHelper;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.IoUtil;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.MessageHeaderEncoder;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.codec.TradeEncoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.json.EventJsonRenderer;
import zvt.crypto.core.ring.MarketEventRing;
import zvt.crypto.core.ring.RingContext;
import zvt.crypto.core.ring.WaitStrategyType;
import zvt.crypto.gateway.GatewayContext;
import zvt.crypto.gateway.fanout.FanoutEventHandler;
import zvt.crypto.gateway.ws.GatewayServer;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.journal.JournalEventHandler;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Fan-out deliveries per second to {@code --clients} WebSocket sessions on loopback, all subscribed to one symbol's
 * trades, measured end to end: a publisher encodes trades into the ring, the journal appends them to Chronicle, the
 * fan-out delivers, and Netty clients in this process count the frames they receive. Two servers, same clients,
 * same ring and journal, in the same run:
 * <ul>
 *   <li>{@code zvt}: the gateway ({@link FanoutEventHandler}): JSON rendered and framed once per event into a pooled
 *       slab, each session written a retained slice, each flushed once per ring batch;</li>
 *   <li>{@code netty-group}: the idiomatic Netty broadcast: JSON rendered once per event (same renderer), then
 *       {@code ChannelGroup.writeAndFlush(new TextWebSocketFrame(json))}, which frames and flushes per session.</li>
 * </ul>
 * The publisher keeps at most {@code WINDOW} events ahead of the slowest client, so neither server buffers without
 * bound (and the gateway drops no one as a slow consumer). Reported: deliveries per second, and the process's CPU
 * time per 1,000 deliveries (clients included: they run in this process).
 * <pre>
 *   java -cp ... zvt.crypto.bench.gateway.FanoutDeliveryHarness [clients] [seconds] [rounds] [zvt|netty-group]
 * </pre>
 */
public final class FanoutDeliveryHarness
{
    private static final int WINDOW = 256;
    private static final int WARMUP_SECONDS = 3;

    private final InstrumentRegistry instruments = new InstrumentRegistry();
    private final Instrument btc = instruments.intern(Venue.BINANCE, MarketType.SPOT, "BTCUSDT", "BTC-USDT");

    public static void main(final String[] args) throws Exception
    {
        final int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        final int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        final int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        final List<String> modes = args.length > 3 ? List.of(args[3]) : List.of("zvt", "netty-group");
        System.out.printf("%d clients, %d s measured after %d s warm-up, %d rounds alternating%n",
            clients, seconds, WARMUP_SECONDS, rounds);
        final FanoutDeliveryHarness harness = new FanoutDeliveryHarness();
        for (int round = 1; round <= rounds; round++)
        {
            for (final String mode : modes)
            {
                harness.run(mode, clients, seconds, round);
            }
        }
    }

    private void run(final String mode, final int clientCount, final int seconds, final int round) throws Exception
    {
        final Path directory = Files.createTempDirectory("fanout-bench");
        final Journal journal = Journal.open(new JournalContext().directory(directory));
        final EventLoopGroup clientLoop = new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("bench-clients", true), NioIoHandler.newFactory());
        final List<CountingSession> sessions = new ArrayList<>();
        AutoCloseable server = null;
        MarketEventRing ring = null;
        try
        {
            final URI uri;
            if (mode.equals("zvt"))
            {
                final GatewayContext context = new GatewayContext().journal(journal);
                final FanoutEventHandler fanout = new FanoutEventHandler(context, instruments);
                ring = ring(journal, fanout);
                final GatewayServer gateway = GatewayServer.launch(context, instruments, fanout);
                uri = gateway.webSocketUri();
                server = gateway;
            }
            else
            {
                final GroupBroadcast broadcast = new GroupBroadcast(instruments);
                ring = ring(journal, broadcast);
                uri = broadcast.uri();
                server = broadcast;
            }
            for (int i = 0; i < clientCount; i++)
            {
                sessions.add(CountingSession.connect(clientLoop, uri));
            }
            for (final CountingSession session : sessions)
            {
                session.awaitSubscribed();
            }
            final Publisher publisher = new Publisher(ring.ringBuffer(), sessions);
            final Thread thread = new Thread(publisher, "bench-publisher");
            thread.start();
            TimeUnit.SECONDS.sleep(WARMUP_SECONDS);
            final long deliveredBefore = delivered(sessions);
            final long cpuBefore = processCpuNanos();
            final long start = System.nanoTime();
            TimeUnit.SECONDS.sleep(seconds);
            final long delivered = delivered(sessions) - deliveredBefore;
            final long cpu = processCpuNanos() - cpuBefore;
            final long elapsed = System.nanoTime() - start;
            publisher.stop();
            thread.join();
            System.out.printf("round %d %-12s deliveries/s %,12.0f   CPU per 1,000 deliveries %8.1f us   " +
                "(%,d events published)%n", round, mode, delivered * 1e9 / elapsed,
                cpu / 1_000.0 / (delivered / 1_000.0), publisher.published());
        }
        finally
        {
            sessions.forEach(CountingSession::close);
            CloseHelper.closeAll(server, ring);
            clientLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
            journal.close();
            IoUtil.delete(directory.toFile(), true);
        }
    }

    private static MarketEventRing ring(final Journal journal, final EventHandler<MarketEvent> fanout)
    {
        return new MarketEventRing(
            new RingContext().waitStrategy(WaitStrategyType.PARKING)
                .threadFactory(new DefaultThreadFactory("ring", true)),
            new JournalEventHandler(journal),
            List.of(fanout)).start();
    }

    private static long delivered(final List<CountingSession> sessions)
    {
        long total = 0;
        for (final CountingSession session : sessions)
        {
            total += session.received.get();
        }
        return total;
    }

    private static long processCpuNanos()
    {
        return ((com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime();
    }

    /** Publishes trades as fast as the slowest client allows, {@link #WINDOW} events ahead at most. */
    private final class Publisher implements Runnable
    {
        private final RingBuffer<MarketEvent> ringBuffer;
        private final List<CountingSession> sessions;
        private final MessageHeaderEncoder header = new MessageHeaderEncoder();
        private final TradeEncoder trade = new TradeEncoder();
        private volatile boolean running = true;
        private volatile long published;

        Publisher(final RingBuffer<MarketEvent> ringBuffer, final List<CountingSession> sessions)
        {
            this.ringBuffer = ringBuffer;
            this.sessions = sessions;
        }

        public void run()
        {
            long count = 0;
            while (running)
            {
                if (count - slowest() >= WINDOW)
                {
                    LockSupport.parkNanos(20_000);
                    continue;
                }
                final long sequence = ringBuffer.next();
                final MarketEvent event = ringBuffer.get(sequence);
                trade.wrapAndApplyHeader(event.reset().buffer(), 0, header)
                    .receiveTimeNanos(System.currentTimeMillis() * 1_000_000L)
                    .exchangeTimeNanos(System.currentTimeMillis() * 1_000_000L)
                    .instrumentId(btc.id())
                    .venue(btc.venue())
                    .aggressorSide((count & 1) == 0 ? Side.BUY : Side.SELL);
                trade.price().mantissa(6_500_012 + (count & 63)).exponent((byte)-2);
                trade.size().mantissa(15 + (count & 7)).exponent((byte)-3);
                trade.venueTradeId(Long.toString(3_000_000_000L + count));
                event.length(MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
                ringBuffer.publish(sequence);
                published = ++count;
            }
        }

        private long slowest()
        {
            long min = Long.MAX_VALUE;
            for (final CountingSession session : sessions)
            {
                min = Math.min(min, session.received.get());
            }
            return min;
        }

        void stop()
        {
            running = false;
        }

        long published()
        {
            return published;
        }
    }

    /** A Netty WebSocket client that subscribes to BTC-USDT trades on BINANCE and counts the frames after the reply. */
    private static final class CountingSession extends SimpleChannelInboundHandler<TextWebSocketFrame>
    {
        private final AtomicLong received = new AtomicLong();
        private final CountDownLatch subscribed = new CountDownLatch(1);
        private Channel channel;

        static CountingSession connect(final EventLoopGroup loop, final URI uri)
        {
            final CountingSession session = new CountingSession();
            session.channel = new Bootstrap().group(loop).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>()
                {
                    protected void initChannel(final SocketChannel channel)
                    {
                        channel.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(8192),
                            // no UTF-8 validation: the clients share the machine with the server being measured
                            new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                .webSocketUri(uri).version(WebSocketVersion.V13).maxFramePayloadLength(65_536)
                                .withUTF8Validator(false).build()),
                            session);
                    }
                })
                .connect(uri.getHost(), uri.getPort()).syncUninterruptibly().channel();
            return session;
        }

        public void userEventTriggered(final ChannelHandlerContext ctx, final Object event)
        {
            if (event == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE)
            {
                ctx.writeAndFlush(new TextWebSocketFrame(
                    "{\"op\":\"subscribe\",\"channel\":\"trades\",\"venue\":\"BINANCE\",\"symbol\":\"BTC-USDT\"}"));
            }
            ctx.fireUserEventTriggered(event);
        }

        protected void channelRead0(final ChannelHandlerContext ctx, final TextWebSocketFrame frame)
        {
            if (subscribed.getCount() > 0)
            {
                subscribed.countDown();
            }
            else
            {
                received.lazySet(received.get() + 1);
            }
        }

        void awaitSubscribed() throws InterruptedException
        {
            if (!subscribed.await(30, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("no subscription reply within 30 s");
            }
        }

        void close()
        {
            channel.close().syncUninterruptibly();
        }
    }

    /**
     * The baseline server: a plain Netty WebSocket server whose sessions join one {@link ChannelGroup} when they
     * subscribe, and a ring consumer that renders each event once and broadcasts it with
     * {@code ChannelGroup.writeAndFlush}.
     */
    private static final class GroupBroadcast implements EventHandler<MarketEvent>, AutoCloseable
    {
        private final ChannelGroup group = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        private final EventLoopGroup loop = new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("baseline-io", true), NioIoHandler.newFactory());
        private final EventJsonRenderer renderer;
        private final ExpandableArrayBuffer json = new ExpandableArrayBuffer(1024);
        private final Channel serverChannel;

        GroupBroadcast(final InstrumentRegistry instruments)
        {
            renderer = new EventJsonRenderer(instruments);
            serverChannel = new ServerBootstrap().group(loop).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>()
                {
                    protected void initChannel(final SocketChannel channel)
                    {
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(8192),
                            new WebSocketServerProtocolHandler("/ws"),
                            new SimpleChannelInboundHandler<TextWebSocketFrame>()
                            {
                                protected void channelRead0(
                                    final ChannelHandlerContext ctx, final TextWebSocketFrame frame)
                                {
                                    ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"subscribed\"}"));
                                    group.add(ctx.channel());
                                }
                            });
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
        }

        URI uri()
        {
            return URI.create("ws://127.0.0.1:" +
                ((java.net.InetSocketAddress)serverChannel.localAddress()).getPort() + "/ws");
        }

        public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
        {
            final int length = renderer.render(event.buffer(), 0, event.journalIndex(), json, 0);
            group.writeAndFlush(new TextWebSocketFrame(Unpooled.copiedBuffer(json.byteArray(), 0, length)));
        }

        public void close()
        {
            group.close().syncUninterruptibly();
            serverChannel.close().syncUninterruptibly();
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
