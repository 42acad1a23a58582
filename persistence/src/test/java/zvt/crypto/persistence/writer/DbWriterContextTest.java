package zvt.crypto.persistence.writer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalContext;
import zvt.crypto.persistence.DatabaseContext;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The writer id goes into COPY rows unescaped, so only ids that need no escaping are accepted, with a clear error.
 */
class DbWriterContextTest
{
    @Test
    void shouldAcceptPlainWriterIdsAndRefuseOthers(@TempDir final Path dir)
    {
        try (Journal journal = Journal.open(new JournalContext().directory(dir)))
        {
            for (final String id : new String[]{"node", "node-2", "eu_west.1", "x".repeat(64)})
            {
                assertDoesNotThrow(() -> context(journal, id).conclude(), id);
            }
            for (final String id : new String[]{"", "a\tb", "back\\slash", "new\nline", "x".repeat(65), "é"})
            {
                final IllegalArgumentException refused =
                    assertThrows(IllegalArgumentException.class, () -> context(journal, id).conclude(), id);
                assertTrue(refused.getMessage().startsWith("db writer id must be"), refused.getMessage());
            }
        }
    }

    private static DbWriterContext context(final Journal journal, final String writerId)
    {
        return new DbWriterContext().journal(journal)
            .database(new DatabaseContext().url("jdbc:postgresql://127.0.0.1:5432/test"))
            .writerId(writerId);
    }
}
