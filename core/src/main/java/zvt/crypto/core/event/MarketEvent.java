package zvt.crypto.core.event;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One ring slot: a pre-allocated buffer holding one SBE-encoded event, the same bytes the journal stores. Producers
 * encode straight into {@link #buffer()} and set {@link #length(int)}; the journal consumer sets the journal index
 * that every later consumer forwards. A slot with length 0 carries nothing (its producer rejected the input) and
 * every consumer skips it.
 */
public final class MarketEvent
{
    /** Room for any single event; large book snapshots are split into batches that fit. */
    public static final int CAPACITY = 2048;
    public static final long NO_JOURNAL_INDEX = -1;

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[CAPACITY]);
    private int length;
    private long journalIndex = NO_JOURNAL_INDEX;
    private long journalTimeNanos;

    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    public int length()
    {
        return length;
    }

    public MarketEvent length(final int length)
    {
        this.length = length;
        return this;
    }

    public boolean isEmpty()
    {
        return length == 0;
    }

    public long journalIndex()
    {
        return journalIndex;
    }

    public MarketEvent journalIndex(final long journalIndex)
    {
        this.journalIndex = journalIndex;
        return this;
    }

    /** @return when the journal appended it (the latency clock's epoch nanos), or 0 when not measured. */
    public long journalTimeNanos()
    {
        return journalTimeNanos;
    }

    public MarketEvent journalTimeNanos(final long journalTimeNanos)
    {
        this.journalTimeNanos = journalTimeNanos;
        return this;
    }

    public int templateId()
    {
        return EventView.templateId(buffer, 0);
    }

    /** Clears the slot before a producer fills it, so nothing of the previous event can leak through. */
    public MarketEvent reset()
    {
        length = 0;
        journalIndex = NO_JOURNAL_INDEX;
        journalTimeNanos = 0;
        return this;
    }
}
