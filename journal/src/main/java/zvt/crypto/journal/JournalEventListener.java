package zvt.crypto.journal;

import org.agrona.DirectBuffer;

/**
 * Receives journal entries, zero-copy.
 */
@FunctionalInterface
public interface JournalEventListener
{
    /**
     * @param buffer a view straight into the mapped journal file, valid only for the duration of this call: copy what
     *               must outlive it. Never write to it.
     * @param offset where the event's SBE message (header first) starts in the buffer.
     * @param length the event's length in bytes.
     * @param index  the entry's journal index.
     */
    void onEvent(DirectBuffer buffer, int offset, int length, long index);
}
