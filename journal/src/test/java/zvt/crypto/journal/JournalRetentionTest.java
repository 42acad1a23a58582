package zvt.crypto.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.core.codec.MarketType;
import zvt.crypto.core.codec.Venue;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.event.EventView;
import zvt.crypto.core.instrument.InstrumentRegistry;
import zvt.crypto.core.test.Tests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Retention on a journal whose clock the test moves across days.
 */
class JournalRetentionTest
{
    private static final long DAY_NANOS = TimeUnit.DAYS.toNanos(1);
    private static final long HOUR_NANOS = TimeUnit.HOURS.toNanos(1);
    private static final int DAYS = 5;
    private static final int PER_DAY = 100;

    private final AtomicLong clock = new AtomicLong(dayStart(0));

    @Test
    void shouldDeleteCyclesOlderThanRetentionWhenANewCycleStarts(@TempDir final Path dir)
    {
        try (Journal journal = Journal.open(context(dir).retentionCycles(2));
            TradeAppender appender = new TradeAppender(journal))
        {
            for (int day = 0; day < DAYS; day++)
            {
                writeDay(appender, day);
                final int expected = Math.min(day + 1, 2);
                Tests.await(() -> cycleFiles(dir) == expected, Duration.ofSeconds(10),
                    () -> "cycle files " + cycleFiles(dir) + ", expected " + expected);
            }

            assertEquals(List.of(3, 4), daysOnDisk(journal), "only the last two days are kept");
            assertEquals(3, journal.retentionDeletedFiles());
            assertEquals(2, JournalStats.of(journal).cycleFiles());
        }
    }

    @Test
    void shouldKeepEveryCycleWithoutRetention(@TempDir final Path dir)
    {
        try (Journal journal = Journal.open(context(dir));
            TradeAppender appender = new TradeAppender(journal))
        {
            for (int day = 0; day < DAYS; day++)
            {
                writeDay(appender, day);
            }
            assertEquals(0, journal.applyRetention());
            assertEquals(DAYS, cycleFiles(dir));
            assertEquals(List.of(0, 1, 2, 3, 4), daysOnDisk(journal));
        }
    }

    @Test
    void shouldApplyRetentionWhenOpeningAnOldJournal(@TempDir final Path dir)
    {
        try (Journal journal = Journal.open(context(dir));
            TradeAppender appender = new TradeAppender(journal))
        {
            for (int day = 0; day < DAYS; day++)
            {
                writeDay(appender, day);
            }
        }
        assertEquals(DAYS, cycleFiles(dir));

        clock.set(dayStart(DAYS - 1));
        try (Journal journal = Journal.open(context(dir).retentionCycles(3)))
        {
            assertEquals(3, cycleFiles(dir), "retention runs as the journal opens");
            assertEquals(List.of(2, 3, 4), daysOnDisk(journal));
        }
    }

    @Test
    void shouldKeepInstrumentsDefinedInDeletedCycles(@TempDir final Path dir)
    {
        final InstrumentRegistry registry = new InstrumentRegistry();
        registry.intern(Venue.BINANCE, MarketType.SPOT, "BTCUSDT", "BTC-USDT");
        registry.intern(Venue.OKX, MarketType.PERPETUAL, "ETH-USDT-SWAP", "ETH-USDT");
        try (Journal journal = Journal.open(context(dir).retentionCycles(1));
            TradeAppender appender = new TradeAppender(new JournalEventHandler(journal, registry)))
        {
            for (int day = 0; day < 3; day++)
            {
                writeDay(appender, day);
                Tests.await(() -> cycleFiles(dir) == 1, Duration.ofSeconds(10), () -> "cycle files " + cycleFiles(dir));
            }

            assertEquals(List.of(2), daysOnDisk(journal));
            assertEquals(registry.all(), JournalInstruments.rebuild(journal).all(),
                "each cycle re-journals the registry's definitions");
            assertEquals(3L * registry.all().size(), appender.handler().appendedDefinitions());
        }
    }

    private JournalContext context(final Path dir)
    {
        return new JournalContext().directory(dir).clock(clock::get);
    }

    private void writeDay(final TradeAppender appender, final int day)
    {
        clock.set(dayStart(day));
        for (int k = 0; k < PER_DAY; k++)
        {
            appender.append((long)day * PER_DAY + k, dayStart(day) + k);
        }
    }

    private static long dayStart(final int day)
    {
        return SyntheticTrades.BASE_TIME_NANOS + day * DAY_NANOS + HOUR_NANOS;
    }

    /** @return the days whose trades are still readable, in order, each checked to be complete. */
    private static List<Integer> daysOnDisk(final Journal journal)
    {
        final List<Integer> days = new ArrayList<>();
        final int[] perDay = new int[DAYS];
        try (JournalReader reader = journal.newReader())
        {
            reader.toStart();
            while (reader.readNext((buffer, offset, length, index) ->
            {
                if (EventView.templateId(buffer, offset) == EventType.TRADE.templateId())
                {
                    final int day = (int)((EventView.receiveTimeNanos(buffer, offset) - dayStart(0)) / DAY_NANOS);
                    if (days.isEmpty() || days.get(days.size() - 1) != day)
                    {
                        days.add(day);
                    }
                    perDay[day]++;
                }
            }))
            {
                // collecting
            }
        }
        for (final int day : days)
        {
            assertEquals(PER_DAY, perDay[day], "day " + day + " complete");
        }
        return days;
    }

    private static int cycleFiles(final Path dir)
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return (int)files.filter(file -> file.getFileName().toString().endsWith(".cq4")).count();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
