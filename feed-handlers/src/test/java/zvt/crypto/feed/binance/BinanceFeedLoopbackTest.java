package zvt.crypto.feed.binance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.core.codec.InstrumentDefinitionDecoder;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.TradeDecoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.codec.VenueStatusCode;
import zvt.crypto.core.codec.VenueStatusDecoder;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.test.Tests;
import zvt.crypto.feed.connection.FeedContext;
import zvt.crypto.feed.runner.VenueFeed;
import zvt.crypto.feed.venue.VenueSettings;
import zvt.crypto.feed.simulator.BinanceSimulator;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.feed.test.DecodedStatus;
import zvt.crypto.feed.test.DecodedTrade;
import zvt.crypto.feed.test.TestCertificates;
import zvt.crypto.feed.test.TestRing;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Binance feed against the simulator over real loopback sockets, into core's ring.
 */
class BinanceFeedLoopbackTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final TestRing ring = new TestRing(4096);
    private BinanceSimulator simulator;
    private VenueFeed feed;

    @AfterEach
    void close()
    {
        if (feed != null)
        {
            feed.close();
        }
        if (simulator != null)
        {
            simulator.close();
        }
        ring.close();
    }

    @Test
    void shouldDeliverEveryTradeOfTwoSymbolsInOrderWithNoGaps()
    {
        simulator = BinanceSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(2_000));
        feed = VenueFeed.launch(settings(simulator.webSocketUri(), "BTC-USDT", "ETH-USDT"), feedContext());

        awaitTrades(2_000);

        final Instrument btc = ring.registry().bySymbol(Venue.BINANCE, MarketType.SPOT, "BTC-USDT");
        final Instrument eth = ring.registry().bySymbol(Venue.BINANCE, MarketType.SPOT, "ETH-USDT");
        assertEquals("BTCUSDT", btc.venueSymbol());
        assertEquals("ETHUSDT", eth.venueSymbol());
        assertEquals(List.of(btc, eth), feed.instruments());

        final List<Integer> types = ring.recorder().templateIds();
        // Without reference data the instruments are journaled as they are, before the feed connects.
        assertEquals(List.of(InstrumentDefinitionDecoder.TEMPLATE_ID, InstrumentDefinitionDecoder.TEMPLATE_ID,
            VenueStatusDecoder.TEMPLATE_ID, VenueStatusDecoder.TEMPLATE_ID, VenueStatusDecoder.TEMPLATE_ID,
            TradeDecoder.TEMPLATE_ID), types.subList(0, 6));
        assertEquals(List.of(
            new DecodedStatus(Venue.BINANCE, 0, VenueStatusCode.CONNECTED, feed.uri().toString()),
            new DecodedStatus(Venue.BINANCE, btc.id(), VenueStatusCode.SUBSCRIBED, "btcusdt@trade"),
            new DecodedStatus(Venue.BINANCE, eth.id(), VenueStatusCode.SUBSCRIBED, "ethusdt@trade")),
            ring.recorder().statuses());

        final List<DecodedTrade> trades = ring.recorder().trades();
        final Map<Integer, List<Long>> ids = idsByInstrument(trades);
        assertEquals(2, ids.size(), "both instruments trade");
        ids.forEach((instrumentId, sequence) ->
        {
            for (int i = 1; i < sequence.size(); i++)
            {
                assertEquals(sequence.get(i - 1) + 1, sequence.get(i), "instrument " + instrumentId + " at " + i);
            }
        });
        final long now = ring.clock().nanoTime();
        for (final DecodedTrade trade : trades)
        {
            assertEquals(Venue.BINANCE, trade.venue());
            assertTrue(trade.exchangeTimeNanos() > now - TimeUnit.MINUTES.toNanos(1), trade.toString());
            assertTrue(trade.receiveTimeNanos() >= trade.exchangeTimeNanos() - TimeUnit.SECONDS.toNanos(1));
            assertEquals(8, trade.price().length() - trade.price().indexOf('.') - 1, trade.price());
        }
        assertEquals(0, feed.counters().decodeErrors());
        assertEquals(0, feed.counters().ignored());
        assertEquals(0, simulator.counters().messagesDropped());
        assertTrue(feed.counters().events() >= trades.size());

        feed.close();
        Tests.await(() -> !statusesWith(VenueStatusCode.DISCONNECTED).isEmpty(), TIMEOUT, this::describe);
        assertEquals("feed closed", statusesWith(VenueStatusCode.DISCONNECTED).get(0).reason());
    }

    @Test
    void shouldReconnectAndResubscribeAfterTheVenueDropsTheConnection()
    {
        simulator = BinanceSimulator.launch(new BinanceSimulatorContext().messagesPerSecond(1_000));
        feed = VenueFeed.launch(settings(simulator.webSocketUri(), "BTC-USDT", "ETH-USDT"), feedContext());
        awaitTrades(200);

        simulator.dropAllConnections();

        Tests.await(() -> statusesWith(VenueStatusCode.SUBSCRIBED).size() == 4, TIMEOUT, this::describe);
        final int afterReconnect = ring.recorder().trades().size();
        awaitTrades(afterReconnect + 200);

        assertEquals(List.of(VenueStatusCode.CONNECTED, VenueStatusCode.SUBSCRIBED, VenueStatusCode.SUBSCRIBED,
            VenueStatusCode.DISCONNECTED, VenueStatusCode.CONNECTED, VenueStatusCode.SUBSCRIBED,
            VenueStatusCode.SUBSCRIBED), ring.recorder().statuses().stream().map(DecodedStatus::code).toList());
        assertEquals("connection closed by venue", statusesWith(VenueStatusCode.DISCONNECTED).get(0).reason());
        assertTrue(feed.counters().reconnects() >= 1, feed.counters().toString());
        assertEquals(2, feed.counters().connections());
        assertEquals(2, simulator.counters().connectionsAccepted());
        idsByInstrument(ring.recorder().trades()).forEach((instrumentId, sequence) ->
        {
            assertTrue(sequence.size() > 100, "instrument " + instrumentId + " traded " + sequence.size());
            for (int i = 1; i < sequence.size(); i++)
            {
                assertTrue(sequence.get(i) > sequence.get(i - 1), "instrument " + instrumentId + " at " + i);
            }
        });
    }

    @Test
    void shouldAnswerVenuePingsWithTheirPayloadAndStayConnected()
    {
        simulator = BinanceSimulator.launch(new BinanceSimulatorContext()
            .messagesPerSecond(100).pingIntervalMs(50).pongTimeoutMs(2_000));
        feed = VenueFeed.launch(settings(simulator.webSocketUri(), "BTC-USDT"), feedContext());

        Tests.await(() -> simulator.counters().pongsReceived() >= 10, TIMEOUT, this::describe);

        assertEquals(1, feed.counters().connections());
        assertEquals(0, feed.counters().reconnects());
        assertEquals(1, simulator.counters().connectionsAccepted());
    }

    @Test
    void shouldKeepReconnectingUntilTheVenueComesUp() throws Exception
    {
        final int port;
        try (ServerSocket probe = new ServerSocket(0))
        {
            port = probe.getLocalPort();
        }
        feed = VenueFeed.launch(settings("ws://127.0.0.1:" + port, "BTC-USDT"),
            feedContext().reconnectInitialDelayMs(20).reconnectMaxDelayMs(100));
        Tests.await(() -> feed.counters().reconnects() >= 3, TIMEOUT, this::describe);
        assertTrue(ring.recorder().statuses().isEmpty(), "no status while no session ever opened");

        simulator = BinanceSimulator.launch(new BinanceSimulatorContext().port(port).messagesPerSecond(500));

        awaitTrades(50);
        assertEquals(1, statusesWith(VenueStatusCode.CONNECTED).size());
    }

    @Test
    void shouldStreamOverTlsAndSendTheServerName(@TempDir final Path dir) throws Exception
    {
        final TestCertificates certificates = TestCertificates.forLocalhost(dir);
        simulator = BinanceSimulator.launch(new BinanceSimulatorContext()
            .messagesPerSecond(500).sslContext(certificates.serverContext()));
        feed = VenueFeed.launch(settings("wss://localhost:" + simulator.port(), "BTC-USDT"),
            feedContext().sslContext(certificates.clientContext()));

        awaitTrades(100);

        assertEquals("wss", feed.uri().getScheme());
        assertEquals("localhost", simulator.counters().lastServerName());
        assertEquals(0, feed.counters().decodeErrors());
    }

    private static VenueSettings settings(final String webSocketUri, final String... symbols)
    {
        return new VenueSettings(new BinanceAdapter(), Map.of("ws.url", webSocketUri, "rest.url", "",
            "symbols", String.join(",", symbols), "channels", "trade"));
    }

    private FeedContext feedContext()
    {
        return new FeedContext()
            .ringBuffer(ring.ringBuffer())
            .instrumentRegistry(ring.registry())
            .controlEventPublisher(ring.publisher())
            .clock(ring.clock())
            .reconnectInitialDelayMs(50)
            .reconnectMaxDelayMs(500)
            .random(new SplittableRandom(1));
    }

    private void awaitTrades(final int count)
    {
        Tests.await(() -> ring.recorder().trades().size() >= count, TIMEOUT, this::describe);
    }

    private List<DecodedStatus> statusesWith(final VenueStatusCode code)
    {
        return ring.recorder().statuses().stream().filter(status -> status.code() == code).toList();
    }

    private String describe()
    {
        return "feed " + (feed == null ? "-" : feed.counters()) + "; simulator " +
            (simulator == null ? "-" : simulator.counters()) + "; statuses " + ring.recorder().statuses();
    }

    private static Map<Integer, List<Long>> idsByInstrument(final List<DecodedTrade> trades)
    {
        final Map<Integer, List<Long>> ids = new HashMap<>();
        for (final DecodedTrade trade : trades)
        {
            ids.computeIfAbsent(trade.instrumentId(), id -> new ArrayList<>())
                .add(Long.parseLong(trade.venueTradeId()));
        }
        return ids;
    }
}
