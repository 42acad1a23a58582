package zvt.crypto.feed.bybit;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
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
import zvt.crypto.feed.book.BookSync;
import zvt.crypto.feed.book.SyncCounters;
import zvt.crypto.feed.connection.FeedCounters;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.test.FrameFuzzer;

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
 * A million mutations of every recorded Bybit frame (spot frames on a spot connection, linear frames on a linear
 * one) through the adapter's decoder, the publisher, the book sync and a real ring: no exception escapes, every frame
 * is accounted once (accepted, ignored or duplicate, or rejected with a reason), and the fuzz reaches every decoder
 * and every rejection reason. Book resubscriptions are timers on an event loop whose clock moves 1 ms per frame.
 * {@code -Dzvt.fuzz.seed} and {@code -Dzvt.fuzz.cases} replay a failure or run longer.
 */
class BybitFuzzTest
{
    private static final long RANDOM_SEED = Long.getLong("zvt.fuzz.seed", 0xB1B1_7L);
    private static final long CASES = Long.getLong("zvt.fuzz.cases", 1_000_000L);

    private final AtomicLongArray eventsByTemplate = new AtomicLongArray(64);
    private final MarketEventRing ring = new MarketEventRing(
        new RingContext().ringSize(1 << 14), new TemplateCounter(eventsByTemplate), List.of()).start();
    private final FeedCounters counters = new FeedCounters();
    private final SyncCounters syncCounters = new SyncCounters();
    private final long[] errorsByReason = new long[BybitDecodeError.values().length];
    private final Map<String, Integer> spotSymbols = new LinkedHashMap<>();
    private final Map<String, Integer> linearSymbols = new LinkedHashMap<>();
    private final List<Logger> quietened = new ArrayList<>();
    private EmbeddedChannel loop;
    private FeedPublisher publisher;
    private BybitDecoder decoder;
    private int group;

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
        final List<byte[]> spotFrames = new ArrayList<>();
        final List<byte[]> linearFrames = new ArrayList<>();
        for (final Path file : BybitRecordings.files())
        {
            final List<String> lines = BybitRecordings.lines(file);
            final boolean spot = BybitRecordings.isSpot(file);
            final Map<String, Integer> symbols = spot ? spotSymbols : linearSymbols;
            BybitRecordings.symbols(lines).keySet().forEach(symbol ->
                symbols.putIfAbsent(symbol, spotSymbols.size() + linearSymbols.size() + 1));
            lines.forEach(line -> (spot ? spotFrames : linearFrames).add(line.getBytes(StandardCharsets.UTF_8)));
        }
        assertTrue(spotFrames.size() > 100 && linearFrames.size() > 1_000, "recorded bybit frames");
        quieten(BookSync.class, FeedPublisher.class);

        long nanos = 0;
        long done = 0;
        final FrameFuzzer spot = fuzzer(spotFrames, RANDOM_SEED);
        final FrameFuzzer linear = fuzzer(linearFrames, RANDOM_SEED + 1);
        while (done < CASES)
        {
            // A fresh feed per pass over the seeds: in one feed's second pass every unmutated id is a duplicate,
            // and mutated frames with the same ids would be dropped before the readers looked at them.
            final boolean isSpot = (done / linearFrames.size()) % 4 == 0;
            final List<byte[]> frames = isSpot ? spotFrames : linearFrames;
            final long cases = Math.min(frames.size(), CASES - done);
            startFeed(isSpot ? BybitAdapter.SPOT : BybitAdapter.LINEAR);
            nanos += (isSpot ? spot : linear).run(this::deliver, cases).nanos();
            endFeed();
            done += cases;
        }
        ring.close();

        System.out.printf("bybit fuzz: %,d cases in %,d ms (%,d cases/s), seed %d; %s; %s; %s%n",
            CASES, TimeUnit.NANOSECONDS.toMillis(nanos), CASES * 1_000_000_000L / nanos, RANDOM_SEED,
            counters, syncCounters, errorCounts());
        long perReason = 0;
        for (final BybitDecodeError reason : BybitDecodeError.values())
        {
            perReason += errorsByReason[reason.ordinal()];
            assertTrue(errorsByReason[reason.ordinal()] > 0, "no frame was rejected as " + reason);
        }
        assertEquals(counters.decodeErrors(), perReason, "decode errors by reason must sum to the total");
        assertEquals(CASES, counters.events() + counters.ignored() + counters.decodeErrors());
        assertTrue(syncCounters.duplicates() > 0 && syncCounters.duplicates() <= counters.ignored());
        assertTrue(syncCounters.resyncs() > 0 && syncCounters.gaps() > 0, syncCounters.toString());
        for (final int templateId : new int[]{TradeDecoder.TEMPLATE_ID, TopOfBookDecoder.TEMPLATE_ID,
            CandleDecoder.TEMPLATE_ID, BookUpdateDecoder.TEMPLATE_ID})
        {
            assertTrue(eventsByTemplate.get(templateId) > 0, "no event of template " + templateId + " published");
        }
    }

    private FrameFuzzer fuzzer(final List<byte[]> frames, final long seed)
    {
        return new FrameFuzzer(frames, seed)
            .accounted(() -> counters.events() + counters.ignored() + counters.decodeErrors())
            .betweenFrames(this::runLoop);
    }

    /** A new decoder, publisher and book sync on a new event loop, sharing the ring and the counters. */
    private void startFeed(final int group)
    {
        this.group = group;
        loop = new EmbeddedChannel();
        loop.freezeTime();
        final BybitAdapter adapter = new BybitAdapter();
        publisher = new FeedPublisher(Venue.BYBIT, ring.ringBuffer(), counters, syncCounters,
            adapter.decodeErrors());
        final BookSync books = new BookSync(Venue.BYBIT, ring.ringBuffer(),
            new ControlEventPublisher(ring.ringBuffer(), System::nanoTime), loop.eventLoop(), System::nanoTime,
            syncCounters, adapter::newChecksum);
        publisher.books(books);
        decoder = new BybitDecoder(publisher);
        final MarketType marketType = group == BybitAdapter.SPOT ? MarketType.SPOT : MarketType.PERPETUAL;
        (group == BybitAdapter.SPOT ? spotSymbols : linearSymbols).forEach((symbol, id) ->
        {
            publisher.addSymbol(group, symbol, id);
            books.addInstrument(id, symbol,
                adapter.newBookRule(Instrument.of(id, Venue.BYBIT, marketType, symbol, symbol)));
        });
    }

    private void deliver(final DirectBuffer buffer, final int offset, final int length)
    {
        publisher.beginFrame(1, group, System.nanoTime());
        decoder.decode(buffer, offset, length);
        publisher.endFrame();
    }

    private void endFeed()
    {
        for (final BybitDecodeError reason : BybitDecodeError.values())
        {
            errorsByReason[reason.ordinal()] += publisher.errors().count(reason);
        }
        loop.finishAndReleaseAll();
        loop = null;
    }

    /** The feed's event loop between frames: 1 ms passes and resubscription timers fire. */
    private void runLoop()
    {
        loop.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        loop.runScheduledPendingTasks();
    }

    private String errorCounts()
    {
        final StringBuilder text = new StringBuilder("errors");
        for (final BybitDecodeError reason : BybitDecodeError.values())
        {
            text.append(' ').append(reason).append('=').append(errorsByReason[reason.ordinal()]);
        }
        return text.toString();
    }

    private void quieten(final Class<?>... classes)
    {
        // Gaps and their resyncs warn (rate-limited); a fuzz run makes thousands on purpose.
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
