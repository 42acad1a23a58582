package zvt.crypto.feed.binance;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.VenueStatusCode;
import zvt.crypto.core.test.Tests;
import zvt.crypto.feed.connection.FeedContext;
import zvt.crypto.feed.runner.VenueFeed;
import zvt.crypto.feed.venue.Keepalive;
import zvt.crypto.feed.venue.VenueSettings;
import zvt.crypto.feed.book.SnapshotCallback;
import zvt.crypto.feed.test.DecodedStatus;
import zvt.crypto.feed.test.TestRing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Connection lifecycle of the Binance feed against a loopback WebSocket server: sharding, pacing, replacement. */
class BinanceFeedLifecycleTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final StubBinanceServer server = new StubBinanceServer();
    private final TestRing ring = new TestRing(1 << 12);
    private final List<Integer> snapshotRequests = new CopyOnWriteArrayList<>();
    private final List<SnapshotCallback> snapshotCallbacks = new CopyOnWriteArrayList<>();
    private VenueFeed feed;

    @AfterEach
    void close()
    {
        if (feed != null)
        {
            feed.close();
        }
        ring.close();
        server.close();
    }

    @Test
    void shouldRefuseTradeAndAggTradeTogetherSoNoExecutionIsCountedTwice()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> VenueFeed.launch(settings(List.of("BTC-USDT"), List.of("trade", "aggTrade")), context()));
        assertTrue(ex.getMessage().contains("trade or aggTrade"), ex.getMessage());
    }

    @Test
    void shouldShardStreamsOverConnectionsAndSubscribeWhatTheUrlCannotHoldAtAPacedRate()
    {
        final List<String> symbols = new ArrayList<>();
        for (int i = 0; i < 150; i++)
        {
            symbols.add("SYMBOL" + i + "-USDT");
        }
        feed = VenueFeed.launch(settings(symbols, List.of("trade", "bookTicker")),
            context().maxStreamsPerConnection(200).controlMessagesPerSecond(2));

        assertEquals(2, feed.connectionCount());
        Tests.await(() -> server.sessions().size() == 2, TIMEOUT, () -> "sessions " + server.sessions());
        // 300 streams: 200 + 100; what does not fit a URL of 2,000 characters is subscribed with requests.
        final List<String> subscribed = new ArrayList<>();
        Tests.await(() -> streamsOf(subscribed) == 300, TIMEOUT, () -> subscribed.size() + " streams");
        for (final StubBinanceServer.Session session : server.sessions())
        {
            assertTrue(session.uri().length() <= 2_000, session.uri());
        }
        final long requests = server.sessions().stream().mapToLong(session -> session.received().size()).sum();
        assertTrue(requests >= 1, "the first connection cannot carry 200 streams in its URL");
    }

    @Test
    void shouldReplaceTheSessionOnServerShutdownWithoutLosingOrDoublingTrades()
    {
        feed = VenueFeed.launch(settings(List.of("BTC-USDT"), List.of("trade")), context().sessionOverlapMs(3_000));
        Tests.await(() -> server.openSessions().size() == 1, TIMEOUT, () -> server.sessions().toString());
        final StubBinanceServer.Session first = server.openSessions().getFirst();
        first.send(trade(1));
        first.send("{\"stream\":\"!serverShutdown\",\"data\":{\"e\":\"serverShutdown\",\"E\":1700000000000}}");

        Tests.await(() -> server.sessions().size() == 2, TIMEOUT, () -> server.sessions().toString());
        final StubBinanceServer.Session second = server.sessions().get(1);
        // Both sessions deliver the same trades during the overlap.
        for (int id = 2; id <= 4; id++)
        {
            first.send(trade(id));
            second.send(trade(id));
        }
        Tests.await(() -> !first.channel().isActive(), TIMEOUT, () -> "the replaced session must close");
        second.send(trade(5));
        Tests.await(() -> ring.recorder().trades().size() == 5, TIMEOUT, () -> ring.recorder().trades().toString());

        assertEquals(List.of("1", "2", "3", "4", "5"),
            ring.recorder().trades().stream().map(trade -> trade.venueTradeId()).toList());
        assertEquals(3, feed.syncCounters().duplicates());
        assertTrue(ring.recorder().statuses().stream().noneMatch(s -> s.code() == VenueStatusCode.DISCONNECTED),
            () -> ring.recorder().statuses().toString());
        assertEquals(2, feed.counters().connections());
        assertTrue(feed.isConnected());
    }

    @Test
    void shouldReplaceASessionBeforeItReachesItsMaximumAge()
    {
        feed = VenueFeed.launch(settings(List.of("BTC-USDT"), List.of("trade")),
            context().maxSessionAgeMs(400).sessionOverlapMs(100));

        Tests.await(() -> server.sessions().size() >= 3, TIMEOUT, () -> server.sessions().toString());
        Tests.await(() -> server.openSessions().size() == 1, TIMEOUT, () -> server.openSessions().toString());
        assertTrue(!server.sessions().getFirst().channel().isActive(), "the oldest session must be closed");
        assertTrue(ring.recorder().statuses().stream().noneMatch(s -> s.code() == VenueStatusCode.DISCONNECTED),
            () -> ring.recorder().statuses().toString());
        assertEquals(0, feed.counters().reconnects(), "a planned replacement is not a reconnect");
    }

    @Test
    void shouldMarkTheBookStaleWhenItsStreamIsLostAndResyncAfterReconnecting()
    {
        feed = VenueFeed.launch(settings(List.of("BTC-USDT"), List.of("depth@100ms")), context(),
            (instrumentId, symbol, callback) ->
            {
                snapshotRequests.add(instrumentId);
                snapshotCallbacks.add(callback);
            });
        final int id = feed.instruments().getFirst().id();
        Tests.await(() -> server.openSessions().size() == 1, TIMEOUT, () -> server.sessions().toString());
        server.openSessions().getFirst().send(depth(101, 102));
        Tests.await(() -> snapshotRequests.size() == 1, TIMEOUT, () -> snapshotRequests.toString());
        answerOnLoop(id, 100);
        Tests.await(() -> statuses(VenueStatusCode.RESYNCED) == 1, TIMEOUT,
            () -> ring.recorder().statuses().toString());

        server.openSessions().getFirst().channel().close().syncUninterruptibly(); // else it may still look open below
        Tests.await(() -> statuses(VenueStatusCode.GAP_DETECTED) == 1, TIMEOUT,
            () -> ring.recorder().statuses().toString());
        Tests.await(() -> server.openSessions().size() == 1, TIMEOUT, () -> server.sessions().toString());
        server.openSessions().getFirst().send(depth(140, 141));
        Tests.await(() -> snapshotRequests.size() == 2, TIMEOUT, () -> snapshotRequests.toString());
        answerOnLoop(id, 139);
        Tests.await(() -> statuses(VenueStatusCode.RESYNCED) == 2, TIMEOUT,
            () -> ring.recorder().statuses().toString());

        final DecodedStatus gap = ring.recorder().statuses().stream()
            .filter(status -> status.code() == VenueStatusCode.GAP_DETECTED).findFirst().orElseThrow();
        assertEquals(id, gap.instrumentId());
        assertTrue(gap.reason().startsWith("stream lost"), gap.reason());
        assertEquals(1, feed.syncCounters().gaps());
        assertEquals(2, feed.syncCounters().resyncs());
    }

    @Test
    void shouldProbeASilentSessionThenMarkItsBookStaleAndReconnectWhenTheProbeGoesUnanswered()
    {
        feed = VenueFeed.launch(settings(List.of("BTC-USDT"), List.of("depth@100ms")),
            context().keepalive(new Keepalive(0, null, 300, null, 200)),
            (instrumentId, symbol, callback) ->
            {
                snapshotRequests.add(instrumentId);
                snapshotCallbacks.add(callback);
            });
        final int id = feed.instruments().getFirst().id();
        Tests.await(() -> server.openSessions().size() == 1, TIMEOUT, () -> server.sessions().toString());
        final StubBinanceServer.Session first = server.openSessions().getFirst();
        first.send(depth(101, 102));
        Tests.await(() -> snapshotRequests.size() == 1, TIMEOUT, () -> snapshotRequests.toString());
        answerOnLoop(id, 100);
        Tests.await(() -> statuses(VenueStatusCode.RESYNCED) == 1, TIMEOUT,
            () -> ring.recorder().statuses().toString());

        first.stall(); // no frames, no pongs, socket open
        Tests.await(() -> statuses(VenueStatusCode.GAP_DETECTED) == 1, TIMEOUT,
            () -> ring.recorder().statuses().toString());
        Tests.await(() -> server.openSessions().size() == 1 && server.sessions().size() == 2, TIMEOUT,
            () -> server.sessions().toString());

        final DecodedStatus disconnected = ring.recorder().statuses().stream()
            .filter(status -> status.code() == VenueStatusCode.DISCONNECTED).findFirst().orElseThrow();
        assertEquals("silent: no frame for 300 ms and none within 200 ms of a probe", disconnected.reason());
        assertTrue(first.channel().isActive() || server.sessions().get(1).channel().isActive());
        assertTrue(feed.counters().reconnects() >= 1);
    }

    @Test
    void shouldKeepAQuietSessionThatAnswersItsProbes() throws InterruptedException
    {
        feed = VenueFeed.launch(settings(List.of("BTC-USDT"), List.of("trade")),
            context().keepalive(new Keepalive(0, null, 100, null, 200)));
        Tests.await(() -> server.openSessions().size() == 1, TIMEOUT, () -> server.sessions().toString());
        Thread.sleep(1_000); // ten silences, each probed and answered by the stub's pongs

        assertEquals(1, server.sessions().size());
        assertEquals(0, feed.counters().reconnects());
    }

    private void answerOnLoop(final int id, final long lastUpdateId)
    {
        final byte[] body = ("{\"lastUpdateId\":" + lastUpdateId +
            ",\"bids\":[[\"1.00\",\"2\"]],\"asks\":[[\"1.10\",\"3\"]]}")
            .getBytes(StandardCharsets.US_ASCII);
        final SnapshotCallback callback = snapshotCallbacks.getLast();
        // Snapshot answers run on the feed's event loop, as the REST source delivers them.
        feed.eventLoop().execute(() -> callback.onSnapshot(id, new UnsafeBuffer(body), 0, body.length));
    }

    private long statuses(final VenueStatusCode code)
    {
        return ring.recorder().statuses().stream().filter(status -> status.code() == code).count();
    }

    private int streamsOf(final List<String> into)
    {
        into.clear();
        for (final StubBinanceServer.Session session : server.sessions())
        {
            final String uri = session.uri();
            into.addAll(List.of(uri.substring(uri.indexOf("streams=") + 8).split("/")));
            for (final String request : session.received())
            {
                final String params = request.substring(request.indexOf('[') + 1, request.indexOf(']'));
                into.addAll(List.of(params.replace("\"", "").split(",")));
            }
        }
        return (int)into.stream().distinct().count();
    }

    private VenueSettings settings(final List<String> symbols, final List<String> channels)
    {
        return new VenueSettings(new BinanceAdapter(), Map.of("ws.url", server.webSocketUri(), "rest.url", "",
            "symbols", String.join(",", symbols), "channels", String.join(",", channels)));
    }

    private FeedContext context()
    {
        return new FeedContext()
            .reconnectInitialDelayMs(50)
            .reconnectMaxDelayMs(200)
            .ringBuffer(ring.ringBuffer())
            .instrumentRegistry(ring.registry())
            .controlEventPublisher(ring.publisher());
    }

    private static String trade(final long id)
    {
        return "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1700000000000,\"s\":\"BTCUSDT\"," +
            "\"t\":" + id +
            ",\"p\":\"100.0\",\"q\":\"1\",\"T\":1700000000000,\"m\":false,\"M\":true}}";
    }

    private static String depth(final long first, final long last)
    {
        return "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1700000000000," +
            "\"s\":\"BTCUSDT\"," +
            "\"U\":" + first + ",\"u\":" + last + ",\"b\":[[\"1.01\",\"1\"]],\"a\":[]}}";
    }
}
