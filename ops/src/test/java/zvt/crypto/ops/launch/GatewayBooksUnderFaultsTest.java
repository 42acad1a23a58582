package zvt.crypto.ops.launch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.feed.simulator.BinanceSimulatorContext;
import zvt.crypto.feed.simulator.SimulatorFaults;
import zvt.crypto.feed.simulator.StreamKind;
import zvt.crypto.feed.simulator.VenueSimulators;
import zvt.crypto.feed.venue.VenueAdapter;
import zvt.crypto.feed.venue.VenueRegistry;
import zvt.crypto.ops.config.NodeConfig;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole node on all four simulated venues with seeded faults (dropped, duplicated and malformed frames, a
 * disconnect every few seconds): clients subscribe to every book of a venue at random moments, rebuild each book
 * from its snapshot and the deltas after it, dropping it at each stale status, and whenever the markets pause, every
 * book a client holds as good equals the node's book (read over REST), on every venue.
 */
class GatewayBooksUnderFaultsTest
{
    private static final List<Venue> VENUES = List.of(Venue.BINANCE, Venue.OKX, Venue.BYBIT, Venue.COINBASE);
    private static final long SOAK_MS = 24_000;
    private static final long PAUSE_EVERY_MS = 5_000;
    private static final long PAUSE_MS = 8_000;
    private static final long QUIET_MS = 1_000;
    private static final long GOOD_BOOK_WAIT_MS = 5_000;
    private static final int JOINS = 12;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    @Test
    void shouldGiveEveryClientJoiningAtRandomTheNodesBookOnAllFourVenuesUnderFaults() throws Exception
    {
        final SimulatorFaults faults = new SimulatorFaults()
            .drop(StreamKind.DEPTH, 0.0005)
            .drop(StreamKind.TRADE, 0.0005)
            .duplicate(StreamKind.ANY, 0.002)
            .malformed(StreamKind.ANY, 0.0005)
            .disconnectEveryMs(7_000);
        try (VenueSimulators simulators = VenueSimulators.launch(VENUES, new BinanceSimulatorContext()
                .port(0).seed(29).messagesPerSecond(300).faults(faults));
             HttpClient http = HttpClient.newHttpClient())
        {
            NodeConfig config = NodeConfig.defaults(Map.of())
                .with("journal.dir", directory.resolve("journal").toString())
                .with("gateway.port", "0")
                .with("db.enabled", "false")
                .with("gateway.auth.enabled", "false")
                .with("venues", "binance,okx,bybit,coinbase")
                // The simulators drop every session after 7 s: counted as flapping (60 s default), the feeds' backoff
                // would grow to 30 s and leave a venue down for most of the soak.
                .with("feed.reconnect.stable.ms", "5000");
            for (final Venue venue : VENUES)
            {
                final VenueAdapter adapter = VenueRegistry.byName(venue.name().toLowerCase());
                for (final Map.Entry<String, String> setting : simulators.feedSettings(venue).entrySet())
                {
                    config = config.with(adapter.configName() + "." + setting.getKey(), setting.getValue());
                }
            }
            try (MarketDataNode node = MarketDataNode.launch(config, new SystemEpochNanoClock()))
            {
                final Random random = new Random(29);
                final long[] joinAt = random.longs(JOINS, 0, SOAK_MS - 4_000).sorted().toArray();
                final List<BookFollower> followers = new ArrayList<>();
                final Map<Venue, Integer> compared = new HashMap<>();
                final long start = System.currentTimeMillis();
                long nextPause = start + PAUSE_EVERY_MS;
                for (int joined = 0; System.currentTimeMillis() < start + SOAK_MS; )
                {
                    if (joined < JOINS && System.currentTimeMillis() >= start + joinAt[joined])
                    {
                        followers.add(BookFollower.join(http, node.gatewayUri(), VENUES.get(joined % VENUES.size())));
                        joined++;
                    }
                    if (System.currentTimeMillis() >= nextPause)
                    {
                        compareQuiescent(simulators, followers, http, node.gatewayUri(), compared);
                        nextPause = System.currentTimeMillis() + PAUSE_EVERY_MS;
                    }
                    Thread.sleep(20);
                }
                compareQuiescent(simulators, followers, http, node.gatewayUri(), compared);
                followers.forEach(BookFollower::close);
                System.out.println("books compared equal to the node's, per venue: " + compared);
                for (final Venue venue : VENUES)
                {
                    assertTrue(compared.getOrDefault(venue, 0) > 0, "books compared per venue: " + compared);
                }
            }
        }
    }

