package zvt.crypto.feed.book;

import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Copies of frames held while a book resynchronizes (the venue keeps streaming while its snapshot is fetched), with
 * their receive times, replayed in arrival order. Backed by one expandable buffer that is reused: no allocation
 * once it has grown to the largest backlog. Not thread-safe.
 */
public final class FrameStore
{
    private static final int RECORD_HEADER = Long.BYTES + Integer.BYTES;

    private final ExpandableArrayBuffer store = new ExpandableArrayBuffer(4096);
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final int maxBytes;
    private int limit;
    private int count;
    private boolean overflowed;

    /** @param maxBytes cap on the backlog; beyond it frames are refused (the caller treats that as a gap). */
    public FrameStore(final int maxBytes)
    {
        this.maxBytes = maxBytes;
    }

    /** @return false, storing nothing, if the backlog would exceed its cap. */
    public boolean append(final long receiveTimeNanos, final DirectBuffer buffer, final int offset, final int length)
    {
        if (limit + RECORD_HEADER + length > maxBytes)
        {
            overflowed = true;
            return false;
        }
        store.putLong(limit, receiveTimeNanos);
        store.putInt(limit + Long.BYTES, length);
        store.putBytes(limit + RECORD_HEADER, buffer, offset, length);
        limit += RECORD_HEADER + length;
        count++;
        return true;
    }

    public int count()
    {
        return count;
    }

    /** True if a frame was refused since the last {@link #clear()}. */
    public boolean overflowed()
    {
        return overflowed;
    }

    public void clear()
    {
        limit = 0;
        count = 0;
        overflowed = false;
    }

    /** Position of the first frame, for {@link #next}, {@link #frame}. */
    public int first()
    {
        return 0;
    }

    /** @return true if a frame starts at {@code position}. */
    public boolean hasFrame(final int position)
    {
        return position < limit;
    }

    public long receiveTimeNanos(final int position)
    {
        return store.getLong(position);
    }

    /** The frame at {@code position}: a view valid until the store changes. */
    public UnsafeBuffer frame(final int position)
    {
        view.wrap(store, position + RECORD_HEADER, store.getInt(position + Long.BYTES));
        return view;
    }

    public int next(final int position)
    {
        return position + RECORD_HEADER + store.getInt(position + Long.BYTES);
    }

    /** Drops the frames before {@code position}, keeping the rest in order. */
    public void discardBefore(final int position)
    {
        int kept = 0;
        for (int p = position; p < limit; p = next(p))
        {
            kept++;
        }
        store.putBytes(0, store, position, limit - position);
        limit -= position;
        count = kept;
    }
}
