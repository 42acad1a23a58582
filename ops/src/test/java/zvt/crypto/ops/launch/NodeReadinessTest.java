package zvt.crypto.ops.launch;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The node's own readiness reasons: none on a healthy journal disk without a database; a clear one when the journal's
 * disk is short of space or its directory is gone.
 */
class NodeReadinessTest
{
    @Test
    void shouldBeReadyWithRoomOnTheJournalDisk(@TempDir final Path dir)
    {
        assertEquals(List.of(), new NodeReadiness(dir, 1, null, 10_000).reasons());
    }

    @Test
    void shouldNameTheJournalDiskWhenItIsShortOfSpace(@TempDir final Path dir)
    {
        final List<String> reasons = new NodeReadiness(dir, Long.MAX_VALUE, null, 10_000).reasons();
        assertEquals(1, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).startsWith("journal disk has "), reasons.get(0));
    }

    @Test
    void shouldNameAMissingJournalDirectory(@TempDir final Path dir)
    {
        final Path missing = dir.resolve("gone");
        assertEquals(List.of("journal directory " + missing + " is not writable"),
            new NodeReadiness(missing, 1, null, 10_000).reasons());
    }
}
