package zvt.crypto.feed.book;

import org.agrona.DirectBuffer;

/** Reads a venue's REST order-book snapshot body into a {@link BookFields} snapshot. */
@FunctionalInterface
public interface SnapshotReader
{
    /**
     * @param into reset by the reader as a snapshot of {@code instrumentId}; its {@link BookFields#lastId()} is the
     *             id the snapshot ends at (Binance {@code lastUpdateId}, OKX {@code seqId}).
     * @return false if the body is not a snapshot.
     */
    boolean read(int instrumentId, DirectBuffer body, int offset, int length, BookFields into);
}
