package zvt.crypto.journal;

import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.TailerDirection;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * The journal's last index and how many entries lie before it, for a thread that asks again and again (a sink
 * measuring its lag). Chronicle's {@code lastIndex()} and {@code countExcerpts} create and close a tailer on every
 * call, about half a millisecond of CPU here; this keeps one backward tailer and re-positions it at the end, and
 * counts within a cycle from the indexes alone.
 * <p>
 * Not thread-safe: it belongs to the thread that first asks, like a {@link JournalReader}. Close it there.
 */
public final class JournalHead implements AutoCloseable
{
    private final Journal journal;
    private final RollCycle rollCycle;
    private final ExcerptTailer tailer;

    JournalHead(final Journal journal)
    {
        this.journal = journal;
        rollCycle = journal.queue().rollCycle();
        tailer = journal.queue().createTailer().direction(TailerDirection.BACKWARD);
    }

    /** @return index of the last entry written, or {@link Journal#NO_INDEX} if the journal is empty. */
    public long lastIndex()
    {
        tailer.toEnd();
        try (DocumentContext document = tailer.readingDocument())
        {
            return document.isPresent() ? document.index() : Journal.NO_INDEX;
        }
    }

    /**
     * @param after   an entry's index, or {@link Journal#NO_INDEX} for "before the first entry on disk".
     * @param upTo    an index at or after {@code after}, usually {@link #lastIndex()}.
     * @return entries after {@code after} up to and including {@code upTo}.
     */
    public long entriesBetween(final long after, final long upTo)
    {
        if (upTo == Journal.NO_INDEX || upTo == after)
        {
            return 0;
        }
        if (after == Journal.NO_INDEX)
        {
            return journal.queue().countExcerpts(journal.firstIndex(), upTo) + 1;
        }
        // Entries of one cycle are numbered without holes, so within a cycle the difference is the count.
        return rollCycle.toCycle(after) == rollCycle.toCycle(upTo) ?
            rollCycle.toSequenceNumber(upTo) - rollCycle.toSequenceNumber(after) :
            journal.queue().countExcerpts(after, upTo);
    }

    public void close()
    {
        tailer.close();
    }
}
