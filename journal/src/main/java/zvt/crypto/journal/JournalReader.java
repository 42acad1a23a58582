package zvt.crypto.journal;

import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.event.EventView;

/**
 * Reads journal entries in order, zero-copy: each entry is handed to a {@link JournalEventListener} as a view over
 * the mapped file. Positions: the start, the end (only what is appended from now on), an index, or a receive time.
 * Reading never allocates; positioning by time does a little (once per seek).
 * <p>
 * Not thread-safe: a reader belongs to the thread that first reads with it. Create one per thread with
 * {@link Journal#newReader()} and close it there.
 */
public final class JournalReader implements AutoCloseable
{
    private final SingleChronicleQueue queue;
    private final RollCycle rollCycle;
    private final ExcerptTailer tailer;
    private final long timeSeekSlackNanos;
    private final UnsafeBuffer view = new UnsafeBuffer(new byte[0]);

    JournalReader(final Journal journal)
    {
        queue = journal.queue();
        rollCycle = queue.rollCycle();
        tailer = queue.createTailer();
        timeSeekSlackNanos = journal.context().timeSeekSlackNanos();
    }

    /** Positions at the first entry still on disk. */
    public JournalReader toStart()
    {
        tailer.toStart();
        return this;
    }

    /** Positions after the last entry: only entries appended from now on will be read. */
    public JournalReader toEnd()
    {
        tailer.toEnd();
        return this;
    }

    /**
     * Positions so that the next entry read is the one at {@code index}.
     *
     * @return false (position unchanged) if no entry has that index: never written, or deleted by retention.
     */
    public boolean moveToIndex(final long index)
    {
        return tailer.moveToIndex(index);
    }

    /**
     * Positions just after the entry at {@code index}: how a client resumes from the last index it saw.
     *
     * @return false (position unchanged) if no entry has that index.
     */
    public boolean moveAfterIndex(final long index)
    {
        if (!tailer.moveToIndex(index))
        {
            return false;
        }
        try (DocumentContext document = tailer.readingDocument())
        {
            return document.isPresent();
        }
    }

    /**
     * Positions at the first entry that may have a receive time at or after {@code receiveTimeNanos}: a binary search
     * by receive time within each cycle, aimed at {@code receiveTimeNanos - slack} (see
     * {@link JournalContext#timeSeekSlackNanos(long)}) because receive time is only nearly monotonic in journal
     * order. Entries up to the slack earlier may therefore follow; callers filter exactly (as the replayer does).
     * Positions at the end if every entry is earlier.
     */
    public JournalReader seekToTime(final long receiveTimeNanos)
    {
        final long target = receiveTimeNanos - timeSeekSlackNanos > receiveTimeNanos ?
            Long.MIN_VALUE : receiveTimeNanos - timeSeekSlackNanos;
        final int firstCycle = queue.firstCycle();
        final int lastCycle = queue.lastCycle();
        if (firstCycle <= lastCycle)
        {
            for (final Long cycleNumber : queue.listCyclesBetween(firstCycle, lastCycle))
            {
                final int cycle = cycleNumber.intValue();
                final long count = tailer.excerptsInCycle(cycle);
                if (count > 0 && receiveTimeAt(rollCycle.toIndex(cycle, count - 1)) >= target)
                {
                    long low = 0;
                    long high = count - 1; // invariant: the entry at high is at or after the target
                    while (low < high)
                    {
                        final long middle = (low + high) >>> 1;
                        if (receiveTimeAt(rollCycle.toIndex(cycle, middle)) >= target)
                        {
                            high = middle;
                        }
                        else
                        {
                            low = middle + 1;
                        }
                    }
                    if (tailer.moveToIndex(rollCycle.toIndex(cycle, low)))
                    {
                        return this;
                    }
                }
            }
        }
        tailer.toEnd();
        return this;
    }

    /**
     * Delivers the next entry, if one is there.
     *
     * @return true if an entry was delivered, false if the reader is at the end (for now).
     */
    public boolean readNext(final JournalEventListener listener)
    {
        try (DocumentContext document = tailer.readingDocument())
        {
            if (!document.isPresent())
            {
                return false;
            }
            final Bytes<?> bytes = document.wire().bytes();
            final int length = (int)bytes.readRemaining();
            view.wrap(bytes.addressForRead(bytes.readPosition()), length);
            listener.onEvent(view, 0, length, document.index());
            return true;
        }
    }

    /**
     * Delivers up to {@code limit} entries.
     *
     * @return how many were delivered; fewer than the limit means the reader reached the end.
     */
    public int poll(final JournalEventListener listener, final int limit)
    {
        int delivered = 0;
        while (delivered < limit && readNext(listener))
        {
            delivered++;
        }
        return delivered;
    }

    /** @return the index the next read would deliver (or the next to be written, at the end). */
    public long index()
    {
        return tailer.index();
    }

    public void close()
    {
        tailer.close();
    }

    /** @return the receive time of the entry at the index, or {@code Long.MIN_VALUE} if absent or not an event. */
    private long receiveTimeAt(final long index)
    {
        if (!tailer.moveToIndex(index))
        {
            return Long.MIN_VALUE;
        }
        try (DocumentContext document = tailer.readingDocument())
        {
            if (!document.isPresent())
            {
                return Long.MIN_VALUE;
            }
            final Bytes<?> bytes = document.wire().bytes();
            final int length = (int)bytes.readRemaining();
            if (length < EventView.MIN_LENGTH)
            {
                return Long.MIN_VALUE;
            }
            view.wrap(bytes.addressForRead(bytes.readPosition()), length);
            return EventView.receiveTimeNanos(view, 0);
        }
    }
}
