package zvt.crypto.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.codec.BookUpdateKind;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.codec.VenueStatusCode;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.gateway.GatewayHarness.BookLevel;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static zvt.crypto.gateway.GatewayHarness.subscribe;

/**
 * The "book" channel over loopback: a snapshot of the node's book first, then the deltas after it by journal index,
 * and a stale status and a fresh snapshot around a gap. Clients here rebuild books exactly as docs describe and are
 * compared with the book the test published.
 */
class BookSnapshotFanoutTest
{
    private static final int CLIENTS = 6;

    private final GatewayHarness harness = new GatewayHarness(new GatewayContext());
    private final ClientBook reference = new ClientBook();

    @AfterEach
    void close()
    {
        harness.close();
    }

    @Test
    void shouldLetAClientThatJoinsAtAnyMomentRebuildTheNodesBook() throws InterruptedException
    {
        long sequence = 1;
        final List<BookLevel> initial = new ArrayList<>();
        for (int i = 0; i < 20; i++)
        {
            initial.add(new BookLevel(Side.BUY, 999 - i, 1 + i % 3));
            initial.add(new BookLevel(Side.SELL, 1001 + i, 1 + i % 4));
        }
        publish(BookUpdateKind.SNAPSHOT, sequence, initial);

        // Deltas flow until every client has joined, at random moments, so each snapshot is taken mid-stream.
        final AtomicLong lastSequence = new AtomicLong(sequence);
        final AtomicBoolean publishing = new AtomicBoolean(true);
        final Thread publisher = new Thread(() ->
        {
            final SplittableRandom random = new SplittableRandom(42);
            while (publishing.get())
            {
                final List<BookLevel> levels = new ArrayList<>();
                for (int n = 1 + random.nextInt(3); n > 0; n--)
                {
                    final boolean bid = random.nextBoolean();
                    levels.add(new BookLevel(bid ? Side.BUY : Side.SELL,
                        bid ? 900 + random.nextInt(100) : 1001 + random.nextInt(100), random.nextInt(6)));
                }
                publish(BookUpdateKind.DELTA, lastSequence.incrementAndGet(), levels);
                LockSupport.parkNanos(20_000);
            }
        }, "book-publisher");
        publisher.start();

        final SplittableRandom random = new SplittableRandom(7);
        final List<TestClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++)
        {
            Thread.sleep(random.nextInt(1, 30));
            final TestClient client = harness.connect();
            assertEquals("subscribed", client.request(subscribe("book", "BINANCE", "BTC-USDT")).path("type").asText());
            clients.add(client);
        }
        Thread.sleep(20);
        publishing.set(false);
        publisher.join();
        final long last = lastSequence.incrementAndGet();
        publish(BookUpdateKind.DELTA, last, List.of(new BookLevel(Side.BUY, 950, 9)));

