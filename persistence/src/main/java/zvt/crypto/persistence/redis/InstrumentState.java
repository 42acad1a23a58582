package zvt.crypto.persistence.redis;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import zvt.crypto.core.event.MarketEvent;

/**
 * One instrument's latest state, written by the ring thread and copied out by the Redis flusher without locks: a
 * sequence lock (odd while the ring thread writes; the flusher retries a copy that saw a change) and a {@code queued}
 * flag so the instrument is in the flusher's queue at most once however often it changes.
 * <p>
 * The last trade, top of book and forming candle are held as their latest SBE event, its journal index first, and
 * the flusher renders them to JSON: off the ring thread, and once per drain rather than once per ring batch. The book
 * is held as JSON: only the ring thread has the book to render.
 * <p>
 * Thread-safety: {@link #beginWrite}, {@link #field} for writing and {@link #endWrite} on the ring thread only;
 * {@link #copy} and {@link #dequeued} on the flusher thread only.
 */
final class InstrumentState
{
    /** The hash fields, in the order of their buffers. */
    enum Field
    {
        TRADE("trade", true), TOP("top", true), BOOK("book", false), CANDLE("candle", true);

        final String hashField;
        /** Held as an SBE event after its journal index ({@link #writeEvent}), else as JSON. */
        final boolean event;

        Field(final String hashField, final boolean event)
        {
            this.hashField = hashField;
            this.event = event;
        }
    }

    private static final Field[] FIELDS = Field.values();
    /** A field held as an event: its journal index, then the event. */
    static final int EVENT_CAPACITY = Long.BYTES + MarketEvent.CAPACITY;

    final int instrumentId;
    private final AtomicLong version = new AtomicLong();
    private final AtomicInteger queued = new AtomicInteger();
    private final UnsafeBuffer[] fields = new UnsafeBuffer[FIELDS.length];
    private final int[] lengths = new int[FIELDS.length];
    /** Per field, how many times the ring thread wrote it: the flusher writes a field whose count moved. */
    private final long[] writes = new long[FIELDS.length];

    InstrumentState(final int instrumentId, final int bookCapacity)
    {
        this.instrumentId = instrumentId;
        for (final Field field : FIELDS)
        {
            fields[field.ordinal()] = new UnsafeBuffer(new byte[field.event ? EVENT_CAPACITY : bookCapacity]);
        }
    }

    void beginWrite()
    {
        version.setOpaque(version.getPlain() + 1);
        java.lang.invoke.VarHandle.storeStoreFence();
    }

    /** @return the JSON field's buffer to render into at 0; then {@link #written}. */
    MutableDirectBuffer field(final Field field)
    {
        return fields[field.ordinal()];
    }

    /** Holds an event field's latest event (SBE, {@code length} bytes at 0) and its journal index. */
    void writeEvent(final Field field, final DirectBuffer event, final int length, final long journalIndex)
    {
        final UnsafeBuffer buffer = fields[field.ordinal()];
        buffer.putLong(0, journalIndex);
        buffer.putBytes(Long.BYTES, event, 0, length);
        written(field, Long.BYTES + length);
    }

    void written(final Field field, final int length)
    {
        lengths[field.ordinal()] = length;
        writes[field.ordinal()]++;
    }

    /** Ends the write; @return true if the flusher must be told (the instrument was not already queued). */
    boolean endWrite()
    {
        version.set(version.getPlain() + 1); // volatile: ordered before the queued flag's check below
        return queued.compareAndSet(0, 1);
    }

    /** The ring thread could not queue it (the queue is full): a later change tries again. */
    void notQueued()
    {
        queued.set(0);
    }

    /** The flusher took it from the queue: a change from now on queues it again. */
    void dequeued()
    {
        queued.set(0);
    }

    /**
     * Copies a consistent view of every field into {@code into} (one buffer per field, each at least the field's
     * capacity), retrying while the ring thread writes.
     *
     * @param lengthsOut each field's length.
     * @param writesOut  each field's write count.
     */
    void copy(final MutableDirectBuffer[] into, final int[] lengthsOut, final long[] writesOut)
    {
        while (true)
        {
            final long before = version.get();
            if ((before & 1) == 0)
            {
                for (int i = 0; i < FIELDS.length; i++)
                {
                    final int length = Math.min(lengths[i], fields[i].capacity());
                    lengthsOut[i] = length;
                    writesOut[i] = writes[i];
                    into[i].putBytes(0, fields[i], 0, length);
                }
                java.lang.invoke.VarHandle.loadLoadFence();
                if (version.get() == before)
                {
                    return;
                }
            }
            Thread.onSpinWait();
        }
    }

    static Field[] fields()
    {
        return FIELDS;
    }
}
