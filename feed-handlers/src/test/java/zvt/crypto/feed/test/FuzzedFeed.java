package zvt.crypto.feed.test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.lmax.disruptor.EventHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import org.agrona.DirectBuffer;
import org.agrona.collections.IntArrayQueue;
import org.slf4j.LoggerFactory;
import zvt.crypto.core.codec.BookUpdateDecoder;
import zvt.crypto.core.codec.CandleDecoder;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.TopOfBookDecoder;
import zvt.crypto.core.codec.TradeDecoder;
import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.core.event.EventView;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.core.ring.MarketEventRing;
import zvt.crypto.core.ring.RingContext;
import zvt.crypto.feed.book.BookSync;
import zvt.crypto.feed.book.SyncCounters;
import zvt.crypto.feed.connection.DecodeError;
import zvt.crypto.feed.connection.FeedCounters;
import zvt.crypto.feed.publish.FeedControl;
import zvt.crypto.feed.publish.FeedPublisher;
import zvt.crypto.feed.venue.FrameDecoder;
import zvt.crypto.feed.venue.VenueAdapter;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A venue's decode path for a fuzz test, as the runner wires it (decoder, publisher, book sync with the venue's rules
 * and checksum), over one real ring that counts what is published by template. {@link #start} makes a fresh feed for
 * each pass over the recorded seeds (in one feed's second pass every unmutated id would be a duplicate, and mutated
 * frames with those ids would be dropped before the decoders saw them); the counters and the errors by reason add up
 * over every pass. Book timers run on an event loop whose clock moves 1 ms between frames ({@link #runLoop}); for a
 * venue whose books start from a REST snapshot, the test answers the book sync's requests there
 * ({@link #restSnapshots}).
 */
public final class FuzzedFeed implements AutoCloseable
{
    /** An instrument the recordings name, and on which connection group it arrives. */
    public record Symbol(String venueSymbol, int instrumentId, MarketType marketType, int group)
    {
    }

    private final VenueAdapter adapter;
    private final AtomicLongArray eventsByTemplate = new AtomicLongArray(64);
    private final MarketEventRing ring = new MarketEventRing(
        new RingContext().ringSize(1 << 14), new TemplateCounter(eventsByTemplate), List.of()).start();
    private final CountersRegistry countersRegistry = new CountersRegistry();
    private final FeedCounters counters = new FeedCounters(countersRegistry, "test");
    private final SyncCounters syncCounters = new SyncCounters(countersRegistry, "test");
    private final long[] errorsByReason;
    private final List<Logger> quietened;
    private final IntArrayQueue snapshotRequests = new IntArrayQueue();
    private SnapshotAnswer snapshotAnswer;
    private BookSync books;
    private EmbeddedChannel loop;
    private FeedPublisher publisher;
    private FrameDecoder decoder;
    private int group;
    private long sessionResyncs;

    /** Quietens the book sync and the publisher: a fuzz run makes thousands of gaps and venue errors on purpose. */
    public FuzzedFeed(final VenueAdapter adapter)
    {
        this.adapter = adapter;
        errorsByReason = new long[adapter.decodeErrors().length];
        quietened = List.of((Logger)LoggerFactory.getLogger(BookSync.class),
            (Logger)LoggerFactory.getLogger(FeedPublisher.class));
        quietened.forEach(logger -> logger.setLevel(Level.ERROR));
    }

    /**
     * Answers a book snapshot request of the feed between frames, as the venue's REST endpoint would.
     */
    @FunctionalInterface
    public interface SnapshotAnswer
    {
        /** Answers with {@link BookSync#onSnapshot} or {@link BookSync#onSnapshotFailed} on {@code books}. */
        void answer(int instrumentId, BookSync books);
    }

    /**
     * Books start from REST snapshots read by the adapter's {@link VenueAdapter#bookSnapshotReader()}: each feed's
     * requests are answered by {@code answer} between frames. Call before {@link #start}.
     */
    public FuzzedFeed restSnapshots(final SnapshotAnswer answer)
    {
        this.snapshotAnswer = answer;
        return this;
    }

    /** A fuzzer over {@code seeds} that checks every frame is accounted once, running the feed's loop between. */
    public FrameFuzzer fuzzer(final List<byte[]> seeds, final long randomSeed)
    {
        return new FrameFuzzer(seeds, randomSeed)
            .accounted(() -> counters.events() + counters.ignored() + counters.decodeErrors())
            .betweenFrames(this::runLoop);
    }

    /** A fresh feed whose frames arrive on connections of {@code group}, following {@code symbols}' books. */
    public void start(final int group, final List<Symbol> symbols)
    {
        finishPass();
        this.group = group;
        loop = new EmbeddedChannel();
        loop.freezeTime();
        publisher = new FeedPublisher(adapter.venue(), ring.ringBuffer(), counters, syncCounters,
            adapter.decodeErrors());
        final BookSync books = new BookSync(adapter.venue(), ring.ringBuffer(),
            new ControlEventPublisher(ring.ringBuffer(), System::nanoTime), loop.eventLoop(), System::nanoTime,
            syncCounters, adapter::newChecksum);
        if (snapshotAnswer != null)
        {
            books.restSnapshots((instrumentId, venueSymbol, callback) -> snapshotRequests.addInt(instrumentId),
                adapter.bookSnapshotReader());
        }
        this.books = books;
        publisher.books(books).control(new FeedControl()
        {
            public void rotateAll(final String reason)
            {
            }

            /** As the runner does: the session's books are lost until their next snapshot. */
            public void resync(final int session, final String reason)
            {
                sessionResyncs++;
                symbols.forEach(symbol -> books.onStreamLost(symbol.instrumentId(), reason));
            }
        });
        decoder = adapter.newDecoder(publisher);
        for (final Symbol symbol : symbols)
        {
            publisher.addSymbol(symbol.group(), symbol.venueSymbol(), symbol.instrumentId());
            books.addInstrument(symbol.instrumentId(), symbol.venueSymbol(), adapter.newBookRule(Instrument.of(
                symbol.instrumentId(), adapter.venue(), symbol.marketType(), symbol.venueSymbol(),
                symbol.venueSymbol())));
        }
    }

    /** One frame, bracketed as a connection does. */
    public void deliver(final DirectBuffer buffer, final int offset, final int length)
    {
        publisher.beginFrame(1, group, System.nanoTime());
        decoder.decode(buffer, offset, length);
        publisher.endFrame();
    }

    public FeedCounters counters()
    {
        return counters;
    }

    public SyncCounters syncCounters()
    {
        return syncCounters;
    }

    public long errors(final DecodeError reason)
    {
        return errorsByReason[reason.ordinal()];
    }

    /** Sessions the decoder asked to resync (Coinbase: a gap in a session's {@code sequence_num}). */
    public long sessionResyncs()
    {
        return sessionResyncs;
    }

    /** Published events of an SBE template, e.g. {@link TradeDecoder#TEMPLATE_ID}. */
    public long events(final int templateId)
    {
        return eventsByTemplate.get(templateId & 63);
    }

    /**
     * Closes the last pass and checks what holds for every venue: every case accounted once, the rejections by
     * reason summing to the total, and trades, quotes and book messages published.
     *
     * @return a one-line summary for the test's output.
     */
    public String finish(final long cases, final long nanos, final long randomSeed)
    {
        finishPass();
        ring.close();
        long perReason = 0;
        final StringBuilder errors = new StringBuilder("errors");
        for (final DecodeError reason : adapter.decodeErrors())
        {
            perReason += errorsByReason[reason.ordinal()];
            errors.append(' ').append(reason.name()).append('=').append(errorsByReason[reason.ordinal()]);
        }
        assertEquals(counters.decodeErrors(), perReason, "decode errors by reason must sum to the total");
        assertEquals(cases, counters.events() + counters.ignored() + counters.decodeErrors());
        for (final int templateId : new int[]{TradeDecoder.TEMPLATE_ID, TopOfBookDecoder.TEMPLATE_ID,
            BookUpdateDecoder.TEMPLATE_ID})
        {
            assertTrue(events(templateId) > 0, "no event of template " + templateId + " published");
        }
        return String.format("%s fuzz: %,d cases in %,d ms (%,d cases/s), seed %d; %s; %s; %s",
            adapter.configName(), cases, TimeUnit.NANOSECONDS.toMillis(nanos), cases * 1_000_000_000L / nanos,
            randomSeed, counters, syncCounters, errors);
    }

    public void close()
    {
        finishPass();
        ring.close();
        quietened.forEach(logger -> logger.setLevel(null));
    }

    /** The feed's event loop between frames: 1 ms passes, its timers fire and its snapshot requests are answered. */
    private void runLoop()
    {
        loop.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        loop.runScheduledPendingTasks();
        while (!snapshotRequests.isEmpty())
        {
            snapshotAnswer.answer(snapshotRequests.pollInt(), books);
        }
    }

    private void finishPass()
    {
        if (loop == null)
        {
            return;
        }
        for (final DecodeError reason : adapter.decodeErrors())
        {
            // every pass's publisher counts into the feed's one counter per reason: the total so far
            errorsByReason[reason.ordinal()] = publisher.errors().count(reason);
        }
        snapshotRequests.clear();
        loop.finishAndReleaseAll();
        loop = null;
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
