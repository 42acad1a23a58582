package zvt.crypto.feed.runner;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import zvt.crypto.core.codec.VenueStatusCode;
import zvt.crypto.core.test.Tests;
import zvt.crypto.feed.connection.FeedContext;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.feed.simulator.VenueSimulators;
import zvt.crypto.feed.test.DecodedStatus;
import zvt.crypto.feed.test.TestRing;
import zvt.crypto.feed.venue.Keepalive;
import zvt.crypto.feed.venue.VenueAdapter;
import zvt.crypto.feed.venue.VenueRegistry;
import zvt.crypto.feed.venue.VenueSettings;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stall, on every venue: the venue's simulator stops (no frames, no pings, no answers; sockets open).
 * The feed probes the silent session in the venue's own way, finds it dead, marks its book stale with a status and
 * reconnects; once the venue is back the book resyncs. The thresholds are shortened from the venues' own (10–25 s)
 * so the test takes seconds.
 */
class SilenceWatchdogTest
{
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private final TestRing ring = new TestRing(1 << 14);
    private VenueSimulators simulators;
    private VenueFeed feed;

    @AfterEach
    void close()
    {
        if (feed != null)
        {
            feed.close();
        }
        if (simulators != null)
        {
            simulators.close();
        }
        ring.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"binance, depth@100ms", "okx, books", "bybit, orderbook.50", "coinbase, level2"})
    void shouldMarkTheBookStaleAndReconnectWhenTheVenueStallsThenResync(final String venue, final String channel)
    {
        final VenueAdapter adapter = VenueRegistry.byName(venue);
        simulators = VenueSimulators.launch(List.of(adapter.venue()), new BinanceSimulatorContext()
            .port(0).messagesPerSecond(500));
        final Map<String, String> settings = new HashMap<>(simulators.feedSettings(adapter.venue()));
        settings.put("channels", channel);
        settings.put("symbols", adapter.defaults().get("symbols").split(",")[0]);
        final Keepalive venueKeepalive = adapter.keepalive();
        feed = VenueFeed.launch(new VenueSettings(adapter, settings), new FeedContext()
            .ringBuffer(ring.ringBuffer())
            .instrumentRegistry(ring.registry())
            .controlEventPublisher(ring.publisher())
            .reconnectInitialDelayMs(50)
            .reconnectMaxDelayMs(200)
            .keepalive(new Keepalive(venueKeepalive.intervalMs(), venueKeepalive.message(), 300,
                venueKeepalive.probe(), 300)));
        final int book = feed.instruments().getFirst().id();
        Tests.await(() -> count(book, VenueStatusCode.RESYNCED) == 1, TIMEOUT, this::describe);

        simulators.simulator(adapter.venue()).stall(3_000);

        Tests.await(() -> ring.recorder().statuses().stream().anyMatch(status -> status.instrumentId() == book &&
            status.code() == VenueStatusCode.GAP_DETECTED && status.reason().contains("silent")), TIMEOUT,
            this::describe);
        Tests.await(() -> count(book, VenueStatusCode.RESYNCED) >= 2, TIMEOUT, this::describe);
        assertTrue(feed.counters().reconnects() >= 1, feed.counters().toString());
    }

    private long count(final int instrumentId, final VenueStatusCode code)
    {
        return ring.recorder().statuses().stream()
            .filter(status -> status.instrumentId() == instrumentId && status.code() == code).count();
    }

    private String describe()
    {
        return "statuses " + ring.recorder().statuses().stream().map(DecodedStatus::toString).toList() + "; feed " +
            (feed == null ? "-" : feed.counters() + " " + feed.syncCounters());
    }
}
