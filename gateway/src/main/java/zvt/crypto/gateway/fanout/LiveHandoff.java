package zvt.crypto.gateway.fanout;

import java.util.concurrent.CompletableFuture;

/**
 * A resuming session's request to join the live stream right after the journal entry its replay sent last
 * ({@code afterIndex}). The fan-out answers on its own thread, through {@code answer}:
 * <ul>
 *   <li>with {@code afterIndex} when the session is live: just after handling that entry it sent the session
 *       {@code {"type":"live","journalIndex":afterIndex}}, registered {@code keys} (a book snapshot for each book
 *       key, as for any subscribe), and every later event reaches the session from the fan-out;</li>
 *   <li>with its own position, beyond {@code afterIndex}, when it has handled later entries already: the replay must
 *       first send up to there, then ask again.</li>
 * </ul>
 * So the replayed and the live messages meet with no gap and no duplicate, and the fan-out never reads the journal.
 */
public record LiveHandoff(long[] keys, long afterIndex, CompletableFuture<Long> answer)
{
    /** @return true if the answer means the session is live. */
    public boolean isLive(final long answered)
    {
        return answered == afterIndex;
    }
}
