package zvt.crypto.journal.replay;

import org.agrona.collections.LongArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.journal.SyntheticTrades;
import zvt.crypto.journal.TradeAppender;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replay at the recorded pace times a factor, and stopping a replay from another thread.
 */
class JournalReplayerPacingTest
{
    private static final int EVENTS = 11;

    @Test
    void shouldReplayAtTheRecordedPaceTimesTheSpeedFactor(@TempDir final Path dir)
    {
        final long gapNanos = TimeUnit.MILLISECONDS.toNanos(300); // 3 s recorded from first to last
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            write(journal, gapNanos);
            final LongArrayList deliveredAt = new LongArrayList();

            final ReplayResult result = new JournalReplayer(journal)
                .speed(10)
                .replay((buffer, offset, length, index) -> deliveredAt.addLong(System.nanoTime()));

            assertEquals(EVENTS, result.delivered());
            final long span = deliveredAt.getLong(EVENTS - 1) - deliveredAt.getLong(0);
            assertTrue(span >= TimeUnit.MILLISECONDS.toNanos(300),
                "3 s recorded at 10x takes at least 300 ms; took " + span / 1_000_000 + " ms");
            assertTrue(span < TimeUnit.MILLISECONDS.toNanos(2_000),
                "3 s recorded at 10x must take well under the recorded 3 s; took " + span / 1_000_000 + " ms");
            for (int k = 1; k < EVENTS; k++)
            {
                final long due = deliveredAt.getLong(0) + k * gapNanos / 10;
                assertTrue(deliveredAt.getLong(k) >= due, "event " + k + " delivered before its time");
            }
        }
    }

    @Test
    void shouldStopAPacedReplayWhenAsked(@TempDir final Path dir) throws Exception
    {
        final long gapNanos = TimeUnit.SECONDS.toNanos(1); // 10 s recorded
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            write(journal, gapNanos);
            final JournalReplayer replayer = new JournalReplayer(journal).speed(1);
            final CountDownLatch firstDelivered = new CountDownLatch(1);
            final Thread stopper = new Thread(() ->
            {
                try
                {
                    firstDelivered.await();
                    replayer.stop();
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            });
            stopper.start();

            final ReplayResult result = replayer.replay((buffer, offset, length, index) -> firstDelivered.countDown());
            stopper.join();

            assertEquals(ReplayResult.End.STOPPED, result.end());
            assertEquals(1, result.delivered());
            assertTrue(result.elapsedNanos() < TimeUnit.SECONDS.toNanos(1), "stopped while waiting for the second");
        }
    }

    private static void write(final Journal journal, final long gapNanos)
    {
        try (TradeAppender appender = new TradeAppender(journal))
        {
            for (int i = 0; i < EVENTS; i++)
            {
                appender.append(i, SyntheticTrades.BASE_TIME_NANOS + i * gapNanos);
            }
        }
    }
}
