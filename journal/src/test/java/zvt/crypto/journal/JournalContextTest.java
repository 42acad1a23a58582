package zvt.crypto.journal;

import net.openhft.chronicle.queue.RollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Journal configuration: defaults, validation once, read-only opening.
 */
class JournalContextTest
{
    @Test
    void shouldDefaultToADailyJournalUnderData()
    {
        final JournalContext context = new JournalContext();

        assertEquals(Path.of(JournalContext.DIRECTORY_DEFAULT), context.directory());
        assertSame(RollCycles.FAST_DAILY, context.rollCycle());
        assertEquals(0, context.retentionCycles());
        assertEquals(JournalContext.TIME_SEEK_SLACK_NANOS_DEFAULT, context.timeSeekSlackNanos());
        assertFalse(context.readOnly());
    }

    @Test
    void shouldRejectInvalidSettingsWithTheirName(@TempDir final Path dir) throws IOException
    {
        assertMessage("retention", new JournalContext().directory(dir).retentionCycles(-1));
        assertMessage("slack", new JournalContext().directory(dir).timeSeekSlackNanos(-1));
        assertMessage("roll cycle", new JournalContext().directory(dir).rollCycle(null));
        assertMessage("directory", new JournalContext().directory(null));
        assertMessage("is a file", new JournalContext().directory(Files.createFile(dir.resolve("file"))));
        assertMessage("no journal", new JournalContext().directory(dir.resolve("absent")).readOnly(true));
    }

    @Test
    void shouldFreezeOnceConcluded(@TempDir final Path dir)
    {
        final JournalContext context = new JournalContext().directory(dir).retentionCycles(3).conclude();

        assertSame(context, context.conclude());
        assertTrue(context.isConcluded());
        assertThrows(IllegalStateException.class, () -> context.retentionCycles(4));
        assertEquals(3, context.retentionCycles());
    }

    @Test
    void shouldOpenAnExistingJournalReadOnly(@TempDir final Path dir)
    {
        try (Journal journal = Journal.open(new JournalContext().directory(dir));
            TradeAppender appender = new TradeAppender(journal))
        {
            appender.append(0, SyntheticTrades.receiveTimeNanos(0));
        }

        try (Journal journal = Journal.open(new JournalContext().directory(dir).readOnly(true)))
        {
            assertEquals(1, JournalStats.of(journal).entries());
            assertThrows(IllegalStateException.class, journal::newAppender);
        }
    }

    private static void assertMessage(final String expected, final JournalContext context)
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class, context::conclude);
        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }
}
