package zvt.crypto.feed.coinbase;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.lmax.disruptor.EventHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.codec.BookUpdateDecoder;
import zvt.crypto.core.codec.CandleDecoder;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.TopOfBookDecoder;
import zvt.crypto.core.codec.TradeDecoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.event.EventView;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.core.ring.MarketEventRing;
import zvt.crypto.core.ring.RingContext;
import zvt.crypto.core.test.Fixtures;
import zvt.crypto.feed.book.BookSync;
import zvt.crypto.feed.book.SyncCounters;
import zvt.crypto.feed.connection.FeedCounters;
import zvt.crypto.feed.publish.FeedControl;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.test.FrameFuzzer;
import zvt.crypto.feed.test.Recordings;
import zvt.crypto.feed.venue.FrameDecoder;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A million mutations of the recorded Coinbase frames (four fifths Advanced Trade, one fifth Exchange; REST bodies
 * left out) through the adapter's decoder, the shared publisher, the book sync and the ring: no exception escapes,
 * every frame is accounted once, and the fuzz reaches every decoder and every rejection reason. A {@code sequence_num} gap (mutated
 * numbers make many) resyncs the session as the runner does: its books are lost until the next snapshot. The two
 * multi-megabyte book snapshots are cut to their best levels so a million cases stay fast.
 * {@code -Dzvt.fuzz.seed} and {@code -Dzvt.fuzz.cases} replay a failure or run longer.
 */
class CoinbaseFuzzTest
{
    private static final long RANDOM_SEED = Long.getLong("zvt.fuzz.seed", 0xC01B_A5EL);
    private static final long CASES = Long.getLong("zvt.fuzz.cases", 1_000_000L);
    private static final int MAX_SEED_BYTES = 64 << 10;
    private static final int SNAPSHOT_LEVELS = 50;

    private final AtomicLongArray eventsByTemplate = new AtomicLongArray(64);
    private final MarketEventRing ring = new MarketEventRing(
        new RingContext().ringSize(1 << 14), new TemplateCounter(eventsByTemplate), List.of()).start();
    private final FeedCounters counters = new FeedCounters();
    private final SyncCounters syncCounters = new SyncCounters();
    private final long[] errorsByReason = new long[CoinbaseDecodeError.values().length];
    private final Map<String, Integer> products = new LinkedHashMap<>();
    private final CoinbaseAdapter adapter = new CoinbaseAdapter();
    private final List<Logger> quietened = new ArrayList<>();
    private EmbeddedChannel loop;
    private FeedPublisher publisher;
    private BookSync books;
    private FrameDecoder decoder;
    private long sessionResyncs;

    @AfterEach
    void close()
    {
        ring.close();
        if (loop != null)
        {
            loop.finishAndReleaseAll();
        }
        quietened.forEach(logger -> logger.setLevel(null));
    }

    @Test
    void shouldAccountForEveryMutatedRecordedFrameWithoutLettingAnExceptionEscape()
    {
        final Path coinbase = Fixtures.dir().resolve("coinbase");
        final List<String> lines = new ArrayList<>();
        final List<byte[]> advanced = seeds(coinbase.resolve("advanced"), lines);
        final List<byte[]> exchange = seeds(coinbase.resolve("exchange"), lines);
        ReferenceCoinbaseDecoder.products(lines).forEach(product -> products.put(product, products.size() + 1));
        assertTrue(advanced.size() > 1_000 && !exchange.isEmpty(), "recorded frames under " + coinbase);
        quieten(BookSync.class, FeedPublisher.class);
        // Most cases go to the Advanced Trade frames the adapter decodes; a fifth to the Exchange frames it ignores.
        final long exchangeCases = CASES / 5;
        final long nanos = fuzz(advanced, CASES - exchangeCases) + fuzz(exchange, exchangeCases);
        ring.close();
        System.out.printf("coinbase fuzz: %,d cases in %,d ms (%,d cases/s), seed %d; %s; %s; session resyncs %d;" +
            " %s%n", CASES, TimeUnit.NANOSECONDS.toMillis(nanos), CASES * 1_000_000_000L / nanos, RANDOM_SEED,
            counters, syncCounters, sessionResyncs, errorCounts());

        long perReason = 0;
        for (final CoinbaseDecodeError reason : CoinbaseDecodeError.values())
        {
            perReason += errorsByReason[reason.ordinal()];
            assertTrue(errorsByReason[reason.ordinal()] > 0, "no frame was rejected as " + reason);
        }
        assertEquals(counters.decodeErrors(), perReason, "decode errors by reason must sum to the total");
        assertEquals(CASES, counters.events() + counters.ignored() + counters.decodeErrors());
        assertTrue(syncCounters.duplicates() > 0 && sessionResyncs > 0 && syncCounters.resyncs() > 0,
            syncCounters.toString());
        for (final int templateId : new int[]{TradeDecoder.TEMPLATE_ID, TopOfBookDecoder.TEMPLATE_ID,
            CandleDecoder.TEMPLATE_ID, BookUpdateDecoder.TEMPLATE_ID})
        {
            assertTrue(eventsByTemplate.get(templateId) > 0, "no event of template " + templateId + " published");
        }
    }

