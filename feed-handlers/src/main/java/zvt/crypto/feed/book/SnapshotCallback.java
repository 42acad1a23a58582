package zvt.crypto.feed.book;

import org.agrona.DirectBuffer;

/** Answer to a {@link SnapshotSource} request, delivered on the feed's event loop. */
public interface SnapshotCallback
{
    /** @param body the response body; valid only during the call. */
    void onSnapshot(int instrumentId, DirectBuffer body, int offset, int length);

    /** The request failed for good (after the source's own retries); the reason is for the log and status. */
    void onSnapshotFailed(int instrumentId, String reason);
}
