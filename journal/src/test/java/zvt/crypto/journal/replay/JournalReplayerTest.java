package zvt.crypto.journal.replay;

import com.lmax.disruptor.dsl.ProducerType;
import org.agrona.DirectBuffer;
import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.codec.VenueStatusCode;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.event.EventView;
import zvt.crypto.core.instrument.Instrument;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.journal.JournalEventHandler;
import zvt.crypto.journal.JournalEventListener;
import zvt.crypto.journal.JournalTestRing;
import zvt.crypto.journal.SyntheticTrades;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replays of a journal of trades, instrument definitions and venue statuses, each filter checked against the
 * expected entries computed from what the test published (not from the journal).
 */
class JournalReplayerTest
{
    private static final int TRADES = 200_000;
    private static final int STATUS_EVERY = 50_000;
    private static final long SLACK_NANOS = 50_000;
    private static final Venue[] VENUES = {Venue.BINANCE, Venue.OKX, Venue.BYBIT, Venue.COINBASE};

    @TempDir
    static Path dir;

    private static Journal journal;
    /** What was published, in order; entry k was journaled at {@code indexes[k]}. */
    private static final List<Published> PUBLISHED = new ArrayList<>();
    private static long[] indexes;

    private record Published(long time, Venue venue, int instrumentId, EventType type)
    {
    }

    @BeforeAll
    static void writeJournal()
    {
        journal = Journal.open(new JournalContext().directory(dir).timeSeekSlackNanos(SLACK_NANOS));
        final JournalEventHandler journalHandler = new JournalEventHandler(journal);
        final JournalTestRing ring = new JournalTestRing(journalHandler, TRADES + 64, ProducerType.SINGLE);
        final AtomicLong controlTime = new AtomicLong(SyntheticTrades.BASE_TIME_NANOS - 1_000);
        final ControlEventPublisher control = new ControlEventPublisher(ring.ringBuffer(), controlTime::get);

        final InstrumentRegistry registry = new InstrumentRegistry();
        for (int id = 1; id <= SyntheticTrades.INSTRUMENTS; id++)
        {
            final Venue venue = VENUES[id % VENUES.length];
            final Instrument instrument =
                registry.intern(venue, MarketType.SPOT, "SYM" + id + "USDT", "SYM" + id + "-USDT");
            control.publishDefinition(instrument);
            PUBLISHED.add(new Published(controlTime.get(), venue, instrument.id(), EventType.INSTRUMENT));
        }
        for (int i = 0; i < TRADES; i++)
        {
            ring.publisher().publish(i);
            PUBLISHED.add(new Published(SyntheticTrades.receiveTimeNanos(i), SyntheticTrades.venue(i),
                SyntheticTrades.instrumentId(i), EventType.TRADE));
            if (i % STATUS_EVERY == STATUS_EVERY - 1)
            {
                controlTime.set(SyntheticTrades.receiveTimeNanos(i));
                control.publishStatus(Venue.BINANCE, 0, VenueStatusCode.CONNECTED, "reconnected " + i);
                PUBLISHED.add(new Published(controlTime.get(), Venue.BINANCE, 0, EventType.VENUE_STATUS));
            }
        }
        ring.close();
        assertEquals(PUBLISHED.size(), ring.recorder().count());
        assertEquals(0, ring.recorder().missingIndexes());
        indexes = ring.recorder().indexes;
    }

    @AfterAll
    static void closeJournal()
    {
        journal.close();
    }

    @Test
    void shouldReplayOnlyTheChosenInstruments()
    {
        final Set<Integer> ids = Set.of(2, 5);
        final Collected collected = new Collected();

        final ReplayResult result = new JournalReplayer(journal)
            .filter(ReplayFilter.all().instrumentIds(ids))
            .replay(collected);

        assertEquals(expected(entry -> ids.contains(entry.instrumentId())), collected.indexes);
        assertEquals(PUBLISHED.size(), result.read());
        assertEquals(collected.indexes.size(), result.delivered());
        assertEquals(ReplayResult.End.END_OF_JOURNAL, result.end());
        assertEquals(collected.indexes.get(0), result.firstIndex());
        assertEquals(collected.indexes.get(collected.indexes.size() - 1), result.lastIndex());
    }

    @Test
    void shouldReplayExactlyATimeRangeSeekingIntoTheMiddle()
    {
        final long from = SyntheticTrades.receiveTimeNanos(120_000) + 700;
        final long to = SyntheticTrades.receiveTimeNanos(150_000) + 300;
        final Collected collected = new Collected();

        final ReplayResult result = new JournalReplayer(journal)
            .filter(ReplayFilter.all().from(from).to(to))
            .replay(collected);

        final LongArrayList expected = expected(entry -> entry.time() >= from && entry.time() < to);
        assertTrue(expected.size() > 29_000, "the range holds about 30,000 entries");
        assertEquals(expected, collected.indexes);
        assertEquals(ReplayResult.End.END_OF_RANGE, result.end());
        assertTrue(result.read() < expected.size() + 200,
            "a time seek starts near the range, not at the start: read " + result.read());
    }