    /** @return the nanoseconds taken by {@code cases} mutations of {@code frames}. */
    private long fuzz(final List<byte[]> frames, final long cases)
    {
        final FrameFuzzer fuzzer = new FrameFuzzer(frames, RANDOM_SEED)
            .accounted(() -> counters.events() + counters.ignored() + counters.decodeErrors())
            .betweenFrames(() -> loop.runPendingTasks());
        // A fresh feed per pass over the seeds: in one feed's second pass every trade id is a duplicate.
        long nanos = 0;
        for (long done = 0; done < cases; done += frames.size())
        {
            startFeed();
            nanos += fuzzer.run(this::deliver, Math.min(frames.size(), cases - done)).nanos();
            endFeed();
        }
        return nanos;
    }

    /** The recorded frames under {@code dir} (REST bodies left out), huge snapshots trimmed; adds their text. */
    private static List<byte[]> seeds(final Path dir, final List<String> lines)
    {
        final List<byte[]> frames = new ArrayList<>();
        for (final Path file : Recordings.find(dir, "glob:**.jsonl", "glob:**/rest_*"))
        {
            for (final String line : Recordings.lines(file))
            {
                final String seed = line.length() > MAX_SEED_BYTES ? trimmedSnapshot(line) : line;
                lines.add(seed);
                frames.add(seed.getBytes(StandardCharsets.UTF_8));
            }
        }
        return frames;
    }

    /** A new decoder, publisher and book sync on a new event loop, sharing the ring and the counters. */
    private void startFeed()
    {
        loop = new EmbeddedChannel();
        loop.freezeTime();
        publisher = new FeedPublisher(Venue.COINBASE, ring.ringBuffer(), counters, syncCounters,
            adapter.decodeErrors());
        books = new BookSync(Venue.COINBASE, ring.ringBuffer(),
            new ControlEventPublisher(ring.ringBuffer(), System::nanoTime), loop.eventLoop(), System::nanoTime,
            syncCounters, adapter::newChecksum);
        publisher.books(books).control(new FeedControl()
        {
            public void rotateAll(final String reason)
            {
            }

            public void resync(final int session, final String reason)
            {
                sessionResyncs++;
                products.values().forEach(id -> books.onStreamLost(id, reason));
            }
        });
        decoder = adapter.newDecoder(publisher);
        products.forEach((product, id) ->
        {
            publisher.addSymbol(0, product, id);
            books.addInstrument(id, product,
                adapter.newBookRule(Instrument.of(id, Venue.COINBASE, MarketType.SPOT, product, product)));
        });
    }

    private void deliver(final DirectBuffer buffer, final int offset, final int length)
    {
        publisher.beginFrame(1, 0, System.nanoTime());
        decoder.decode(buffer, offset, length);
        publisher.endFrame();
    }

    private void endFeed()
    {
        for (final CoinbaseDecodeError reason : CoinbaseDecodeError.values())
        {
            errorsByReason[reason.ordinal()] += publisher.errors().count(reason);
        }
        loop.finishAndReleaseAll();
        loop = null;
    }

    /** An {@code l2_data} snapshot with only its first {@value #SNAPSHOT_LEVELS} bids and offers. */
    private static String trimmedSnapshot(final String line)
    {
        final JsonNode root = ReferenceCoinbaseDecoder.tree(line);
        for (final JsonNode event : root.path("events"))
        {
            final ArrayNode kept = ReferenceCoinbaseDecoder.MAPPER.createArrayNode();
            int bids = 0;
            int offers = 0;
            for (final JsonNode level : event.path("updates"))
            {
                final boolean bid = "bid".equals(level.path("side").asText());
                if (bid ? bids++ < SNAPSHOT_LEVELS : offers++ < SNAPSHOT_LEVELS)
                {
                    kept.add(level);
                }
            }
            ((ObjectNode)event).set("updates", kept);
        }
        return root.toString();
    }

    private String errorCounts()
    {
        final StringBuilder text = new StringBuilder("rejected:");
        for (final CoinbaseDecodeError reason : CoinbaseDecodeError.values())
        {
            text.append(' ').append(reason).append('=').append(errorsByReason[reason.ordinal()]);
        }
        return text.toString();
    }

    private void quieten(final Class<?>... classes)
    {
        // Gaps, resyncs and venue errors are logged (rate-limited); a fuzz run makes thousands on purpose.
        for (final Class<?> type : classes)
        {
            final Logger logger = (Logger)LoggerFactory.getLogger(type);
            logger.setLevel(Level.ERROR);
            quietened.add(logger);
        }
    }

    /** The journal's place: counts published events by SBE template. */
    private record TemplateCounter(AtomicLongArray eventsByTemplate) implements EventHandler<MarketEvent>
    {
        public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
        {
            if (!event.isEmpty())
            {
                eventsByTemplate.incrementAndGet(EventView.templateId(event.buffer(), 0) & 63);
            }
        }
    }
}
