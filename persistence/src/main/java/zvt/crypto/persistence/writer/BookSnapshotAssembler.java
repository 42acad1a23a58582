package zvt.crypto.persistence.writer;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.Int2ObjectHashMap;

import zvt.crypto.core.codec.BookUpdateDecoder;
import zvt.crypto.core.codec.Side;
import zvt.crypto.core.decimal.AsciiDecimal;
import zvt.crypto.journal.Journal;

/**
 * Joins the BookUpdate SNAPSHOT events of one book (a large snapshot spans several events, the last flagged) into
 * the JSON arrays of one crypto_orderbook row: {@code [["price","size"], ...]} with exact decimal strings.
 * Remembers, per open snapshot, the journal index just before its first event, so the writer never checkpoints past
 * the start of a snapshot it has not finished (a restart re-reads it whole).
 * <p>
 * Not thread-safe: owned by the writer thread. Allocates per instrument once, not per event.
 */
final class BookSnapshotAssembler
{
    private final Int2ObjectHashMap<Snapshot> open = new Int2ObjectHashMap<>();

    /**
     * Adds one SNAPSHOT event.
     *
     * @param indexBefore the journal index read before this event (where a restart must resume to see it whole).
     * @return the snapshot when this event completed it, else null.
     */
    Snapshot onSnapshotEvent(final BookUpdateDecoder decoder, final long indexBefore)
    {
        final int instrumentId = decoder.instrumentId();
        Snapshot snapshot = open.get(instrumentId);
        if (snapshot == null)
        {
            snapshot = new Snapshot();
            open.put(instrumentId, snapshot);
        }
        if (!snapshot.inProgress)
        {
            snapshot.start(indexBefore);
        }
        for (final BookUpdateDecoder.LevelsDecoder level : decoder.levels())
        {
            final boolean bid = level.side() == Side.BUY;
            snapshot.add(bid, level.price().mantissa(), level.price().exponent(), level.size().mantissa(),
                level.size().exponent());
        }
        if (decoder.lastInBatchRaw() == 1)
        {
            snapshot.finish(decoder.exchangeTimeNanos(), decoder.lastSequence());
            return snapshot;
        }
        return null;
    }

    /** @return the earliest index a restart must resume after to see every open snapshot whole, or {@code limit}. */
    long safeCheckpoint(final long limit)
    {
        long safe = limit;
        for (final Snapshot snapshot : open.values())
        {
            if (snapshot.inProgress && snapshot.indexBefore < safe)
            {
                safe = snapshot.indexBefore;
            }
        }
        return safe;
    }

    /** Forgets every open snapshot (after a failed batch, the journal is re-read from the checkpoint). */
    void clear()
    {
        for (final Snapshot snapshot : open.values())
        {
            snapshot.inProgress = false;
        }
    }

    /** One book's snapshot being joined; its buffers are reused for the next snapshot of the same book. */
    static final class Snapshot
    {
        final ExpandableArrayBuffer bids = new ExpandableArrayBuffer(4096);
        final ExpandableArrayBuffer asks = new ExpandableArrayBuffer(4096);
        int bidsLength;
        int asksLength;
        long exchangeTimeNanos;
        long sequence;
        boolean inProgress;
        long indexBefore = Journal.NO_INDEX;

        void start(final long indexBefore)
        {
            this.indexBefore = indexBefore;
            inProgress = true;
            bids.putByte(0, (byte)'[');
            asks.putByte(0, (byte)'[');
            bidsLength = 1;
            asksLength = 1;
        }

        void add(final boolean bid, final long price, final int priceExponent, final long size, final int sizeExponent)
        {
            final ExpandableArrayBuffer target = bid ? bids : asks;
            int position = bid ? bidsLength : asksLength;
            if (position > 1)
            {
                target.putByte(position++, (byte)',');
            }
            target.checkLimit(position + 2 * AsciiDecimal.MAX_RENDERED_LENGTH + 8);
            target.putByte(position++, (byte)'[');
            target.putByte(position++, (byte)'"');
            position += AsciiDecimal.render(price, priceExponent, target, position);
            target.putByte(position++, (byte)'"');
            target.putByte(position++, (byte)',');
            target.putByte(position++, (byte)'"');
            position += AsciiDecimal.render(size, sizeExponent, target, position);
            target.putByte(position++, (byte)'"');
            target.putByte(position++, (byte)']');
            if (bid)
            {
                bidsLength = position;
            }
            else
            {
                asksLength = position;
            }
        }

        void finish(final long exchangeTimeNanos, final long sequence)
        {
            bids.putByte(bidsLength++, (byte)']');
            asks.putByte(asksLength++, (byte)']');
            this.exchangeTimeNanos = exchangeTimeNanos;
            this.sequence = sequence;
            inProgress = false;
        }
    }
}
