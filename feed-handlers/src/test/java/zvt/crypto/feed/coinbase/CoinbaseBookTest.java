package zvt.crypto.feed.coinbase;

import com.fasterxml.jackson.databind.JsonNode;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import zvt.crypto.core.book.OrderBook;
import zvt.crypto.core.book.OrderBookEventHandler;
import zvt.crypto.core.book.PriceLevels;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.core.ring.MarketEventRing;
import zvt.crypto.core.ring.RingContext;
import zvt.crypto.core.test.Fixtures;
import zvt.crypto.feed.book.BookSync;
import zvt.crypto.feed.book.SyncCounters;
import zvt.crypto.feed.connection.FeedCounters;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.venue.FrameDecoder;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.Comparator;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Books rebuilt from every recording holding {@code l2_data}, through the adapter's decoder and rule, the feed's
 * book sync, the ring and core's {@link OrderBookEventHandler}, never cross and equal a naive reference book
 * ({@link NaiveBook}: BigDecimal maps fed by Jackson) after every message, on every level.
 */
class CoinbaseBookTest
{
    private static final long RECEIVE_TIME = 1_700_000_000_000_000_000L;
    /** Comparing every level of a 46,000-level book after each message is slow: let the ring drain. */
    private static final long DRAIN_TIMEOUT_MS = 300_000;

    static List<Path> bookRecordings()
    {
        return CoinbaseConformanceTest.advancedRecordings().stream()
            .filter(file -> ReferenceCoinbaseDecoder.lines(file).stream().anyMatch(l -> l.contains("\"l2_data\"")))
            .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bookRecordings")
    void shouldRebuildBooksThatNeverCrossAndEqualTheReferenceAfterEveryMessage(final Path file)
    {
        final List<String> frames = ReferenceCoinbaseDecoder.lines(file);
        final Map<Integer, NaiveBook> references = new HashMap<>();
        final Queue<JsonNode> expected = new ConcurrentLinkedQueue<>();
        final AtomicLong compared = new AtomicLong();
        final AtomicReference<String> mismatch = new AtomicReference<>();
        final Map<String, Integer> ids = new HashMap<>();
        final OrderBookEventHandler handler = new OrderBookEventHandler(book ->
        {
            final JsonNode event = expected.poll();
            final NaiveBook reference = references.computeIfAbsent(book.instrumentId(), id -> new NaiveBook());
            if ("snapshot".equals(event.get("type").asText()))
            {
                reference.clear();
            }
            for (final JsonNode level : event.get("updates"))
            {
                final boolean bid = "bid".equals(level.get("side").asText());
                reference.set(bid, new BigDecimal(level.get("price_level").asText()),
                    new BigDecimal(level.get("new_quantity").asText()));
            }
            final String difference = difference(book, reference);
            if (difference != null && mismatch.get() == null)
            {
                mismatch.set("message " + compared.get() + " of " + event.get("product_id") + ": " + difference);
            }
            compared.incrementAndGet();
        });
        final MarketEventRing ring = new MarketEventRing(
            new RingContext().ringSize(1 << 16).shutdownTimeoutMs(DRAIN_TIMEOUT_MS), handler, List.of()).start();
        final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        final CoinbaseAdapter adapter = new CoinbaseAdapter();
        final SyncCounters syncCounters = new SyncCounters(new CountersRegistry(), "test");
        final FeedPublisher publisher = new FeedPublisher(Venue.COINBASE, ring.ringBuffer(),
            new FeedCounters(new CountersRegistry(), "test"), syncCounters, adapter.decodeErrors());
        final BookSync books = new BookSync(Venue.COINBASE, ring.ringBuffer(),
            new ControlEventPublisher(ring.ringBuffer(), () -> RECEIVE_TIME), timers, () -> RECEIVE_TIME, syncCounters,
            adapter::newChecksum);
        publisher.books(books);
        for (final String product : ReferenceCoinbaseDecoder.products(frames))
        {
            ids.put(product, ids.size() + 1);
            publisher.addSymbol(0, product, ids.size());
            books.addInstrument(ids.size(), product, adapter.newBookRule(
                Instrument.of(ids.size(), Venue.COINBASE, MarketType.SPOT, product, product)));
        }
        final FrameDecoder decoder = adapter.newDecoder(publisher);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
        final Set<String> started = new HashSet<>();
        long messages = 0;
        for (final String frame : frames)
        {
            final JsonNode root = ReferenceCoinbaseDecoder.tree(frame);
            if ("l2_data".equals(root.path("channel").asText()))
            {
                for (final JsonNode event : root.get("events"))
                {
                    final boolean snapshot = "snapshot".equals(event.get("type").asText());
                    if (snapshot)
                    {
                        started.add(event.get("product_id").asText());
                    }
                    if (started.contains(event.get("product_id").asText()))
                    {
                        expected.add(event);
                        messages++;
                    }
                }
            }
            final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
            buffer.wrap(bytes);
            publisher.beginFrame(1, 0, RECEIVE_TIME);
            decoder.decode(buffer, 0, bytes.length);
            publisher.endFrame();
        }
        ring.close();
        timers.shutdownNow();

        assertNull(mismatch.get());
        assertEquals(messages, compared.get(), () -> "book messages compared; rejected levels " +
            handler.rejectedLevels() + ", skipped while stale " + handler.skippedWhileStale());
        assertTrue(messages > 0);
        for (final int id : ids.values())
        {
            final OrderBook book = handler.bookOrNull(id);
            assertTrue(book == null || book.isServable(), "book " + id + " must be good");
        }
        assertEquals(0, syncCounters.gaps());
    }

    /** @return null if the fast book equals the reference level by level and neither is crossed. */
    private static String difference(final OrderBook book, final NaiveBook reference)
    {
        if (book.isCrossed() || reference.isCrossed())
        {
            return "crossed";
        }
        for (final boolean bid : new boolean[] {true, false})
        {
            final PriceLevels side = bid ? book.bids() : book.asks();
            final TreeMap<BigDecimal, BigDecimal> levels = reference.sorted(bid);
            if (side.depth() != levels.size())
            {
                return (bid ? "bids" : "asks") + " depth " + side.depth() + " != " + levels.size();
            }
            int i = 0;
            for (final Map.Entry<BigDecimal, BigDecimal> level : levels.entrySet())
            {
                if (BigDecimal.valueOf(side.price(i), -book.priceExponent()).compareTo(level.getKey()) != 0 ||
                    BigDecimal.valueOf(side.size(i), -book.sizeExponent()).compareTo(level.getValue()) != 0)
                {
                    return (bid ? "bid" : "ask") + " level " + i + " != " + level;
                }
                i++;
            }
        }
        return null;
    }

    /** The naive book: two sorted maps of exact decimals, best first; prices compare by value. */
    private static final class NaiveBook
    {
        private final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
        private final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();

        void clear()
        {
            bids.clear();
            asks.clear();
        }

        void set(final boolean bid, final BigDecimal price, final BigDecimal size)
        {
            if (size.signum() == 0)
            {
                sorted(bid).remove(price);
            }
            else
            {
                sorted(bid).put(price, size);
            }
        }

        TreeMap<BigDecimal, BigDecimal> sorted(final boolean bid)
        {
            return bid ? bids : asks;
        }

        boolean isCrossed()
        {
            return !bids.isEmpty() && !asks.isEmpty() && bids.firstKey().compareTo(asks.firstKey()) >= 0;
        }
    }
}
