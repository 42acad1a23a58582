package zvt.crypto.journal.replay;

import org.agrona.DirectBuffer;
import zvt.crypto.core.event.EventView;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalEventListener;
import zvt.crypto.journal.JournalReader;

import java.util.concurrent.locks.LockSupport;

/**
 * Replays a journal range to a listener, at full speed or at the recorded pace times a factor.
 * <p>
 * Where it starts: at {@link #fromIndex(long)} if given, else at a time seek to the filter's lower bound, else at the
 * start. Where it ends: at the end of the journal as it is when reached, once an entry later than the filter's upper
 * bound plus the time seek slack has been read (receive time is nearly monotonic, so nothing matching can follow),
 * after {@link #limit(long)} deliveries, or when {@link #stop()} is called.
 * <p>
 * Pacing: with a speed factor {@code s > 0}, a matching entry whose receive time is {@code d} nanoseconds after the
 * first delivered one is delivered {@code d / s} nanoseconds after it (parking in between), so 1 is the recorded
 * pace and 10 ten times faster. Entries recorded out of order are delivered at once.
 * <p>
 * Thread-safety: {@link #replay} runs on the calling thread and may be called once per replayer at a time;
 * {@link #stop()} may be called from any thread and is final for this replayer. Configure before replaying.
 */
public final class JournalReplayer
{
    /** Speed factor meaning "as fast as the listener takes them". */
    public static final double FULL_SPEED = 0;

    private static final long MAX_PARK_NANOS = 10_000_000;

    private final Journal journal;
    private ReplayFilter filter = ReplayFilter.all();
    private double speed = FULL_SPEED;
    private long fromIndex = Journal.NO_INDEX;
    private long limit = Long.MAX_VALUE;
    private volatile boolean stopRequested;

    public JournalReplayer(final Journal journal)
    {
        this.journal = journal;
    }

    public JournalReplayer filter(final ReplayFilter filter)
    {
        this.filter = filter;
        return this;
    }

    /**
     * @param speed {@link #FULL_SPEED} (0), or a factor over the recorded pace (1 = as recorded, 2 = twice as fast).
     */
    public JournalReplayer speed(final double speed)
    {
        if (!(speed >= 0) || Double.isInfinite(speed))
        {
            throw new IllegalArgumentException("replay speed must be 0 (full speed) or a positive factor: " + speed);
        }
        this.speed = speed;
        return this;
    }

    /**
     * @param index journal index of the first entry to read, instead of seeking by the filter's lower time bound.
     */
    public JournalReplayer fromIndex(final long index)
    {
        this.fromIndex = index;
        return this;
    }

    /** @param maxDelivered stop after delivering this many entries. */
    public JournalReplayer limit(final long maxDelivered)
    {
        if (maxDelivered <= 0)
        {
            throw new IllegalArgumentException("replay limit must be positive: " + maxDelivered);
        }
        this.limit = maxDelivered;
        return this;
    }

    /** Ends a running replay after the entry in hand (or before the next, if it is pacing); also future ones. */
    public void stop()
    {
        stopRequested = true;
    }

    public boolean isStopRequested()
    {
        return stopRequested;
    }

    /**
     * @return what was read and delivered, and why the replay ended.
     * @throws IllegalArgumentException if {@link #fromIndex(long)} names no entry in the journal.
     */
    public ReplayResult replay(final JournalEventListener listener)
    {
        final long startNanos = System.nanoTime();
        final Sink sink = new Sink(listener, startNanos);
        try (JournalReader reader = journal.newReader())
        {
            position(reader);
            while (sink.end == null && reader.readNext(sink))
            {
                if (stopRequested)
                {
                    sink.end = ReplayResult.End.STOPPED;
                }
            }
        }
        final ReplayResult.End end = sink.end != null ? sink.end :
            stopRequested ? ReplayResult.End.STOPPED : ReplayResult.End.END_OF_JOURNAL;
        return new ReplayResult(
            sink.read, sink.delivered, sink.firstIndex, sink.lastIndex, end, System.nanoTime() - startNanos);
    }

    private void position(final JournalReader reader)
    {
        if (fromIndex != Journal.NO_INDEX)
        {
            if (!reader.moveToIndex(fromIndex))
            {
                throw new IllegalArgumentException("journal index " + fromIndex + " (0x" + Long.toHexString(fromIndex) +
                    ") is not in the journal: first " + journal.firstIndex() + ", last " + journal.lastIndex());
            }
        }
        else if (filter.hasFrom())
        {
            reader.seekToTime(filter.fromNanos());
        }
        else
        {
            reader.toStart();
        }
    }

    /** Filters, paces and counts; one per replay. */
    private final class Sink implements JournalEventListener
    {
        private final JournalEventListener listener;
        private final long endOfRangeNanos;
        private long read;
        private long delivered;
        private long firstIndex = Journal.NO_INDEX;
        private long lastIndex = Journal.NO_INDEX;
        private long firstReceiveTime;
        private long firstDeliveryNanos;
        private ReplayResult.End end;

        Sink(final JournalEventListener listener, final long startNanos)
        {
            this.listener = listener;
            final long slack = journal.context().timeSeekSlackNanos();
            final long to = filter.toNanos();
            endOfRangeNanos = !filter.hasTo() || to + slack < to ? Long.MAX_VALUE : to + slack;
            firstDeliveryNanos = startNanos;
        }

        public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long index)
        {
            read++;
            if (!filter.matches(buffer, offset, length))
            {
                if (length >= EventView.MIN_LENGTH && EventView.receiveTimeNanos(buffer, offset) >= endOfRangeNanos)
                {
                    end = ReplayResult.End.END_OF_RANGE;
                }
                return;
            }
            if (speed != FULL_SPEED && !pace(EventView.receiveTimeNanos(buffer, offset)))
            {
                end = ReplayResult.End.STOPPED;
                return;
            }
            listener.onEvent(buffer, offset, length, index);
            if (delivered++ == 0)
            {
                firstIndex = index;
            }
            lastIndex = index;
            if (delivered >= limit)
            {
                end = ReplayResult.End.LIMIT;
            }
        }

        /** @return false if stopped while waiting. */
        private boolean pace(final long receiveTime)
        {
            if (delivered == 0)
            {
                firstReceiveTime = receiveTime;
                firstDeliveryNanos = System.nanoTime();
                return !stopRequested;
            }
            final long due = firstDeliveryNanos + (long)((receiveTime - firstReceiveTime) / speed);
            long now;
            while ((now = System.nanoTime()) < due)
            {
                if (stopRequested)
                {
                    return false;
                }
                LockSupport.parkNanos(Math.min(due - now, MAX_PARK_NANOS));
            }
            return !stopRequested;
        }
    }
}
