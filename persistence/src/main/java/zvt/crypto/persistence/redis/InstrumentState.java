package zvt.crypto.persistence.redis;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One instrument's latest state as JSON, written by the ring thread and copied out by the Redis flusher without
 * locks: a sequence lock (odd while the ring thread writes; the flusher retries a copy that saw a change) and a
 * {@code queued} flag so the instrument is in the flusher's queue at most once however often it changes.
 * <p>
 * Thread-safety: {@link #beginWrite}, {@link #field} for writing and {@link #endWrite} on the ring thread only;
 * {@link #copy} and {@link #dequeued} on the flusher thread only.
 */
final class InstrumentState
{
    /** The hash fields, in the order of their buffers. */
    enum Field
    {
        TRADE("trade"), TOP("top"), BOOK("book"), CANDLE("candle");

        final String hashField;

        Field(final String hashField)
        {
            this.hashField = hashField;
        }
    }

    private static final Field[] FIELDS = Field.values();

    final int instrumentId;
    private final AtomicLong version = new AtomicLong();
    private final AtomicInteger queued = new AtomicInteger();
    private final UnsafeBuffer[] json = new UnsafeBuffer[FIELDS.length];
    private final int[] lengths = new int[FIELDS.length];
    /** Per field, how many times the ring thread wrote it: the flusher writes a field whose count moved. */
    private final long[] writes = new long[FIELDS.length];

    InstrumentState(final int instrumentId, final int smallCapacity, final int bookCapacity)
    {
        this.instrumentId = instrumentId;
        for (final Field field : FIELDS)
        {
            json[field.ordinal()] = new UnsafeBuffer(new byte[field == Field.BOOK ? bookCapacity : smallCapacity]);
        }
    }

    void beginWrite()
    {
        version.setOpaque(version.getPlain() + 1);
        java.lang.invoke.VarHandle.storeStoreFence();
    }

    /** @return the field's buffer to render into at 0; then {@link #written}. */
    MutableDirectBuffer field(final Field field)
    {
        return json[field.ordinal()];
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
     * @param lengthsOut each field's JSON length.
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
                    final int length = Math.min(lengths[i], json[i].capacity());
                    lengthsOut[i] = length;
                    writesOut[i] = writes[i];
                    into[i].putBytes(0, json[i], 0, length);
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