    @Test
    void shouldCombineVenueTypeInstrumentAndTimeCriteria()
    {
        final long from = SyntheticTrades.receiveTimeNanos(10_000);
        final long to = SyntheticTrades.receiveTimeNanos(60_000);
        final Set<Venue> venues = Set.of(Venue.BINANCE, Venue.COINBASE);
        final Set<Integer> ids = Set.of(1, 3, 4, 8);
        final Collected collected = new Collected();

        new JournalReplayer(journal)
            .filter(ReplayFilter.all()
                .from(from)
                .to(to)
                .venues(venues)
                .instrumentIds(ids)
                .types(Set.of(EventType.TRADE)))
            .replay(collected);

        final LongArrayList expected = expected(entry -> entry.time() >= from && entry.time() < to &&
            venues.contains(entry.venue()) && ids.contains(entry.instrumentId()) && entry.type() == EventType.TRADE);
        assertTrue(expected.size() > 1_000);
        assertEquals(expected, collected.indexes);
    }

    @Test
    void shouldReplayOnlyTheChosenEventTypes()
    {
        final Collected statuses = new Collected();
        new JournalReplayer(journal).filter(ReplayFilter.all().types(Set.of(EventType.VENUE_STATUS))).replay(statuses);
        assertEquals(expected(entry -> entry.type() == EventType.VENUE_STATUS), statuses.indexes);
        assertEquals(TRADES / STATUS_EVERY, statuses.indexes.size());

        final Collected definitions = new Collected();
        new JournalReplayer(journal)
            .filter(ReplayFilter.all().types(Set.of(EventType.INSTRUMENT, EventType.CANDLE)))
            .replay(definitions);
        assertEquals(expected(entry -> entry.type() == EventType.INSTRUMENT), definitions.indexes);
        assertEquals(SyntheticTrades.INSTRUMENTS, definitions.indexes.size());
    }

    @Test
    void shouldDeliverNothingButReadEverythingWhenNothingMatches()
    {
        final Collected collected = new Collected();
        final ReplayResult result = new JournalReplayer(journal)
            .filter(ReplayFilter.all().types(Set.of(EventType.CANDLE)))
            .replay(collected);

        assertEquals(0, result.delivered());
        assertEquals(Journal.NO_INDEX, result.firstIndex());
        assertEquals(PUBLISHED.size(), result.read());
        assertEquals(ReplayResult.End.END_OF_JOURNAL, result.end());
    }

    @Test
    void shouldStartAtAnIndex()
    {
        final int start = 150_123;
        final Collected collected = new Collected();

        new JournalReplayer(journal)
            .fromIndex(indexes[start])
            .filter(ReplayFilter.all().instrumentIds(Set.of(7)))
            .replay(collected);

        final LongArrayList expected = new LongArrayList();
        for (int k = start; k < PUBLISHED.size(); k++)
        {
            if (PUBLISHED.get(k).instrumentId() == 7)
            {
                expected.addLong(indexes[k]);
            }
        }
        assertEquals(expected, collected.indexes);
    }

    @Test
    void shouldRefuseAnIndexNotInTheJournal()
    {
        final long beyond = journal.lastIndex() + 1_000;
        final JournalReplayer replayer = new JournalReplayer(journal).fromIndex(beyond);

        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> replayer.replay(
            (buffer, offset, length, index) -> { }));
        assertTrue(error.getMessage().contains("not in the journal"), error.getMessage());
    }

    @Test
    void shouldStopAtTheLimit()
    {
        final Collected collected = new Collected();
        final ReplayResult result = new JournalReplayer(journal).limit(10).replay(collected);

        assertEquals(10, result.delivered());
        assertEquals(ReplayResult.End.LIMIT, result.end());
        final LongArrayList expected = new LongArrayList();
        for (int k = 0; k < 10; k++)
        {
            expected.addLong(indexes[k]);
        }
        assertEquals(expected, collected.indexes);
    }

    @Test
    void shouldDeliverTheJournaledBytesOfEachEvent()
    {
        final List<Long> times = new ArrayList<>();
        new JournalReplayer(journal)
            .filter(ReplayFilter.all().instrumentIds(Set.of(3)))
            .replay((buffer, offset, length, index) -> times.add(EventView.receiveTimeNanos(buffer, offset)));

        final List<Long> expected = new ArrayList<>();
        for (final Published entry : PUBLISHED)
        {
            if (entry.instrumentId() == 3)
            {
                expected.add(entry.time());
            }
        }
        assertEquals(expected, times);
    }

    private static LongArrayList expected(final Predicate<Published> matches)
    {
        final LongArrayList expected = new LongArrayList();
        for (int k = 0; k < PUBLISHED.size(); k++)
        {
            if (matches.test(PUBLISHED.get(k)))
            {
                expected.addLong(indexes[k]);
            }
        }
        return expected;
    }

    private static final class Collected implements JournalEventListener
    {
        private final LongArrayList indexes = new LongArrayList();

        public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long index)
        {
            indexes.addLong(index);
        }
    }
}
