package zvt.crypto.journal.replay;

/**
 * What a replay did.
 *
 * @param read         journal entries read (matching or not).
 * @param delivered    entries that matched the filter and were handed to the listener.
 * @param firstIndex   journal index of the first entry delivered, or {@code Journal.NO_INDEX}.
 * @param lastIndex    journal index of the last entry delivered, or {@code Journal.NO_INDEX}.
 * @param end          why the replay ended.
 * @param elapsedNanos wall-clock duration of the replay.
 */
public record ReplayResult(long read, long delivered, long firstIndex, long lastIndex, End end, long elapsedNanos)
{
    /** Why a replay ended. */
    public enum End
    {
        /** Every entry present when the replay reached the end was read. */
        END_OF_JOURNAL,
        /** An entry later than the filter's upper bound plus the time seek slack was read. */
        END_OF_RANGE,
        /** The requested number of entries was delivered. */
        LIMIT,
        /** {@link JournalReplayer#stop()} was called. */
        STOPPED
    }
}
