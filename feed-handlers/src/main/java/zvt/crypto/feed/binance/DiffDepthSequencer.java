package zvt.crypto.feed.binance;

/**
 * The sequencing rule of a diff-depth stream whose events carry a first and last update id ({@code U}, {@code u}
 * on Binance) against a snapshot's last update id, for one instrument:
 * <ol>
 *     <li>until a snapshot is applied every event is {@link Action#BUFFER}ed;</li>
 *     <li>a snapshot is usable if it does not end before the first buffered event: {@code id + 1 >= U0};</li>
 *     <li>after it, events with {@code u <= id} are {@link Action#DROP}ped (stale or duplicate);</li>
 *     <li>the first event applied must have {@code U <= id + 1 <= u}, each later one {@code U == previous u + 1};
 *     anything else is a {@link Action#GAP}: the sequencer goes back to buffering, starting with that event.</li>
 * </ol>
 * Pure state, no I/O. Not thread-safe.
 */
public final class DiffDepthSequencer
{
    /** What to do with an event. */
    public enum Action
    {
        APPLY, DROP, BUFFER, GAP
    }

    private boolean live;
    private boolean firstAfterSnapshot;
    private long lastUpdateId = -1;
    private long firstBufferedId = -1;
    private long expected;

    /** @return what to do with the event {@code [first, last]}; APPLY advances the local update id to {@code last}. */
    public Action onUpdate(final long first, final long last)
    {
        if (!live)
        {
            if (firstBufferedId < 0)
            {
                firstBufferedId = first;
            }
            return Action.BUFFER;
        }
        if (last <= lastUpdateId)
        {
            return Action.DROP;
        }
        final boolean inSequence = firstAfterSnapshot ? first <= lastUpdateId + 1 : first == lastUpdateId + 1;
        if (!inSequence)
        {
            expected = lastUpdateId + 1;
            live = false;
            firstBufferedId = first;
            return Action.GAP;
        }
        firstAfterSnapshot = false;
        lastUpdateId = last;
        return Action.APPLY;
    }

    /**
     * @return true if a snapshot ending at {@code snapshotId} can start the book (it reaches the buffered events);
     * the sequencer is then live at that id. False: fetch a newer snapshot.
     */
    public boolean onSnapshot(final long snapshotId)
    {
        if (firstBufferedId >= 0 && snapshotId + 1 < firstBufferedId)
        {
            return false;
        }
        live = true;
        firstAfterSnapshot = true;
        lastUpdateId = snapshotId;
        return true;
    }

    /** Back to buffering, e.g. when the stream's connection is lost. */
    public void reset()
    {
        live = false;
        firstBufferedId = -1;
    }

    public boolean isLive()
    {
        return live;
    }

    /** The local update id: the snapshot's, then the last applied event's {@code u}. */
    public long lastUpdateId()
    {
        return lastUpdateId;
    }

    /** After a GAP: the first update id that was expected. */
    public long expectedUpdateId()
    {
        return expected;
    }
}