    /**
     * Pauses every market, waits until the clients have heard everything, and compares each book a client holds as
     * good with the node's. A book that goes stale meanwhile (a disconnect fault) must reach the client as stale.
     */
    private static void compareQuiescent(
        final VenueSimulators simulators,
        final List<BookFollower> followers,
        final HttpClient http,
        final URI gateway,
        final Map<Venue, Integer> compared) throws Exception
    {
        // A pause withholds snapshots too: a venue reconnecting as it began would have no good book to compare. So
        // the pause starts once every client holds some good book, or after a few seconds.
        final long goodBooksBy = System.currentTimeMillis() + GOOD_BOOK_WAIT_MS;
        while (System.currentTimeMillis() < goodBooksBy &&
            followers.stream().anyMatch(follower -> follower.goodBooks().isEmpty()))
        {
            Thread.sleep(20);
        }
        final long pausedUntil = System.currentTimeMillis() + PAUSE_MS;
        simulators.all().values().forEach(simulator -> simulator.pause(PAUSE_MS));
        for (final BookFollower follower : followers)
        {
            follower.awaitQuiet(QUIET_MS);
        }
        for (final BookFollower follower : followers)
        {
            final Map<String, Integer> statusesBefore = follower.staleStatuses(); // before the books: none missed
            for (final Map.Entry<String, Book> held : follower.goodBooks().entrySet())
            {
                final String name = follower.venue + " " + held.getKey();
                final HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                    "http://" + gateway.getHost() + ':' + gateway.getPort() + "/api/v1/crypto/book/" +
                    follower.venue + '/' + held.getKey())).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200)
                {
                    // e.g. a disconnect fault or a venue snapshot replacing the book: the client must hear of it
                    Thread.sleep(QUIET_MS);
                    assertTrue(follower.staleStatuses().getOrDefault(held.getKey(), 0) >
                        statusesBefore.getOrDefault(held.getKey(), 0),
                        "the node's book is not good but the client was not told: " + name + ": " + response.body() +
                        "; the client's last messages of it: " + follower.history(held.getKey()));
                    continue;
                }
                assertTrue(System.currentTimeMillis() < pausedUntil - QUIET_MS, "compared within the pause");
                final Book nodeBook = Book.of(JSON.readTree(response.body()));
                final String story = "; node at " + nodeBook.journalIndex + ", the client's last messages of it: " +
                    follower.history(held.getKey());
                assertEquals(nodeBook.bids, held.getValue().bids, name + " bids" + story);
                assertEquals(nodeBook.asks, held.getValue().asks, name + " asks" + story);
                compared.merge(follower.venue, 1, Integer::sum);
            }
        }
        Thread.sleep(Math.max(0, pausedUntil - System.currentTimeMillis())); // the market moves again
    }

    /** One side of a book: price → size, both exact. */
    private static TreeMap<BigDecimal, BigDecimal> side(final boolean bids)
    {
        return new TreeMap<>(bids ? Comparator.<BigDecimal>reverseOrder() : Comparator.<BigDecimal>naturalOrder());
    }

    private static final class Book
    {
        final TreeMap<BigDecimal, BigDecimal> bids = side(true);
        final TreeMap<BigDecimal, BigDecimal> asks = side(false);
        long journalIndex;

        static Book of(final JsonNode snapshot)
        {
            final Book book = new Book();
            book.journalIndex = snapshot.path("journalIndex").asLong();
            snapshot.path("bids").forEach(level -> book.bids.put(decimal(level.get(0)), decimal(level.get(1))));
            snapshot.path("asks").forEach(level -> book.asks.put(decimal(level.get(0)), decimal(level.get(1))));
            return book;
        }

        void apply(final JsonNode delta)
        {
            if (delta.path("journalIndex").asLong() <= journalIndex)
            {
                return;
            }
            for (final JsonNode level : delta.path("levels"))
            {
                final TreeMap<BigDecimal, BigDecimal> side = "buy".equals(level.get(0).asText()) ? bids : asks;
                final BigDecimal size = decimal(level.get(2));
                if (size.signum() == 0)
                {
                    side.remove(decimal(level.get(1)));
                }
                else
                {
                    side.put(decimal(level.get(1)), size);
                }
            }
        }

        /** Exact, whatever the scale it was written with. */
        private static BigDecimal decimal(final JsonNode text)
        {
            return new BigDecimal(text.asText()).stripTrailingZeros();
        }
    }

    /** A client of one venue's books, {@code "symbol":"*"}, keeping each book as PROTOCOL.md says a client must. */
    private static final class BookFollower implements WebSocket.Listener
    {
        private final Venue venue;
        private final Map<String, Book> books = new HashMap<>();
        private final Map<String, List<String>> history = new HashMap<>();
        private final Map<String, Integer> staleStatuses = new HashMap<>();
        private final StringBuilder partial = new StringBuilder();
        private final AtomicLong lastMessageNanos = new AtomicLong(System.nanoTime());
        private WebSocket webSocket;

        private BookFollower(final Venue venue)
        {
            this.venue = venue;
        }

        static BookFollower join(final HttpClient http, final URI uri, final Venue venue)
        {
            final BookFollower follower = new BookFollower(venue);
            follower.webSocket = http.newWebSocketBuilder().buildAsync(uri, follower).orTimeout(10, TimeUnit.SECONDS)
                .join();
            follower.webSocket.sendText("{\"op\":\"subscribe\",\"channel\":\"book\",\"venue\":\"" + venue.name() +
                "\",\"symbol\":\"*\"}", true).join();
            return follower;
        }

        public void onOpen(final WebSocket webSocket)
        {
            webSocket.request(1);
        }

        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            partial.append(data);
            if (last)
            {
                onMessage(partial.toString());
                partial.setLength(0);
                lastMessageNanos.set(System.nanoTime());
            }
            webSocket.request(1);
            return null;
        }

        private synchronized void onMessage(final String text)
        {
            try
            {
                final JsonNode message = JSON.readTree(text);
                final String symbol = message.path("symbol").asText();
                final List<String> recent = history.computeIfAbsent(symbol, ignored -> new ArrayList<>());
                recent.add(message.path("type").asText() + '@' + message.path("journalIndex").asLong() + '/' +
                    message.path("lastSequence").asLong(message.path("sequence").asLong()));
                if (recent.size() > 12)
                {
                    recent.removeFirst();
                }
                switch (message.path("type").asText())
                {
                    case "book_snapshot" -> books.put(symbol, Book.of(message));
                    case "book" ->
                    {
                        final Book book = books.get(symbol);
                        if (book != null)
                        {
                            book.apply(message);
                        }
                    }
                    case "book_status" ->
                    {
                        books.remove(symbol);
                        staleStatuses.merge(symbol, 1, Integer::sum);
                    }
                    default ->
                    {
                        // the subscription reply
                    }
                }
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(text, ex);
            }
        }

        /** Stale statuses received so far, per symbol. */
        synchronized Map<String, Integer> staleStatuses()
        {
            return new HashMap<>(staleStatuses);
        }

        synchronized List<String> history(final String symbol)
        {
            return List.copyOf(history.getOrDefault(symbol, List.of()));
        }

        synchronized Map<String, Book> goodBooks()
        {
            return new HashMap<>(books);
        }

        void awaitQuiet(final long quietMs) throws InterruptedException
        {
            while (System.nanoTime() - lastMessageNanos.get() < TimeUnit.MILLISECONDS.toNanos(quietMs))
            {
                Thread.sleep(100);
            }
        }

        void close()
        {
            webSocket.abort();
        }
    }
}
