package zvt.crypto.gateway;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.agrona.CloseHelper;
import zvt.crypto.core.codec.BookUpdateEncoder;
import zvt.crypto.core.codec.BookUpdateKind;
import zvt.crypto.core.codec.BooleanType;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.MessageHeaderEncoder;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.codec.TopOfBookEncoder;
import zvt.crypto.core.codec.TradeEncoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.core.decimal.MutableDecimal;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.ring.ConsumerThreads;
import zvt.crypto.core.ring.MarketEventRing;
import zvt.crypto.core.ring.RingContext;
import zvt.crypto.core.ring.WaitStrategyType;
import zvt.crypto.core.test.Tests;
import zvt.crypto.gateway.fanout.FanoutEventHandler;
import zvt.crypto.gateway.ws.GatewayServer;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.journal.JournalEventHandler;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.ObjLongConsumer;
import java.util.function.UnaryOperator;

/**
 * The real thing on loopback: a core ring whose first consumer assigns journal indexes, the fan-out after it, and a
 * gateway server; trades are published into the ring with the SBE encoders, as a feed handler would.
 */
final class GatewayHarness implements AutoCloseable
{
    private static final int RING_SIZE = 1024;
    /** Receive time minus exchange time of trades published with an exchange time. */
    static final long RECEIVE_LATENCY_NANOS = 1_000_000;

    final InstrumentRegistry instruments = new InstrumentRegistry();
    final Instrument btcBinance = instruments.intern(Venue.BINANCE, MarketType.SPOT, "BTCUSDT", "BTC-USDT");
    final Instrument ethBinance = instruments.intern(Venue.BINANCE, MarketType.SPOT, "ETHUSDT", "ETH-USDT");
    final Instrument btcOkx = instruments.intern(Venue.OKX, MarketType.SPOT, "BTC-USDT", "BTC-USDT");
    final GatewayContext context;
    final GatewayServer server;
    final HttpClient http = HttpClient.newHttpClient();

    private final JournalIndexStub journalStub = new JournalIndexStub();
    private final Journal journal;
    /** The loop hosting the ring's consumers and serving the sessions, or null when each has threads of its own. */
    private final EventLoopGroup ringLoop;
    private final JournalEventHandler journalHandler;
    private long published;
    private final RingBuffer<MarketEvent> ringBuffer;
    private final AutoCloseable ring;
    private final List<TestClient> clients = new ArrayList<>();
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final TopOfBookEncoder top = new TopOfBookEncoder();
    private final BookUpdateEncoder book = new BookUpdateEncoder();

    GatewayHarness(final GatewayContext context)
    {
        this(context, (Path)null);
    }

    /**
     * @param journalDirectory where to open a real journal, which the ring's first consumer appends to and the gateway
     *                         resumes and replays from; the harness closes it. Null for the stub, which only numbers
     *                         events (the indexes publishes return).
     */
    GatewayHarness(final GatewayContext context, final Path journalDirectory)
    {
        this(context, journalDirectory, null);
    }

