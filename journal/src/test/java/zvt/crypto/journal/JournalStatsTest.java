package zvt.crypto.journal;

import com.lmax.disruptor.dsl.ProducerType;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.codec.VenueStatusCode;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.ring.ControlEventPublisher;
import zvt.crypto.core.test.Tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stats of a journal spanning two days, with a known mix of events and one entry that is not an event.
 */
class JournalStatsTest
{
    private static final long DAY_NANOS = TimeUnit.DAYS.toNanos(1);

    @Test
    void shouldCountEntriesByTypeAndVenueAndDescribeTheFiles(@TempDir final Path dir) throws IOException
    {
        final AtomicLong journalClock = new AtomicLong(SyntheticTrades.BASE_TIME_NANOS);
        final AtomicLong eventClock = new AtomicLong(SyntheticTrades.BASE_TIME_NANOS - 5);
        final Map<Venue, Long> venues = new EnumMap<>(Venue.class);
        try (Journal journal = Journal.open(new JournalContext().directory(dir).clock(journalClock::get)))
        {
            final JournalTestRing ring =
                new JournalTestRing(new JournalEventHandler(journal), 1_000, ProducerType.MULTI);
            final ControlEventPublisher control = new ControlEventPublisher(ring.ringBuffer(), eventClock::get);
            final InstrumentRegistry registry = new InstrumentRegistry();
            control.publishDefinition(registry.intern(Venue.BINANCE, MarketType.SPOT, "BTCUSDT", "BTC-USDT"));
            control.publishDefinition(registry.intern(Venue.OKX, MarketType.SPOT, "ETH-USDT", "ETH-USDT"));
            count(venues, Venue.BINANCE, Venue.OKX);
            for (int i = 0; i < 300; i++)
            {
                ring.publisher().publish(i);
                count(venues, SyntheticTrades.venue(i));
            }
            eventClock.set(SyntheticTrades.receiveTimeNanos(299) + 1);
            control.publishStatus(Venue.BYBIT, 0, VenueStatusCode.DISCONNECTED, "test");
            count(venues, Venue.BYBIT);
            Tests.await(() -> ring.recorder().count() == 303, Duration.ofSeconds(10), () -> "day one journaled");

            journalClock.addAndGet(DAY_NANOS);
            for (int i = 300; i < 500; i++)
            {
                ring.publisher().publish(i, SyntheticTrades.receiveTimeNanos(i) + DAY_NANOS);
                count(venues, SyntheticTrades.venue(i));
            }
            eventClock.set(SyntheticTrades.receiveTimeNanos(499) + DAY_NANOS + 1);
            control.publishStatus(Venue.COINBASE, 0, VenueStatusCode.CONNECTED, "test");
            count(venues, Venue.COINBASE);
            ring.close();
            assertEquals(504, ring.recorder().count());
            final long lastEventIndex = ring.recorder().indexes[503];
            final long junkIndex = appendJunk(journal);

            final JournalStats stats = JournalStats.of(journal);

            assertEquals(505, stats.entries());
            assertEquals(1, stats.invalidEntries());
            assertEquals(Map.of(EventType.INSTRUMENT, 2L, EventType.TRADE, 500L, EventType.VENUE_STATUS, 2L),
                stats.countsByType());
            assertEquals(500, stats.count(EventType.TRADE));
            assertEquals(0, stats.count(EventType.CANDLE));
            assertEquals(venues, stats.countsByVenue());
            assertEquals(ring.recorder().indexes[0], stats.firstIndex());
            assertEquals(journal.firstIndex(), stats.firstIndex());
            assertEquals(junkIndex, stats.lastIndex());
            assertTrue(lastEventIndex < junkIndex);
            assertEquals(SyntheticTrades.BASE_TIME_NANOS - 5, stats.firstReceiveTimeNanos());
            assertEquals(eventClock.get(), stats.lastReceiveTimeNanos());
            assertEquals(2, stats.cycleFiles());
            assertEquals(sizeOfFiles(dir), stats.bytesOnDisk());
            assertTrue(stats.bytesOnDisk() > 0);
            final String table = stats.format();
            assertTrue(table.contains("type instrument"), table);
            assertTrue(Pattern.compile("^entries +505$", Pattern.MULTILINE).matcher(table).find(), table);
            assertTrue(Pattern.compile("^type trade +500$", Pattern.MULTILINE).matcher(table).find(), table);
            // A table: every value starts in one column, at least two spaces after the longest label.
            final Matcher row = Pattern.compile("^(.*?\\S) {2,}(\\S.*)$", Pattern.MULTILINE).matcher(table);
            final Set<Integer> valueColumns = new HashSet<>();
            long rows = 0;
            while (row.find())
            {
                valueColumns.add(row.start(2) - row.start());
                rows++;
            }
            assertEquals(table.lines().count(), rows, table);
            assertEquals(1, valueColumns.size(), table);
        }
    }

    @Test
    void shouldDescribeAnEmptyJournal(@TempDir final Path dir)
    {
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            final JournalStats stats = JournalStats.of(journal);

            assertEquals(0, stats.entries());
            assertEquals(Journal.NO_INDEX, stats.firstIndex());
            assertEquals(Journal.NO_INDEX, stats.lastIndex());
            assertEquals(JournalStats.NO_TIME, stats.firstReceiveTimeNanos());
            assertTrue(stats.countsByType().isEmpty());
            assertEquals(0, stats.cycleFiles());
        }
    }

    private static long appendJunk(final Journal journal)
    {
        try (ExcerptAppender appender = journal.newAppender())
        {
            try (DocumentContext document = appender.writingDocument())
            {
                document.wire().bytes().write(new byte[] {1, 2, 3});
            }
            return appender.lastIndexAppended();
        }
    }

    private static void count(final Map<Venue, Long> venues, final Venue... seen)
    {
        for (final Venue venue : seen)
        {
            venues.merge(venue, 1L, Long::sum);
        }
    }

    private static long sizeOfFiles(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            long size = 0;
            for (final Path file : files.toList())
            {
                size += Files.size(file);
            }
            return size;
        }
    }
}
