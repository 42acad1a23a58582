package zvt.crypto.feed.binance;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.lmax.disruptor.EventHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayQueue;
import org.agrona.concurrent.UnsafeBuffer;
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
import zvt.crypto.feed.connection.FeedCounters;
import zvt.crypto.feed.book.BookSync;
import zvt.crypto.feed.book.SyncCounters;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.test.Recordings;
import zvt.crypto.feed.test.FrameFuzzer;
import zvt.crypto.feed.test.FrameMutator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A million mutations of every recorded Binance stream frame through the real adapter, depth sync and ring: no
 * exception escapes, every frame is accounted once (accepted, ignored or duplicate, or rejected with a reason), and
 * the fuzz reaches every decoder and every rejection reason. REST depth snapshots, themselves sometimes mutated,
 * answer the depth sync's requests between frames, on an event loop whose clock moves 1 ms per frame.
 * {@code -Dzvt.fuzz.seed} and {@code -Dzvt.fuzz.cases} replay a failure or run longer.
 */
class BinanceFuzzTest
{
    private static final long RANDOM_SEED = Long.getLong("zvt.fuzz.seed", 0x5EED_B1AL);
    private static final long CASES = Long.getLong("zvt.fuzz.cases", 1_000_000L);
    /** Levels per side kept from a recorded snapshot: enough to exercise the reader, small enough to stay fast. */
    private static final int SNAPSHOT_LEVELS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicLongArray eventsByTemplate = new AtomicLongArray(64);
    private final MarketEventRing ring = new MarketEventRing(
        new RingContext().ringSize(1 << 14), new TemplateCounter(eventsByTemplate), List.of()).start();
    private final FeedCounters counters = new FeedCounters();
    private final SyncCounters syncCounters = new SyncCounters();
    private final IntArrayQueue snapshotRequests = new IntArrayQueue();
    /** Rejections by reason, summed over the adapters of every round. */
    private final long[] errorsByReason = new long[BinanceFrameError.values().length];
    private EmbeddedChannel loop;
    private FeedPublisher publisher;
    private BinanceDecoder decoder;
    private BookSync depth;
    private final SplittableRandom random = new SplittableRandom(RANDOM_SEED ^ 0x5A);
    private final Map<String, Integer> symbols = new HashMap<>();
    private final Map<Integer, List<Long>> firstUpdateIds = new HashMap<>();
    private final Map<Integer, String> depthSymbols = new HashMap<>();
    private final List<String> snapshotLevels = new ArrayList<>();
    private final List<Logger> quietened = new ArrayList<>();
    private final UnsafeBuffer snapshot = new UnsafeBuffer(0, 0);
    private final FrameMutator snapshotMutator = new FrameMutator(random.split());

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
        final Path binance = Fixtures.dir().resolve("binance");
        final List<byte[]> frames = new ArrayList<>();
        // REST bodies (rest_*, *.snapshot) are not stream frames: snapshots answer the depth sync instead.
        for (final Path file : Recordings.find(binance, "glob:**.jsonl", "glob:**/rest_*", "glob:**.snapshot.jsonl"))
        {
            for (final String line : Recordings.lines(file))
            {
                frames.add(line.getBytes(StandardCharsets.UTF_8));
                register(line);
            }
        }
        for (final Path file : Recordings.find(binance, "glob:**.snapshot.jsonl"))
        {
            snapshotLevels.add(trimmedLevels(Recordings.lines(file).getFirst()));
        }
        assertTrue(frames.size() > 1_000 && !firstUpdateIds.isEmpty() && !snapshotLevels.isEmpty(),
            "recorded frames, depth updates and snapshots under " + binance);
        quieten(BookSync.class, FeedPublisher.class);

        final FrameFuzzer fuzzer = new FrameFuzzer(frames, RANDOM_SEED)
            .accounted(() -> counters.events() + counters.ignored() + counters.decodeErrors())
            .betweenFrames(this::runLoop);
        // A fresh feed per pass over the seeds: in one feed's second pass every unmutated id is a duplicate, and
        // mutated frames with the same ids would be dropped before the decoders looked at them.
        long nanos = 0;
        for (long done = 0; done < CASES; done += frames.size())
        {
            startFeed();
            nanos += fuzzer.run(this::deliver, Math.min(frames.size(), CASES - done)).nanos();
            endFeed();
        }
        ring.close();

