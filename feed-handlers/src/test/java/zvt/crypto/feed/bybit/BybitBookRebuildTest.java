package zvt.crypto.feed.bybit;

import com.fasterxml.jackson.databind.JsonNode;
import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import zvt.crypto.core.book.OrderBook;
import zvt.crypto.core.book.OrderBookEventHandler;
import zvt.crypto.core.book.ReferenceBook;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.feed.book.BookSync;
import zvt.crypto.feed.book.SyncCounters;
import zvt.crypto.feed.connection.FeedCounters;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.venue.FrameDecoder;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Books rebuilt from every recorded Bybit order-book stream (depth above 1), decoded by the adapter's decoder,
 * sequenced by the feed's book sync and applied through the ring by core's {@link OrderBookEventHandler}, never
 * cross and equal a naive {@link ReferenceBook} built from the same JSON after every book message. The ring is
 * polled on the test thread after each frame, so the comparison is exact per message.
 */
class BybitBookRebuildTest
{
    @Test
    void shouldRebuildEveryRecordedBookEqualToTheReferenceAfterEveryMessage()
    {
        long comparisons = 0;
        int books = 0;
        for (final Path file : BybitRecordings.files())
        {
            final List<String> frames = BybitRecordings.lines(file);
            if (frames.stream().noneMatch(BybitBookRebuildTest::isDeepBook))
            {
                continue;
            }
            final Map<String, Integer> symbols = BybitRecordings.symbols(frames);
            final Rig rig = new Rig(BybitRecordings.group(file));
            symbols.forEach((symbol, id) -> rig.instrument(symbol, id, file));
            final Map<Integer, ReferenceBook> references = new HashMap<>();
            for (final String frame : frames)
            {
                rig.deliver(frame);
                if (!isDeepBook(frame))
                {
                    continue;
                }
                final JsonNode root = ReferenceBybitDecoder.parse(frame);
                final int id = symbols.get(ReferenceBybitDecoder.symbol(root));
                final JsonNode data = root.get("data");
                final boolean replaces = root.get("type").asText().equals("snapshot") || data.get("u").asLong() == 1;
                if (!replaces && !references.containsKey(id))
                {
                    continue; // no snapshot yet: the book sync waits for one too
                }
                final ReferenceBook reference = references.computeIfAbsent(id, k -> new ReferenceBook());
                if (replaces)
                {
                    reference.clear();
                }
                for (final JsonNode level : data.get("b"))
                {
                    reference.set(true, new BigDecimal(level.get(0).asText()), new BigDecimal(level.get(1).asText()));
                }
                for (final JsonNode level : data.get("a"))
                {
                    reference.set(false, new BigDecimal(level.get(0).asText()), new BigDecimal(level.get(1).asText()));
                }
                final OrderBook book = rig.books.bookOrNull(id);
                assertNotNull(book, file + " book " + id);
                assertFalse(reference.isCrossed(), file + " reference crossed");
                assertFalse(book.isCrossed(), file + " book crossed at u=" + data.get("u"));
                assertTrue(book.isServable(), file + " book " + id + " not servable");
                final String where = file + " u=" + data.get("u");
                assertEquals(reference.levels(true), ReferenceBook.levels(book, true), where + " bids");
                assertEquals(reference.levels(false), ReferenceBook.levels(book, false), where + " asks");
                comparisons++;
            }
            books += references.size();
            assertEquals(0, rig.counters.decodeErrors());
            assertEquals(0, rig.syncCounters.gaps(), file + " gaps");
            rig.close();
        }
        assertTrue(comparisons > 1_000, "book comparisons " + comparisons);
        System.out.println("bybit books: " + books + " books, " + comparisons + " messages compared, 0 crossed");
    }

    private static boolean isDeepBook(final String frame)
    {
        return frame.contains("\"topic\":\"orderbook.") && !frame.contains("\"topic\":\"orderbook.1.");
    }

    /** Decoder, publisher and book sync over a bare ring polled on the caller's thread. */
    private static final class Rig
    {
        final RingBuffer<MarketEvent> ring =
            RingBuffer.createSingleProducer(MarketEvent::new, 1 << 14, new YieldingWaitStrategy());
        final EventPoller<MarketEvent> poller = ring.newPoller();
        final OrderBookEventHandler books = new OrderBookEventHandler();
        final FeedCounters counters = new FeedCounters(new CountersRegistry(), "test");
        final SyncCounters syncCounters = new SyncCounters(new CountersRegistry(), "test");
        final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        final BybitAdapter adapter = new BybitAdapter();
        final FeedPublisher publisher;
        final BookSync sync;
        final FrameDecoder decoder;
        final int group;

        Rig(final int group)
        {
            this.group = group;
            ring.addGatingSequences(poller.getSequence());
            publisher = new FeedPublisher(Venue.BYBIT, ring, counters, syncCounters, adapter.decodeErrors());
            sync = new BookSync(Venue.BYBIT, ring, new ControlEventPublisher(ring, () -> 1L), timers, () -> 1L,
                syncCounters, adapter::newChecksum);
            publisher.books(sync);
            decoder = adapter.newDecoder(publisher);
        }

        void instrument(final String symbol, final int id, final Path file)
        {
            publisher.addSymbol(group, symbol, id);
            sync.addInstrument(id, symbol, adapter.newBookRule(
                Instrument.of(id, Venue.BYBIT, BybitRecordings.marketType(file), symbol, symbol)));
        }

        void deliver(final String frame)
        {
            final byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
            publisher.beginFrame(1, group, 1L);
            decoder.decode(new UnsafeBuffer(bytes), 0, bytes.length);
            publisher.endFrame();
            try
            {
                poller.poll((event, sequence, endOfBatch) ->
                {
                    books.onEvent(event, sequence, endOfBatch);
                    return true;
                });
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        }

        void close()
        {
            timers.shutdownNow();
        }
    }
}
