package zvt.crypto.feed.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Predicate;

/**
 * Every fault the simulator injected, so a test can account for each one: counts per kind and stream kind always,
 * and the records themselves up to a cap (faults are rare by construction; the cap guards a misconfigured run or a
 * client too slow for the rate, whose every backpressure drop is a fault).
 * Written by the simulator's event loop; readable from any thread.
 */
public final class FaultLog
{
    /** Records kept; counts continue beyond it. */
    public static final int MAX_RECORDS = 200_000;

    private static final int STREAM_KINDS = StreamKind.values().length + 1;

    private final AtomicLongArray counts = new AtomicLongArray(FaultKind.values().length * STREAM_KINDS);
    private final List<FaultRecord> records = new ArrayList<>();
    private volatile boolean full;

    /** Messages affected by faults of this kind, over every stream kind. */
    public long count(final FaultKind kind)
    {
        long total = 0;
        for (int i = 0; i < STREAM_KINDS; i++)
        {
            total += counts.get(kind.ordinal() * STREAM_KINDS + i);
        }
        return total;
    }

    /** Messages of this stream kind affected by faults of this kind. */
    public long count(final FaultKind kind, final StreamKind streamKind)
    {
        return counts.get(index(kind, streamKind));
    }

    /** A copy of the records kept so far. */
    public List<FaultRecord> records()
    {
        synchronized (records)
        {
            return new ArrayList<>(records);
        }
    }

    /** A copy of the records kept so far that match. */
    public List<FaultRecord> records(final Predicate<FaultRecord> matching)
    {
        synchronized (records)
        {
            return records.stream().filter(matching).toList();
        }
    }

    public String toString()
    {
        final StringBuilder text = new StringBuilder();
        for (final FaultKind kind : FaultKind.values())
        {
            final long count = count(kind);
            if (count > 0)
            {
                text.append(text.isEmpty() ? "" : " ").append(kind).append('=').append(count);
            }
        }
        return text.isEmpty() ? "no faults" : text.toString();
    }

    public void record(final FaultRecord record)
    {
        countOnly(record.kind(), record.streamKind(), record.count());
        synchronized (records)
        {
            if (records.size() < MAX_RECORDS)
            {
                records.add(record);
            }
            else
            {
                full = true;
            }
        }
    }

    /** True once the records are capped; callers then only count, without building a record. */
    boolean isFull()
    {
        return full;
    }

    void countOnly(final FaultKind kind, final StreamKind streamKind, final long count)
    {
        final int index = index(kind, streamKind);
        counts.setRelease(index, counts.getPlain(index) + count);
    }

    private static int index(final FaultKind kind, final StreamKind streamKind)
    {
        return kind.ordinal() * STREAM_KINDS + (streamKind == null ? STREAM_KINDS - 1 : streamKind.ordinal());
    }
}
