package zvt.crypto.journal;

import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.core.event.EventView;

import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Positioning a reader: by time across several daily cycles, by index, at the end.
 */
class JournalReaderTest
{
    private static final long DAY_NANOS = TimeUnit.DAYS.toNanos(1);
    private static final long HOUR_NANOS = TimeUnit.HOURS.toNanos(1);
    private static final int DAYS = 3;
    private static final int PER_DAY = 1_000;

    @Test
    void shouldSeekToTheFirstEventAtOrAfterATimeAcrossCycles(@TempDir final Path dir)
    {
        final AtomicLong clock = new AtomicLong(SyntheticTrades.BASE_TIME_NANOS);
        final long[] times = new long[DAYS * PER_DAY];
        final long[] indexes = new long[DAYS * PER_DAY];
        final JournalContext context = new JournalContext().directory(dir).clock(clock::get).timeSeekSlackNanos(0);
        try (Journal journal = Journal.open(context))
        {
            try (TradeAppender appender = new TradeAppender(journal))
            {
                for (int day = 0; day < DAYS; day++)
                {
                    clock.set(SyntheticTrades.BASE_TIME_NANOS + day * DAY_NANOS + HOUR_NANOS);
                    for (int k = 0; k < PER_DAY; k++)
                    {
                        final int i = day * PER_DAY + k;
                        times[i] = clock.get() + k * TimeUnit.MILLISECONDS.toNanos(7);
                        indexes[i] = appender.append(i, times[i]);
                    }
                }
            }
            assertEquals(DAYS, journal.queue().rollCycle().toCycle(indexes[DAYS * PER_DAY - 1]) -
                journal.queue().rollCycle().toCycle(indexes[0]) + 1, "one cycle per day");

            final Random random = new Random(42);
            try (JournalReader reader = journal.newReader())
            {
                for (int probe = 0; probe < 300; probe++)
                {
                    final long target = probe == 0 ? times[0] - 1 : probe == 1 ? times[times.length - 1] + 1 :
                        times[0] - HOUR_NANOS + (long)(random.nextDouble() * (DAYS * DAY_NANOS));
                    final int expected = firstAtOrAfter(times, target);
                    final LongArrayList read = new LongArrayList();

                    reader.seekToTime(target).readNext((buffer, offset, length, index) -> read.addLong(index));

                    if (expected == times.length)
                    {
                        assertTrue(read.isEmpty(), "nothing at or after " + target);
                    }
                    else
                    {
                        assertEquals(indexes[expected], read.getLong(0), "first event at or after " + target);
                    }
                }
            }
        }
    }

    @Test
    void shouldStartEarlierBySlackSoNearlyMonotonicEventsAreNotMissed(@TempDir final Path dir)
    {
        try (Journal journal = Journal.open(new JournalContext().directory(dir).timeSeekSlackNanos(5_000)))
        {
            try (TradeAppender appender = new TradeAppender(journal))
            {
                for (int i = 0; i < 10_000; i++)
                {
                    appender.append(i, SyntheticTrades.receiveTimeNanos(i));
                }
            }
            final long target = SyntheticTrades.receiveTimeNanos(5_000);
            final AtomicLong firstTime = new AtomicLong();
            try (JournalReader reader = journal.newReader())
            {
                reader.seekToTime(target).readNext((buffer, offset, length, index) ->
                    firstTime.set(EventView.receiveTimeNanos(buffer, offset)));
            }
            assertTrue(firstTime.get() < target - 2_000, "starts up to the slack earlier");
            final long earliest = target - 5_000 - SyntheticTrades.MAX_JITTER_NANOS - SyntheticTrades.SPACING_NANOS;
            assertTrue(firstTime.get() >= earliest,
                "but not much earlier than the slack");
        }
    }

    @Test
    void shouldMoveToAndAfterAnIndex(@TempDir final Path dir)
    {
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            final long[] indexes = new long[10];
            try (TradeAppender appender = new TradeAppender(journal))
            {
                for (int i = 0; i < indexes.length; i++)
                {
                    indexes[i] = appender.append(i, SyntheticTrades.receiveTimeNanos(i));
                }
            }
            try (JournalReader reader = journal.newReader())
            {
                final LongArrayList read = new LongArrayList();
                assertTrue(reader.moveToIndex(indexes[4]));
                reader.readNext((buffer, offset, length, index) -> read.addLong(index));
                assertTrue(reader.moveAfterIndex(indexes[7]));
                reader.readNext((buffer, offset, length, index) -> read.addLong(index));
                assertEquals(indexes[4], read.getLong(0));
                assertEquals(indexes[8], read.getLong(1));

                assertFalse(reader.moveToIndex(indexes[9] + 5), "an index never written");
                assertFalse(reader.moveAfterIndex(indexes[9] + 5), "an index never written");
            }
        }
    }

    @Test
    void shouldReadOnlyNewEntriesFromTheEnd(@TempDir final Path dir)
    {
        try (Journal journal = Journal.open(new JournalContext().directory(dir));
            TradeAppender appender = new TradeAppender(journal);
            JournalReader reader = journal.newReader())
        {
            appender.append(0, SyntheticTrades.receiveTimeNanos(0));
            appender.append(1, SyntheticTrades.receiveTimeNanos(1));
            reader.toEnd();
            final LongArrayList read = new LongArrayList();

            assertEquals(0, reader.poll((buffer, offset, length, index) -> read.addLong(index), 10));
            final long newIndex = appender.append(2, SyntheticTrades.receiveTimeNanos(2));
            assertEquals(1, reader.poll((buffer, offset, length, index) -> read.addLong(index), 10));

            assertEquals(newIndex, read.getLong(0));
        }
    }

    private static int firstAtOrAfter(final long[] times, final long target)
    {
        int i = 0;
        while (i < times.length && times[i] < target)
        {
            i++;
        }
        return i;
    }
}