        for (final TestClient client : clients)
        {
            final ClientBook book = new ClientBook();
            while (book.sequence < last)
            {
                book.apply(client.nextJson());
            }
            assertTrue(book.snapshots == 1 && book.good, "one snapshot, no gap");
            assertTrue(book.snapshotSequence > 1 && book.deltasApplied > 0,
                "joined mid-stream: snapshot at venue sequence " + book.snapshotSequence + ", then " +
                book.deltasApplied + " deltas, of " + last);
            assertEquals(reference.bids, book.bids, "bids");
            assertEquals(reference.asks, book.asks, "asks");
        }
    }

    @Test
    void shouldSendStaleOnAGapAndAFreshSnapshotOnceTheBookIsGoodAgain()
    {
        final TestClient early = harness.connect();
        assertEquals("subscribed", early.request(subscribe("book", "BINANCE", "BTC-USDT")).path("type").asText());
        final long first = publish(BookUpdateKind.SNAPSHOT, 1, List.of(new BookLevel(Side.BUY, 990, 1)));
        final JsonNode waiting = early.nextJson();
        assertEquals("book_status", waiting.path("type").asText(), "subscribed before any snapshot: " + waiting);
        assertEquals("stale", waiting.path("state").asText());
        final JsonNode initial = early.nextJson();
        assertEquals("book_snapshot", initial.path("type").asText(), initial.toString());
        assertEquals(first, initial.path("journalIndex").asLong());
        assertEquals(1, initial.path("sequence").asLong());

        final TestClient client = harness.connect();
        assertEquals("subscribed", client.request(subscribe("book", "BINANCE", "BTC-USDT")).path("type").asText());
        final long delta = publish(BookUpdateKind.DELTA, 2, List.of(new BookLevel(Side.SELL, 1010, 2)));
        final JsonNode snapshot = client.nextJson();
        assertEquals("book_snapshot", snapshot.path("type").asText(), snapshot.toString());
        assertEquals("[[\"99.0\",\"1\"]]", snapshot.path("bids").toString());
        assertEquals("[]", snapshot.path("asks").toString());
        assertTrue(snapshot.path("journalIndex").asLong() < delta, "the delta follows the snapshot by index");
        assertEquals(delta, client.nextJson().path("journalIndex").asLong());

        final ControlEventPublisher status = new ControlEventPublisher(harness.ringBuffer(), new SystemEpochNanoClock());
        status.publishStatus(Venue.BINANCE, harness.btcBinance.id(), VenueStatusCode.GAP_DETECTED, "sequence gap");
        final JsonNode stale = client.nextJson();
        assertEquals("book_status", stale.path("type").asText(), stale.toString());
        assertEquals("stale", stale.path("state").asText());
        assertEquals("BTC-USDT", stale.path("symbol").asText());

        publish(BookUpdateKind.DELTA, 5, List.of(new BookLevel(Side.BUY, 991, 7))); // cannot follow a stale book
        final long resync = publish(BookUpdateKind.SNAPSHOT, 10,
            List.of(new BookLevel(Side.BUY, 980, 3), new BookLevel(Side.SELL, 1020, 4)));
        final JsonNode fresh = client.nextJson();
        assertEquals("book_snapshot", fresh.path("type").asText(), "the stale delta was not sent: " + fresh);
        assertEquals(resync, fresh.path("journalIndex").asLong());
        assertEquals(10, fresh.path("sequence").asLong());
        assertEquals("[[\"98.0\",\"3\"]]", fresh.path("bids").toString());
        assertEquals("[[\"102.0\",\"4\"]]", fresh.path("asks").toString());
        final long after = publish(BookUpdateKind.DELTA, 11, List.of(new BookLevel(Side.BUY, 981, 1)));
        final JsonNode next = client.nextJson();
        assertEquals("book", next.path("type").asText());
        assertEquals(after, next.path("journalIndex").asLong());
    }

    @Test
    void shouldSendTheSnapshotOnANodeWithNoTraffic()
    {
        final long index = publish(BookUpdateKind.SNAPSHOT, 7, List.of(new BookLevel(Side.SELL, 1005, 2)));
        final TestClient client = harness.connect();
        assertEquals("subscribed", client.request(subscribe("book", "BINANCE", "BTC-USDT")).path("type").asText());

        // Nothing else is published: the fan-out applies the subscription on its idle timeout.
        final JsonNode snapshot = client.nextJson();
        assertEquals("book_snapshot", snapshot.path("type").asText(), snapshot.toString());
        assertEquals(index, snapshot.path("journalIndex").asLong());
        assertEquals("[[\"100.5\",\"2\"]]", snapshot.path("asks").toString());
    }

    /** Publishes a book update and applies it to the reference book. */
    private long publish(final BookUpdateKind kind, final long sequence, final List<BookLevel> levels)
    {
        synchronized (reference)
        {
            if (kind == BookUpdateKind.SNAPSHOT)
            {
                reference.bids.clear();
                reference.asks.clear();
            }
            for (final BookLevel level : levels)
            {
                reference.set(level.side() == Side.BUY, BigDecimal.valueOf(level.priceTenths(), 1),
                    BigDecimal.valueOf(level.size()));
            }
            return harness.publishBook(harness.btcBinance, kind, sequence, levels);
        }
    }

    /** A client's book, built the way docs/PROTOCOL.md tells clients to: snapshot, then deltas after its index. */
    private static final class ClientBook
    {
        final Map<BigDecimal, BigDecimal> bids = new TreeMap<>();
        final Map<BigDecimal, BigDecimal> asks = new TreeMap<>();
        long snapshotIndex = Long.MAX_VALUE;
        long sequence;
        long snapshotSequence;
        int deltasApplied;
        int snapshots;
        boolean good;

        void apply(final JsonNode message)
        {
            switch (message.path("type").asText())
            {
                case "book_snapshot" ->
                {
                    bids.clear();
                    asks.clear();
                    message.path("bids").forEach(level -> set(true, decimal(level.get(0)), decimal(level.get(1))));
                    message.path("asks").forEach(level -> set(false, decimal(level.get(0)), decimal(level.get(1))));
                    snapshotIndex = message.path("journalIndex").asLong();
                    sequence = message.path("sequence").asLong();
                    snapshotSequence = sequence;
                    snapshots++;
                    good = true;
                }
                case "book_status" -> good = false;
                case "book" ->
                {
                    if (good && message.path("journalIndex").asLong() > snapshotIndex)
                    {
                        message.path("levels").forEach(level ->
                            set("buy".equals(level.get(0).asText()), decimal(level.get(1)), decimal(level.get(2))));
                        sequence = message.path("lastSequence").asLong();
                        deltasApplied++;
                    }
                }
                default -> throw new AssertionError("unexpected message " + message);
            }
        }

        void set(final boolean bid, final BigDecimal price, final BigDecimal size)
        {
            final Map<BigDecimal, BigDecimal> side = bid ? bids : asks;
            if (size.signum() == 0)
            {
                side.remove(price.stripTrailingZeros());
            }
            else
            {
                side.put(price.stripTrailingZeros(), size.stripTrailingZeros());
            }
        }

        private static BigDecimal decimal(final JsonNode value)
        {
            return new BigDecimal(value.asText());
        }
    }
}
