package zvt.crypto.feed.simulator;

import com.lmax.disruptor.EventHandler;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.core.book.OrderBook;
import zvt.crypto.core.book.OrderBookEventHandler;
import zvt.crypto.core.codec.BookUpdateDecoder;
import zvt.crypto.core.codec.BookUpdateKind;
import zvt.crypto.core.codec.BooleanType;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.MessageHeaderDecoder;
import zvt.crypto.core.codec.TopOfBookDecoder;
import zvt.crypto.core.codec.TradeDecoder;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.codec.VenueStatusCode;
import zvt.crypto.core.codec.VenueStatusDecoder;
import zvt.crypto.core.event.MarketEvent;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.core.ring.MarketEventRing;
import zvt.crypto.core.ring.RingContext;
import zvt.crypto.feed.bybit.BybitAdapter;
import zvt.crypto.feed.coinbase.CoinbaseAdapter;
import zvt.crypto.feed.connection.FeedContext;
import zvt.crypto.feed.okx.OkxAdapter;
import zvt.crypto.feed.runner.VenueFeed;
import zvt.crypto.feed.simulator.bybit.BybitProtocol;
import zvt.crypto.feed.venue.VenueAdapter;
import zvt.crypto.feed.venue.VenueSettings;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.journal.JournalEventHandler;
import zvt.crypto.journal.JournalReader;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The acceptance fault soak for the venues on the generic runner (Binance has {@link BinanceFaultSoakTest}): the
 * venue's simulator with seeded faults (dropped, duplicated and malformed frames, a disconnect every few seconds,
 * and for OKX corrupt checksums and REST snapshot 429/5xx), the real feed through a real ring, a real Chronicle
 * journal and a book-building consumer. Asserts, per venue:
 * <ul>
 *     <li>every sampled servable book equals the simulator's ground truth at the same update id (OKX {@code seqId};
 *     Bybit {@code u}, mapped to the truth's {@code seq} by the simulator); Coinbase carries no per-book id on the
 *     wire, so its books are compared at quiescent points instead (the market stalled and drained, the truth
 *     unchanged across the comparison), and so are every venue's books at the end;</li>
 *     <li>no break in a journaled delta chain (Bybit {@code u}, OKX {@code prevSeqId}/{@code seqId}) without a
 *     GAP_DETECTED or snapshot before it, so no good book ever skipped a dropped message; and at least one gap per
 *     injected fault kind that must cause one;</li>
 *     <li>every data frame the simulator delivered (market messages, control replies, malformed replacements) is a
 *     frame the feed counted, and {@code frames = events + ignored + decodeErrors}, with decodeErrors equal to the
 *     injected malformed frames; duplicates the feed dropped equal the injected duplicates where the venue's
 *     numbering lets it tell (see {@link #assertAccounted});</li>
 *     <li>no exception escaped any thread, and no ring consumer failed.</li>
 * </ul>
 * Duration: {@code -Dzvt.soak.seconds=N} per venue (default 25); e.g.
 * {@code mvn -B -o -pl feed-handlers test -Dtest=VenueFaultSoakTest -Dzvt.soak.seconds=300}.
 */
class VenueFaultSoakTest
{
    private static final long SOAK_SECONDS = Long.getLong("zvt.soak.seconds", 25);
    /** Compare every Nth good book (sampling keeps the check off the ring's critical path). */
    private static final int SAMPLE_EVERY = 7;
    /** How often the market stalls for a quiescent comparison (the only one Coinbase's books allow). */
    private static final long QUIESCE_EVERY_MS = 6_000;
    private static final long QUIESCE_STALL_MS = 3_000;

    @TempDir
    Path directory;

    private final ConcurrentLinkedQueue<Throwable> escaped = new ConcurrentLinkedQueue<>();

    @ParameterizedTest
    @EnumSource(value = Venue.class, names = {"BYBIT", "COINBASE", "OKX"})
    void shouldKeepEveryGoodBookTrueAnnounceEveryGapAndAccountForEveryFrame(final Venue venue) throws Exception
    {
        final VenueCase venueCase = VenueCase.of(venue);
        final Thread.UncaughtExceptionHandler previousHandler = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, error) -> escaped.add(error));
        final BlockingQueue<BookSample> samples = new LinkedBlockingQueue<>(100_000);
        final long[] changes = new long[1];
        final OrderBookEventHandler books = new OrderBookEventHandler(book ->
        {
            if (venueCase.idsOnWire && book.isServable() && changes[0]++ % SAMPLE_EVERY == 0)
            {
                samples.offer(BookSample.of(book));
            }
        });
        final BookProbe probe = new BookProbe(books);
        final InstrumentRegistry registry = new InstrumentRegistry();
        final EpochNanoClock clock = new OffsetEpochNanoClock();
        final Counts counts = new Counts();
        try (VenueSimulators simulators = VenueSimulators.launch(List.of(venue), new BinanceSimulatorContext()
                .seed(13).messagesPerSecond(2_000).bookLevels(20).faults(venueCase.faults));
             Journal journal = Journal.open(new JournalContext().directory(directory)))
        {
            final VenueSimulator simulator = simulators.simulator(venue);
            final MarketEventRing ring = new MarketEventRing(
                new RingContext().ringSize(1 << 16), new JournalEventHandler(journal, registry), List.of(probe))
                .start();
            final ControlEventPublisher control = new ControlEventPublisher(ring.ringBuffer(), clock);
            final Map<String, String> settings = new HashMap<>(simulators.feedSettings(venue));
            settings.put("symbols", String.join(",", venueCase.symbols));
            settings.put("channels", venueCase.channels);
            final VenueFeed feed = VenueFeed.launch(new VenueSettings(venueCase.adapter, settings), new FeedContext()
                .reconnectInitialDelayMs(50)
                .reconnectMaxDelayMs(500)
                .ringBuffer(ring.ringBuffer())
                .instrumentRegistry(registry)
                .controlEventPublisher(control));
            final Map<Integer, String> truthSymbols = new HashMap<>();
            for (final Instrument instrument : feed.instruments())
            {
                truthSymbols.put(instrument.id(), venueCase.truthSymbol(instrument));
            }
            probe.instruments(feed.instruments());
            final Soak soak = new Soak(venueCase, simulator, feed, probe, control, truthSymbols, counts);
            try
            {
                final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(SOAK_SECONDS);
                long nextQuiesce = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(QUIESCE_EVERY_MS);
                while (System.nanoTime() < end)
                {
                    soak.check(samples.poll(100, TimeUnit.MILLISECONDS));
                    if (System.nanoTime() >= nextQuiesce)
                    {
                        soak.compareQuiescent(QUIESCE_STALL_MS);
                        nextQuiesce = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(QUIESCE_EVERY_MS);
                    }
                }
                // The end: stop the market for good, wait until every delivered frame is counted, compare once more.
                soak.compareQuiescent(TimeUnit.MINUTES.toMillis(10));
                BookSample sample;
                while ((sample = samples.poll()) != null)
                {
                    soak.check(sample);
                }
                readJournal(journal, counts);
                report(venueCase, simulator, feed, ring, books, counts);
                assertAccounted(venueCase, simulator, feed, ring, counts, truthSymbols);
            }
            finally
            {
                feed.close();
                ring.close();
                Thread.setDefaultUncaughtExceptionHandler(previousHandler);
            }
        }
    }

    /** Reads the whole journal: counts per type, and checks that every break of a delta chain is announced. */
    private static void readJournal(final Journal journal, final Counts counts)
    {
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final BookUpdateDecoder update = new BookUpdateDecoder();
        final VenueStatusDecoder status = new VenueStatusDecoder();
        final Long2LongHashMap chainEnd = new Long2LongHashMap(Long.MIN_VALUE);
        try (JournalReader reader = journal.newReader())
        {
            reader.toStart();
            while (reader.readNext((DirectBuffer buffer, int offset, int length, long index) ->
            {
                header.wrap(buffer, offset);
                switch (header.templateId())
                {
                    case TradeDecoder.TEMPLATE_ID -> counts.journaledTrades++;
                    case TopOfBookDecoder.TEMPLATE_ID -> counts.journaledTops++;
                    case VenueStatusDecoder.TEMPLATE_ID ->
                    {
                        status.wrapAndApplyHeader(buffer, offset, header);
                        if (status.status() == VenueStatusCode.GAP_DETECTED && status.instrumentId() != 0)
                        {
                            counts.gapStatuses++;
                            chainEnd.remove(status.instrumentId());
                        }
                        else if (status.status() == VenueStatusCode.RESYNCED)
                        {
                            counts.resyncStatuses++;
                        }
                    }
                    case BookUpdateDecoder.TEMPLATE_ID ->
                    {
                        update.wrapAndApplyHeader(buffer, offset, header);
                        if (update.lastInBatch() != BooleanType.TRUE)
                        {
                            return;
                        }
                        final int instrument = update.instrumentId();
                        if (update.kind() == BookUpdateKind.SNAPSHOT)
                        {
                            counts.journaledSnapshots++;
                            chainEnd.put(instrument, update.lastSequence());
                            return;
                        }
                        counts.journaledDeltas++;
                        counts.appliedIds.computeIfAbsent(instrument, i -> new LongHashSet())
                            .add(update.lastSequence());
                        final long previous = chainEnd.get(instrument);
                        if (previous != Long.MIN_VALUE && update.firstSequence() != previous + 1)
                        {
                            counts.chainBreaks++;
                        }
                        chainEnd.put(instrument, update.lastSequence());
                    }
                    default ->
                    {
                    }
                }
            }))
            {
                counts.journalEntries++;
            }
        }
    }

    private static void report(
        final VenueCase venueCase, final VenueSimulator simulator, final VenueFeed feed, final MarketEventRing ring,
        final OrderBookEventHandler books, final Counts counts)
    {
        System.out.printf("%n%s FAULT SOAK (%d s)%n", venueCase.venue, SOAK_SECONDS);
        System.out.println("  simulator  " + simulator.counters());
        System.out.println("  injected   " + simulator.faults());
        System.out.println("  feed       " + feed.counters() + " | sync " + feed.syncCounters() +
            " | decode errors " + feed.counters().decodeErrors());
        System.out.printf("  journal    entries=%d trades=%d tops=%d deltas=%d snapshots=%d gapStatuses=%d " +
            "resynced=%d chainBreaksWithoutGap=%s%n", counts.journalEntries, counts.journaledTrades,
            counts.journaledTops, counts.journaledDeltas, counts.journaledSnapshots, counts.gapStatuses,
            counts.resyncStatuses, venueCase.idsOnWire ? String.valueOf(counts.chainBreaks) :
            "n/a (ids are the connection's sequence_num)");
        System.out.printf("  books      compared=%d (at quiescent points %d) mismatches=%d unverifiable=%d " +
            "skippedWhileStale=%d gaps=%d ringConsumerErrors=%d%n", counts.compared, counts.comparedQuiescent,
            counts.mismatches, counts.unverifiable, books.skippedWhileStale(), books.gaps(), ring.consumerErrors());
        counts.mismatchDetails.forEach(detail -> System.out.println("  MISMATCH " + detail));
    }

    /**
     * What can be accounted exactly, and what cannot:
     * <ul>
     *     <li>Frames: the simulator counts market messages and control replies whose write reached the socket, and
     *     malformed replacements when it writes them (one in a batch lost with its connection would be counted
     *     without reaching the feed; the disconnects flush first, so none is expected). Bybit and OKX never close a
     *     session themselves here, so delivered == counted. Coinbase replaces a session on every
     *     {@code sequence_num} gap and closes the old one after the overlap: frames already in that socket are
     *     delivered but never read, so there the feed counts at most what was delivered (the difference is
     *     printed).</li>
     *     <li>Duplicates: Bybit and OKX trades and quotes carry ids, so every injected duplicate of them is dropped
     *     by the feed, and nothing else but Bybit's {@code orderbook.1} snapshot on subscribe when the top has not
     *     changed since the last push (same {@code u}, same quote: at most one per instrument per session); a
     *     duplicated book message is dropped by the book rule as already applied
     *     (or while resyncing), counted with other drops, so not separately. A Coinbase duplicate repeats the
     *     previous {@code sequence_num} and is dropped whatever it carries; so are the trades, tickers and book
     *     updates an overlapping replacement session delivers again, counted alike: there "dropped >= injected"
     *     holds, not equality.</li>
     * </ul>
     */
    private void assertAccounted(
        final VenueCase venueCase, final VenueSimulator simulator, final VenueFeed feed, final MarketEventRing ring,
        final Counts counts, final Map<Integer, String> truthSymbols)
    {
        final FaultLog faults = simulator.faults();
        final SimulatorCounters sent = simulator.counters();
        assertTrue(escaped.isEmpty(), "exceptions escaped: " + escaped);
        assertEquals(0, ring.consumerErrors(), "ring consumer errors");
        assertEquals(0, counts.mismatches, () -> String.join("\n", counts.mismatchDetails));
        assertTrue(counts.comparedQuiescent > 0, "books compared at quiescent points: " + counts.comparedQuiescent);
        if (venueCase.idsOnWire)
        {
            assertTrue(counts.compared > 100, "books compared: " + counts.compared);
            assertEquals(0, counts.chainBreaks, "delta chain breaks without GAP_DETECTED or snapshot before them");
            // An injected book fault right after a delta the feed journaled broke a good chain: each needs a gap.
            final Map<String, Integer> instruments = new HashMap<>();
            truthSymbols.forEach((id, symbol) -> instruments.put(symbol, id));
            long breakingFaults = 0;
            for (final FaultRecord fault : faults.records(r -> r.streamKind() == StreamKind.DEPTH &&
                (r.kind() == FaultKind.DROP || r.kind() == FaultKind.MALFORMED ||
                r.kind() == FaultKind.CORRUPT_CHECKSUM)))
            {
                final LongHashSet applied = counts.appliedIds.get(instruments.getOrDefault(fault.venueSymbol(), 0));
                if (applied != null && applied.contains(venueCase.previousIdOf(fault)))
                {
                    breakingFaults++;
                }
            }
            System.out.printf("  gaps       injected book drops/malformed/corrupt checksums=%d, of which broke a " +
                "good chain=%d, GAP_DETECTED journaled=%d%n", faults.count(FaultKind.DROP, StreamKind.DEPTH) +
                faults.count(FaultKind.MALFORMED, StreamKind.DEPTH) + faults.count(FaultKind.CORRUPT_CHECKSUM),
                breakingFaults, counts.gapStatuses);
            assertTrue(breakingFaults > 0, "the soak must break good chains");
            assertTrue(counts.gapStatuses >= breakingFaults, "every injected gap is announced");
        }
        final long bookGapFaults = faults.count(FaultKind.DROP, StreamKind.DEPTH) +
            faults.count(FaultKind.MALFORMED, StreamKind.DEPTH) + faults.count(FaultKind.CORRUPT_CHECKSUM);
        assertTrue(bookGapFaults > 0 && faults.count(FaultKind.DISCONNECT) > 0, faults.toString());
        assertTrue(counts.gapStatuses > 0, "gaps announced: " + counts.gapStatuses);
        assertTrue(faults.count(FaultKind.OMITTED_SNAPSHOT) == 0 || feed.syncCounters().snapshotRequests() > 0,
            "books whose snapshot was omitted start from REST");

        final long malformed = faults.count(FaultKind.MALFORMED);
        final long delivered = sent.messagesDelivered() + sent.repliesDelivered() + malformed;
        final long frames = feed.counters().frames();
        // Coinbase drops every repeat by its sequence_num; Bybit and OKX trades and quotes by their ids.
        final long duplicatesInjected = venueCase.feedClosesSessions ? faults.count(FaultKind.DUPLICATE) :
            faults.count(FaultKind.DUPLICATE, StreamKind.TRADE) + faults.count(FaultKind.DUPLICATE,
            StreamKind.BOOK_TICKER) + faults.count(FaultKind.DUPLICATE, StreamKind.TICKER);
        System.out.printf("  accounting frames delivered=%d (market %d + replies %d + malformed %d) counted by the " +
            "feed=%d = events %d + ignored %d + decodeErrors %d; not read (closed by the feed)=%d%n", delivered,
            sent.messagesDelivered(), sent.repliesDelivered(), malformed, frames, feed.counters().events(),
            feed.counters().ignored(), feed.counters().decodeErrors(), delivered - frames);
        System.out.printf("  accounting duplicates injected (%s)=%d dropped by the feed=%d; injected " +
            "(book)=%d, book messages dropped as applied or while resyncing=%d; lost in flight=%d%n",
            venueCase.feedClosesSessions ? "all" : "trades, quotes", duplicatesInjected,
            feed.syncCounters().duplicates(), faults.count(FaultKind.DUPLICATE, StreamKind.DEPTH),
            feed.syncCounters().droppedUpdates(), faults.count(FaultKind.LOST_IN_FLIGHT));
        assertEquals(frames, feed.counters().events() + feed.counters().ignored() + feed.counters().decodeErrors(),
            "frames = events + ignored + decodeErrors");
        assertEquals(malformed, feed.counters().decodeErrors(),
            "every malformed frame, and nothing else, is a decode error");
        if (venueCase.feedClosesSessions)
        {
            assertTrue(frames <= delivered, "the feed counted more frames than were delivered");
            assertTrue(feed.syncCounters().duplicates() >= duplicatesInjected,
                "every injected duplicate is dropped (with the copies of overlapping sessions)");
        }
        else
        {
            assertEquals(delivered, frames, "every delivered frame is counted by the feed");
            assertTrue(feed.syncCounters().duplicates() >= duplicatesInjected &&
                feed.syncCounters().duplicates() <= duplicatesInjected + venueCase.repushesAtMost(feed),
                "every injected trade and quote duplicate is dropped, and nothing else but re-pushed quotes");
        }
    }

    /** The run's state on the test thread: ground-truth lookups and the comparisons. */
    private static final class Soak
    {
        private final VenueCase venueCase;
        private final VenueSimulator simulator;
        private final VenueFeed feed;
        private final BookProbe probe;
        private final ControlEventPublisher control;
        private final Map<Integer, String> truthSymbols;
        private final Counts counts;

        Soak(
            final VenueCase venueCase, final VenueSimulator simulator, final VenueFeed feed, final BookProbe probe,
            final ControlEventPublisher control, final Map<Integer, String> truthSymbols, final Counts counts)
        {
            this.venueCase = venueCase;
            this.simulator = simulator;
            this.feed = feed;
            this.probe = probe;
            this.control = control;
            this.truthSymbols = truthSymbols;
            this.counts = counts;
        }

        /** A book sampled while servable, against the truth at its update id. */
        void check(final BookSample sample)
        {
            if (sample == null)
            {
                return;
            }
            final String symbol = truthSymbols.get(sample.instrumentId());
            final long truthId = venueCase.truthId(simulator, symbol, sample.sequence());
            final GroundTruthBook truth = truthId < 0 ? null : simulator.groundTruthAt(symbol, truthId);
            if (truth == null)
            {
                counts.unverifiable++;
                return;
            }
            counts.compared++;
            if (!(truth.lastUpdateId() == truthId && sample.matchesLevels(truth)))
            {
                mismatch("book " + sample + " (truth id " + truthId + ")\n   truth " + truth);
            }
        }

        /**
         * Stalls the market, waits until the feed's frame count stops moving and (unless it closes sessions itself)
         * equals the frames delivered, has the ring consumer copy every book, and compares the servable ones with
         * the truth now; a symbol whose truth moved meanwhile (the stall ended) is not compared.
         */
        void compareQuiescent(final long stallMs) throws InterruptedException
        {
            // A stalled market sends no snapshots either: a stall that starts while every book is resyncing (faults
            // make that common) has nothing to compare, so start it once some book is good, within a few seconds.
            final long goodDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (probe.copyAll(control, feed.adapter().venue()).stream().noneMatch(BookSample::servable) &&
                System.nanoTime() < goodDeadline)
            {
                Thread.sleep(100);
            }
            simulator.stall(stallMs);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            long lastFrames = -1;
            while (System.nanoTime() < deadline)
            {
                Thread.sleep(250);
                final SimulatorCounters sent = simulator.counters();
                final long frames = feed.counters().frames();
                final long delivered = sent.messagesDelivered() + sent.repliesDelivered() +
                    simulator.faults().count(FaultKind.MALFORMED);
                if (frames == lastFrames && (venueCase.feedClosesSessions || frames == delivered))
                {
                    break;
                }
                lastFrames = frames;
            }
            // A book stale at the stall may resync during it (a new session's snapshot): ask again while the stall
            // lasts, up to 15 s (a loaded machine can take seconds to resubscribe and rebuild).
            Map<Integer, GroundTruthBook> before = truths();
            List<BookSample> books = probe.copyAll(control, feed.adapter().venue());
            final long resyncDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(
                Math.max(2_000, Math.min(stallMs - 1_000, 15_000)));
            while (books.stream().anyMatch(book -> !book.servable()) && System.nanoTime() < resyncDeadline)
            {
                Thread.sleep(250);
                before = truths();
                books = probe.copyAll(control, feed.adapter().venue());
            }
            final Map<Integer, GroundTruthBook> after = truths();
            for (final BookSample book : books)
            {
                final GroundTruthBook truth = after.get(book.instrumentId());
                if (!book.servable() || truth == null ||
                    truth.lastUpdateId() != before.get(book.instrumentId()).lastUpdateId())
                {
                    continue;
                }
                counts.comparedQuiescent++;
                counts.compared++;
                if (!book.matchesLevels(truth))
                {
                    mismatch("quiescent book " + book + "\n   truth " + truth);
                }
            }
        }

        private Map<Integer, GroundTruthBook> truths()
        {
            final Map<Integer, GroundTruthBook> truths = new HashMap<>();
            truthSymbols.forEach((id, symbol) -> truths.put(id, simulator.groundTruth(symbol)));
            return truths;
        }

        private void mismatch(final String detail)
        {
            counts.mismatches++;
            if (counts.mismatchDetails.size() < 5)
            {
                counts.mismatchDetails.add(detail);
            }
        }
    }

    /**
     * The book consumer, plus a probe: asked from the test thread, it copies every book on the ring thread at the
     * next event (the test publishes one, a connection-wide status that touches no book), so the copy is exactly
     * the books as of every event before it.
     */
    private static final class BookProbe implements EventHandler<MarketEvent>
    {
        private final OrderBookEventHandler books;
        private volatile List<Integer> instrumentIds = List.of();
        private final BlockingQueue<List<BookSample>> copies = new LinkedBlockingQueue<>();
        private volatile boolean requested;

        BookProbe(final OrderBookEventHandler books)
        {
            this.books = books;
        }

        public void onEvent(final MarketEvent event, final long sequence, final boolean endOfBatch) throws Exception
        {
            books.onEvent(event, sequence, endOfBatch);
            if (requested)
            {
                requested = false;
                final List<BookSample> copy = new ArrayList<>();
                for (final int instrumentId : instrumentIds)
                {
                    final OrderBook book = books.bookOrNull(instrumentId);
                    if (book != null)
                    {
                        copy.add(BookSample.of(book));
                    }
                }
                copies.add(copy);
            }
        }

        /** The books to copy; set before the first {@link #copyAll}. */
        void instruments(final List<Instrument> instruments)
        {
            instrumentIds = instruments.stream().map(Instrument::id).toList();
        }

        List<BookSample> copyAll(final ControlEventPublisher control, final Venue venue) throws InterruptedException
        {
            requested = true;
            control.publishStatus(venue, 0, VenueStatusCode.CONNECTED, "soak probe");
            final List<BookSample> copy = copies.poll(30, TimeUnit.SECONDS);
            assertTrue(copy != null, "the book consumer did not answer the probe");
            return copy;
        }
    }

    /** What differs per venue: adapter, symbols, channels, faults, and how its book ids map to the truth's. */
    private record VenueCase(
        Venue venue, VenueAdapter adapter, List<String> symbols, String channels, SimulatorFaults faults,
        boolean idsOnWire, boolean feedClosesSessions)
    {
        static VenueCase of(final Venue venue)
        {
            // Coinbase carries every channel on one connection with one sequence: any loss there stales every book,
            // so it gets a tenth of the loss rates, or its books would hardly ever be good.
            final double loss = venue == Venue.COINBASE ? 0.1 : 1.0;
            final SimulatorFaults faults = new SimulatorFaults()
                .drop(StreamKind.DEPTH, 0.002 * loss)
                .drop(StreamKind.TRADE, 0.001 * loss)
                .duplicate(StreamKind.ANY, 0.002)
                .malformed(StreamKind.ANY, 0.001 * loss)
                .disconnectEveryMs(5_000);
            return switch (venue)
            {
                case BYBIT -> new VenueCase(venue, new BybitAdapter(),
                    List.of("BTC-USDT", "ETH-USDT", "BTC-USDT-PERP"), "publicTrade,orderbook.50,orderbook.1", faults,
                    true, false);
                // An omitted snapshot sends the book to REST after 3 s, where 429s and 5xx wait for it.
                case OKX -> new VenueCase(venue, new OkxAdapter(), List.of("BTC-USDT", "ETH-USDT", "BTC-USDT-PERP"),
                    "trades,books,bbo-tbt", faults.corruptChecksum(0.001).omitSnapshot(0.5).rest5xxProbability(0.25)
                    .rest429Probability(0.15).retryAfterSeconds(1), true, false);
                case COINBASE -> new VenueCase(venue, new CoinbaseAdapter(), List.of("BTC-USD", "ETH-USD", "SOL-USD"),
                    "market_trades,level2,ticker", faults, false, true);
                default -> throw new IllegalArgumentException("no soak for " + venue);
            };
        }

        /** The simulator's name of an instrument's market (Bybit's spot and linear are separate markets). */
        String truthSymbol(final Instrument instrument)
        {
            return venue == Venue.BYBIT ? BybitProtocol.marketSymbol(
                instrument.marketType() == MarketType.PERPETUAL ? BybitProtocol.LINEAR : BybitProtocol.SPOT,
                instrument.venueSymbol()) : instrument.venueSymbol();
        }

        /** Quotes a venue re-sends unchanged by design and the feed drops as duplicates: Bybit's orderbook.1. */
        long repushesAtMost(final VenueFeed feed)
        {
            return venue == Venue.BYBIT ? feed.counters().connections() * symbols.size() : 0;
        }

        /** The id of the book message before a faulted one: Bybit {@code u - 1}, OKX its {@code prevSeqId}. */
        long previousIdOf(final FaultRecord fault)
        {
            return venue == Venue.BYBIT ? fault.first() - 1 : fault.first();
        }

        /** The truth's update id of a book's id: OKX {@code seqId} is the truth's; Bybit's {@code u} is mapped. */
        long truthId(final VenueSimulator simulator, final String symbol, final long bookId)
        {
            return venue == Venue.BYBIT ? ((BybitProtocol)simulator.protocol()).seqOf(symbol, bookId) : bookId;
        }
    }

    private static final class Counts
    {
        long compared;
        long comparedQuiescent;
        long mismatches;
        long unverifiable;
        long journalEntries;
        long journaledTrades;
        long journaledTops;
        long journaledDeltas;
        long journaledSnapshots;
        long gapStatuses;
        long resyncStatuses;
        long chainBreaks;
        final List<String> mismatchDetails = new ArrayList<>();
        final Int2ObjectHashMap<LongHashSet> appliedIds = new Int2ObjectHashMap<>();
    }
}