    /**
     * The node's default layout: the ring's consumers hosted on one event loop that also serves the gateway's
     * sessions, so the fan-out writes to them in the loop.
     */
    static GatewayHarness onRingLoop(final GatewayContext context)
    {
        return new GatewayHarness(context, null, new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("ring-and-sessions", true), NioIoHandler.newFactory()));
    }

    private GatewayHarness(final GatewayContext context, final Path journalDirectory, final EventLoopGroup ringLoop)
    {
        this.journal =
            journalDirectory == null ? null : Journal.open(new JournalContext().directory(journalDirectory));
        this.ringLoop = ringLoop;
        this.context = context.journal(journal).sharedEventLoops(ringLoop).conclude();
        final FanoutEventHandler fanout = new FanoutEventHandler(context, instruments);
        journalHandler = journal == null ? null : new JournalEventHandler(journal, instruments);
        final RingContext ringContext = new RingContext().ringSize(RING_SIZE).waitStrategy(WaitStrategyType.PARKING);
        if (ringLoop != null)
        {
            ringContext.consumerThreads(ConsumerThreads.HOSTED).host(ringLoop.next());
        }
        final MarketEventRing marketEventRing = new MarketEventRing(
            ringContext, journal == null ? journalStub : journalHandler, List.of(fanout));
        marketEventRing.start();
        ringBuffer = marketEventRing.ringBuffer();
        ring = marketEventRing;
        server = GatewayServer.launch(context, instruments, fanout);
    }

    /**
     * The same topology built on the Disruptor directly, for tests that need to choose the consumer threads (core's
     * ring does not let them be chosen yet).
     *
     * @param consumerThreads makes the journal-stub and fan-out threads.
     * @param fanoutWrapper   wraps the fan-out as the ring sees it, e.g. to observe its thread.
     */
    GatewayHarness(
        final GatewayContext context,
        final ThreadFactory consumerThreads,
        final UnaryOperator<EventHandler<MarketEvent>> fanoutWrapper)
    {
        this.context = context.conclude();
        final FanoutEventHandler fanout = new FanoutEventHandler(context, instruments);
        final Disruptor<MarketEvent> disruptor = new Disruptor<>(
            MarketEvent::new, RING_SIZE, consumerThreads, ProducerType.MULTI, new BlockingWaitStrategy());
        disruptor.handleEventsWith(journalStub).then(fanoutWrapper.apply(fanout));
        ringBuffer = disruptor.start();
        ring = disruptor::shutdown;
        journal = null;
        journalHandler = null;
        ringLoop = null;
        server = GatewayServer.launch(context, instruments, fanout);
    }

    RingBuffer<MarketEvent> ringBuffer()
    {
        return ringBuffer;
    }

    GatewayCounters counters()
    {
        return context.counters();
    }

    TestClient connect()
    {
        return connect("");
    }

    /** @param query appended to the WebSocket URL, e.g. {@code ?encoding=sbe}. */
    TestClient connect(final String query)
    {
        final TestClient client = TestClient.connect(http, URI.create(server.webSocketUri() + query));
        clients.add(client);
        return client;
    }

    static String subscribe(final String venue, final String symbol)
    {
        return subscribe("trades", venue, symbol);
    }

    static String subscribe(final String channel, final String venue, final String symbol)
    {
        return "{\"op\":\"subscribe\",\"channel\":\"" + channel + "\",\"venue\":\"" + venue + "\",\"symbol\":\"" +
            symbol + "\"}";
    }

    static String unsubscribe(final String venue, final String symbol)
    {
        return "{\"op\":\"unsubscribe\",\"channel\":\"trades\",\"venue\":\"" + venue + "\",\"symbol\":\"" + symbol +
            "\"}";
    }

    /**
     * Publishes one trade into the ring.
     *
     * @return the journal index the event will carry.
     */
    long publishTrade(
        final Instrument instrument, final String price, final String size, final Side side, final String tradeId)
    {
        final MutableDecimal priceValue = AsciiDecimal.parse(price);
        final MutableDecimal sizeValue = AsciiDecimal.parse(size);
        return publish((event, sequence) -> encodeTrade(event, instrument, priceValue, sizeValue, side, tradeId,
            1_700_000_000_000_000_000L + sequence, 1_700_000_000_123_456_789L + sequence));
    }

    /**
     * Publishes one buy trade with this exchange time, received {@link #RECEIVE_LATENCY_NANOS} later.
     *
     * @return the journal index the event will carry.
     */
    long publishTrade(
        final Instrument instrument, final String price, final String size, final long exchangeTimeNanos)
    {
        final MutableDecimal priceValue = AsciiDecimal.parse(price);
        final MutableDecimal sizeValue = AsciiDecimal.parse(size);
        return publish((event, sequence) -> encodeTrade(event, instrument, priceValue, sizeValue, Side.BUY,
            "T-" + sequence, exchangeTimeNanos, exchangeTimeNanos + RECEIVE_LATENCY_NANOS));
    }

    /**
     * Publishes a top of book: bid and ask in tenths, size 1 each.
     *
     * @return the journal index the event will carry.
     */
    long publishTop(final Instrument instrument, final long bidTenths, final long askTenths)
    {
        return publish((event, sequence) ->
        {
            top.wrapAndApplyHeader(event.reset().buffer(), 0, header)
                .receiveTimeNanos(1_700_000_000_123_456_789L + sequence)
                .exchangeTimeNanos(1_700_000_000_000_000_000L + sequence)
                .instrumentId(instrument.id())
                .venue(instrument.venue())
                .sequence(sequence);
            top.bidPrice().mantissa(bidTenths).exponent((byte)-1);
            top.bidSize().mantissa(1).exponent((byte)0);
            top.askPrice().mantissa(askTenths).exponent((byte)-1);
            top.askSize().mantissa(1).exponent((byte)0);
            event.length(MessageHeaderEncoder.ENCODED_LENGTH + top.encodedLength());
        });
    }

    /** One level of a published book update: price in tenths, size in units; size 0 removes the level. */
    record BookLevel(Side side, long priceTenths, long size)
    {
    }

    /**
     * Publishes one book update, a whole batch of its kind ({@code lastInBatch}), at the venue sequence.
     *
     * @return the journal index the event will carry.
     */
    long publishBook(
        final Instrument instrument, final BookUpdateKind kind, final long venueSequence, final List<BookLevel> levels)
    {
        return publish((event, sequence) ->
        {
            book.wrapAndApplyHeader(event.reset().buffer(), 0, header)
                .receiveTimeNanos(1_700_000_000_123_456_789L + sequence)
                .exchangeTimeNanos(1_700_000_000_000_000_000L + sequence)
                .instrumentId(instrument.id())
                .venue(instrument.venue())
                .kind(kind)
                .lastInBatch(BooleanType.TRUE)
                .firstSequence(venueSequence)
                .lastSequence(venueSequence);
            final BookUpdateEncoder.LevelsEncoder encoder = book.levelsCount(levels.size());
            for (final BookLevel level : levels)
            {
                encoder.next().side(level.side()).price().mantissa(level.priceTenths()).exponent((byte)-1);
                encoder.size().mantissa(level.size()).exponent((byte)0);
            }
            event.length(MessageHeaderEncoder.ENCODED_LENGTH + book.encodedLength());
        });
    }

    /**
     * Claims a slot, lets the encoder fill it (given the slot and its ring sequence), publishes it.
     *
     * @return the journal index the event will carry, with the stub journal.
     */
    private synchronized long publish(final ObjLongConsumer<MarketEvent> encoder)
    {
        published++;
        final long sequence = ringBuffer.next();
        try
        {
            encoder.accept(ringBuffer.get(sequence), sequence);
        }
        finally
        {
            ringBuffer.publish(sequence);
        }
        return JournalIndexStub.FIRST_INDEX + sequence;
    }

    /** Waits until the real journal holds every event published so far: what a replay then reads is all there. */
    synchronized void awaitJournaled()
    {
        final long expected = published;
        Tests.await(() -> journalHandler.appendedEvents() >= expected, Duration.ofSeconds(10),
            () -> journalHandler.appendedEvents() + " of " + expected + " events journaled");
    }

    /**
     * Waits until the fan-out, the ring's last consumer, has passed every event published so far: a subscription made
     * after this starts after them.
     */
    synchronized void awaitFannedOut()
    {
        final long cursor = ringBuffer.getCursor();
        Tests.await(() -> ringBuffer.getMinimumGatingSequence() >= cursor, Duration.ofSeconds(10),
            () -> "the fan-out is at " + ringBuffer.getMinimumGatingSequence() + " of " + cursor);
    }

    /**
     * Runs {@code publishes} while the journal stub is held at an empty slot published first, so that the fan-out
     * receives everything it publishes as one batch.
     */
    void publishAsOneBatch(final Runnable publishes) throws InterruptedException
    {
        journalStub.holdAtNextEvent();
        final long gate = ringBuffer.next();
        ringBuffer.get(gate).reset();
        ringBuffer.publish(gate);
        journalStub.awaitHolding();
        try
        {
            publishes.run();
        }
        finally
        {
            journalStub.release();
        }
    }

    private void encodeTrade(
        final MarketEvent event,
        final Instrument instrument,
        final MutableDecimal price,
        final MutableDecimal size,
        final Side side,
        final String tradeId,
        final long exchangeTimeNanos,
        final long receiveTimeNanos)
    {
        trade.wrapAndApplyHeader(event.reset().buffer(), 0, header)
            .receiveTimeNanos(receiveTimeNanos)
            .exchangeTimeNanos(exchangeTimeNanos)
            .instrumentId(instrument.id())
            .venue(instrument.venue())
            .aggressorSide(side);
        trade.price().mantissa(price.mantissa()).exponent((byte)price.exponent());
        trade.size().mantissa(size.mantissa()).exponent((byte)size.exponent());
        trade.venueTradeId(tradeId);
        event.length(MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
    }

    HttpResponse<String> get(final String path) throws IOException, InterruptedException
    {
        final URI uri = URI.create("http://" + context.host() + ':' + server.port() + path);
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public void close()
    {
        CloseHelper.closeAll(() -> clients.forEach(TestClient::close), server, ring, http, journal,
            this::shutDownRingLoop);
    }

    private void shutDownRingLoop()
    {
        if (ringLoop != null)
        {
            ringLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }
}
