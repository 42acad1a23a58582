package zvt.crypto.feed.okx;

import org.agrona.DirectBuffer;
import zvt.crypto.feed.book.BookFields;
import zvt.crypto.feed.book.SnapshotReader;

/**
 * Reads OKX {@code GET /api/v5/market/books} into a book snapshot whose id is the body's {@code seqId}, for the
 * REST-snapshot path of {@link OkxAdapter#newBookRule}. That the REST book carries {@code seqId} is from the OKX
 * changelog excerpt on the retirement of WebSocket snapshots ([doc], the rest of the procedure was truncated): a body
 * without one is refused (the book sync fetches again with backoff while the resubscription's in-stream snapshot,
 * if OKX still sends it, resyncs the book). REST path only: allocates a reader per body. Thread-safe.
 */
final class OkxBookSnapshotReader implements SnapshotReader
{
    public boolean read(
        final int instrumentId, final DirectBuffer body, final int offset, final int length, final BookFields into)
    {
        final OkxPayload payload = new OkxPayload(null, into.levels());
        if (!payload.parseRestBook(body, offset, length, instrumentId) || !payload.hasData() ||
            payload.dataError() != null || payload.seqId() == OkxPayload.NONE)
        {
            return false;
        }
        into.resetHeader(instrumentId, true).exchangeTimeNanos(payload.timeNanos()).ids(BookFields.NO_ID, payload.seqId());
        if (payload.hasChecksum())
        {
            into.checksum(payload.checksum());
        }
        return true;
    }
}
