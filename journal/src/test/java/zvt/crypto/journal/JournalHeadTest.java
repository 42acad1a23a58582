package zvt.crypto.journal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * One head probe asked again and again agrees with Chronicle's own last index and entry counts: empty, after each
 * append, within a cycle and across cycle rolls (a new day's file).
 */
class JournalHeadTest
{
    private final AtomicLong clock = new AtomicLong(SyntheticTrades.BASE_TIME_NANOS);

    @Test
    void shouldFollowTheLastIndexAcrossAppendsAndCycles(@TempDir final Path dir)
    {
        try (Journal journal = Journal.open(new JournalContext().directory(dir).clock(clock::get));
            TradeAppender appender = new TradeAppender(journal);
            JournalHead head = journal.newHead())
        {
            assertEquals(Journal.NO_INDEX, head.lastIndex());
            final List<Long> indexes = new ArrayList<>();
            long i = 0;
            for (int day = 0; day < 3; day++)
            {
                clock.set(SyntheticTrades.BASE_TIME_NANOS + day * TimeUnit.DAYS.toNanos(1));
                for (int k = 0; k < 5; k++, i++)
                {
                    final long appended = appender.append(i, clock.get());
                    indexes.add(appended);
                    assertEquals(appended, head.lastIndex(), "after trade " + i);
                    assertEquals(journal.lastIndex(), head.lastIndex());
                }
            }
            assertEquals(head.lastIndex(), head.lastIndex(), "asking twice moves nothing");

            final long last = head.lastIndex();
            assertEquals(indexes.size(), head.entriesBetween(Journal.NO_INDEX, last));
            for (int k = 0; k < indexes.size(); k++)
            {
                assertEquals(indexes.size() - 1 - k, head.entriesBetween(indexes.get(k), last), "after entry " + k);
            }
            assertEquals(0, head.entriesBetween(last, Journal.NO_INDEX));
        }
    }
}