        System.out.printf("binance fuzz: %,d cases in %,d ms (%,d cases/s), seed %d; %s; %s; %s%n",
            CASES, TimeUnit.NANOSECONDS.toMillis(nanos), CASES * 1_000_000_000L / nanos, RANDOM_SEED,
            counters, syncCounters, errorCounts());
        long perReason = 0;
        for (final BinanceFrameError reason : BinanceFrameError.values())
        {
            perReason += errorsByReason[reason.ordinal()];
            assertTrue(errorsByReason[reason.ordinal()] > 0, "no frame was rejected as " + reason);
        }
        assertEquals(counters.decodeErrors(), perReason, "decode errors by reason must sum to the total");
        assertEquals(CASES, counters.events() + counters.ignored() + counters.decodeErrors());
        assertTrue(syncCounters.duplicates() > 0 && syncCounters.duplicates() <= counters.ignored());
        assertTrue(syncCounters.resyncs() > 0 && syncCounters.gaps() > 0 && syncCounters.droppedUpdates() > 0,
            syncCounters.toString());
        for (final int templateId : new int[]{TradeDecoder.TEMPLATE_ID, TopOfBookDecoder.TEMPLATE_ID,
            CandleDecoder.TEMPLATE_ID, BookUpdateDecoder.TEMPLATE_ID})
        {
            assertTrue(eventsByTemplate.get(templateId) > 0, "no event of template " + templateId + " published");
        }
    }

    /** A new decoder, publisher and book sync on a new event loop, sharing the ring and the counters. */
    private void startFeed()
    {
        loop = new EmbeddedChannel();
        loop.freezeTime();
        publisher = new FeedPublisher(Venue.BINANCE, ring.ringBuffer(), counters, syncCounters,
            BinanceFrameError.values());
        depth = new BookSync(Venue.BINANCE, ring.ringBuffer(),
            new ControlEventPublisher(ring.ringBuffer(), System::nanoTime), loop.eventLoop(), System::nanoTime,
            syncCounters, () -> null)
            .restSnapshots((instrumentId, symbol, callback) -> snapshotRequests.addInt(instrumentId),
                new BinanceSnapshotReader());
        publisher.books(depth);
        decoder = new BinanceDecoder(publisher);
        symbols.forEach((symbol, id) -> publisher.addSymbol(BinanceAdapter.SPOT, symbol, id));
        depthSymbols.forEach((id, symbol) -> depth.addInstrument(id, symbol, new BinanceAdapter().newBookRule(
            Instrument.of(id, Venue.BINANCE, MarketType.SPOT, symbol, symbol))));
    }

    private void deliver(final DirectBuffer buffer, final int offset, final int length)
    {
        publisher.beginFrame(1, BinanceAdapter.SPOT, System.nanoTime());
        decoder.decode(buffer, offset, length);
        publisher.endFrame();
    }

    private void endFeed()
    {
        for (final BinanceFrameError reason : BinanceFrameError.values())
        {
            errorsByReason[reason.ordinal()] += publisher.errors().count(reason);
        }
        snapshotRequests.clear();
        loop.finishAndReleaseAll();
        loop = null;
    }

    /** Gives every symbol of the recording an instrument; depth symbols are followed by the depth sync. */
    private void register(final String line)
    {
        final JsonNode root = read(line);
        final JsonNode payload = root.has("data") ? root.get("data") : root;
        final String symbol = payload.path("s").textValue();
        if (symbol == null)
        {
            return;
        }
        final int id = symbols.computeIfAbsent(symbol, s -> symbols.size() + 1);
        if ("depthUpdate".equals(payload.path("e").textValue()))
        {
            depthSymbols.put(id, symbol);
            firstUpdateIds.computeIfAbsent(id, i -> new ArrayList<>()).add(payload.path("U").longValue());
        }
    }

    /**
     * The feed's event loop between frames: 1 ms passes, snapshot retries fire, and requested snapshots are answered,
     * mostly usable (the update id just before one of the instrument's recorded events), sometimes failed or mutated.
     */
    private void runLoop()
    {
        loop.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        loop.runScheduledPendingTasks();
        while (!snapshotRequests.isEmpty())
        {
            final int instrumentId = snapshotRequests.pollInt();
            if (random.nextInt(16) == 0)
            {
                depth.onSnapshotFailed(instrumentId, "fuzz: request failed");
                continue;
            }
            final List<Long> firstIds = firstUpdateIds.get(instrumentId);
            final byte[] body = ("{\"lastUpdateId\":" + (firstIds.get(random.nextInt(firstIds.size())) - 1) + "," +
                snapshotLevels.get(random.nextInt(snapshotLevels.size()))).getBytes(StandardCharsets.US_ASCII);
            if (random.nextInt(4) == 0)
            {
                final int length = snapshotMutator.mutate(snapshotMutator.index(body), snapshotMutator.pick());
                depth.onSnapshot(instrumentId, snapshotMutator.buffer(), 0, length);
            }
            else
            {
                snapshot.wrap(body);
                depth.onSnapshot(instrumentId, snapshot, 0, body.length);
            }
        }
    }

    /** {@code "bids":[..],"asks":[..]}} of a recorded snapshot, each side cut to its first levels. */
    private static String trimmedLevels(final String body)
    {
        final JsonNode snapshot = read(body);
        final StringBuilder levels = new StringBuilder();
        for (final String side : new String[]{"bids", "asks"})
        {
            final List<JsonNode> kept = new ArrayList<>();
            snapshot.get(side).forEach(level -> kept.add(level));
            final JsonNode trimmed = JSON.valueToTree(kept.subList(0, Math.min(SNAPSHOT_LEVELS, kept.size())));
            levels.append('"').append(side).append("\":").append(trimmed).append(',');
        }
        levels.setCharAt(levels.length() - 1, '}');
        return levels.toString();
    }

    private String errorCounts()
    {
        final StringBuilder text = new StringBuilder("errors");
        for (final BinanceFrameError reason : BinanceFrameError.values())
        {
            text.append(' ').append(reason).append('=').append(errorsByReason[reason.ordinal()]);
        }
        return text.toString();
    }

    private void quieten(final Class<?>... classes)
    {
        // Retries after unusable snapshots warn once each; a fuzz run makes thousands on purpose.
        for (final Class<?> type : classes)
        {
            final Logger logger = (Logger)LoggerFactory.getLogger(type);
            logger.setLevel(Level.ERROR);
            quietened.add(logger);
        }
    }

    private static JsonNode read(final String json)
    {
        try
        {
            return JSON.readTree(json);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** The journal's place: counts published events by SBE template. */
    private record TemplateCounter(AtomicLongArray eventsByTemplate) implements EventHandler<MarketEvent>
    {
        public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch)
        {
            if (!event.isEmpty())
            {
                final int templateId = EventView.templateId(event.buffer(), 0);
                eventsByTemplate.incrementAndGet(templateId & 63);
            }
        }
    }
}
