package zvt.crypto.feed.book;

/**
 * The sequencing rule every venue's book is an instance of, set by four choices:
 * <ul>
 *     <li>{@link Chain}: how a delta follows the last one applied: its {@code previousId} equals that one's
 *     {@code lastId} (Binance USD-M {@code pu}, OKX {@code prevSeqId}; a venue sequence reset after maintenance
 *     still chains), its {@code firstId} is the next id (Binance spot {@code U}, Bybit {@code u}), or nothing can be
 *     checked (Coinbase level2: delivery is guaranteed and only the connection's sequence tells a loss);</li>
 *     <li>in-stream snapshots: whether a snapshot message replaces the book (OKX, Bybit, Coinbase);</li>
 *     <li>REST snapshots, with the {@link FirstDelta} condition the first buffered delta must meet against the
 *     snapshot id (Binance spot {@code U <= id+1 <= u}; Binance USD-M {@code U <= id <= u}; OKX
 *     {@code prevSeqId <= id < seqId}, i.e. the spot condition with {@code firstId = prevSeqId + 1});</li>
 *     <li>how a lost book resyncs ({@link Resync}).</li>
 * </ul>
 * Deltas not after the last applied id are dropped (duplicates of an overlapping connection, or older than the
 * snapshot). Pure state. Not thread-safe.
 */
public final class SequencedBookRule implements BookRule
{
    /** How a delta is known to follow the previous one. */
    public enum Chain
    {
        PREVIOUS_ID, NEXT_ID, NONE
    }

    /** What the first delta after a REST snapshot must cover. */
    public enum FirstDelta
    {
        /** {@code firstId <= id + 1 <= lastId}. */
        NEXT_ID,
        /** {@code firstId <= id <= lastId}. */
        SNAPSHOT_ID
    }

    private final Chain chain;
    private final boolean inStreamSnapshots;
    private final FirstDelta firstDelta;
    private final Resync resync;
    private final long restSnapshotDelayMs;

    private boolean live;
    private boolean firstAfterRestSnapshot;
    private long lastId = BookFields.NO_ID;
    private long firstBufferedId = BookFields.NO_ID;

    /**
     * @param chain               how deltas chain.
     * @param inStreamSnapshots   whether snapshot messages arrive in the stream and replace the book.
     * @param firstDelta          the first-delta condition after a REST snapshot (null: no REST snapshots).
     * @param resync              how a lost book is rebuilt.
     * @param restSnapshotDelayMs see {@link BookRule#restSnapshotDelayMs()}.
     */
    public SequencedBookRule(
        final Chain chain,
        final boolean inStreamSnapshots,
        final FirstDelta firstDelta,
        final Resync resync,
        final long restSnapshotDelayMs)
    {
        this.chain = chain;
        this.inStreamSnapshots = inStreamSnapshots;
        this.firstDelta = firstDelta;
        this.resync = resync;
        this.restSnapshotDelayMs = firstDelta == null ? -1 : restSnapshotDelayMs;
    }

    public Action onMessage(final BookFields message)
    {
        if (message.isSnapshot())
        {
            if (!inStreamSnapshots)
            {
                return Action.DROP;
            }
            live = true;
            firstAfterRestSnapshot = false;
            lastId = message.lastId();
            return Action.SNAPSHOT;
        }
        if (!live)
        {
            if (firstBufferedId == BookFields.NO_ID)
            {
                firstBufferedId = firstIdOf(message);
            }
            return Action.BUFFER;
        }
        if (firstAfterRestSnapshot)
        {
            if (message.lastId() <= lastId && !(firstDelta == FirstDelta.SNAPSHOT_ID && message.lastId() == lastId))
            {
                return Action.DROP;
            }
            final long first = firstIdOf(message);
            final boolean covers = firstDelta == FirstDelta.SNAPSHOT_ID ?
                first <= lastId && message.lastId() >= lastId : first <= lastId + 1 && message.lastId() >= lastId + 1;
            return covers ? apply(message) : gap(message);
        }
        final boolean follows = switch (chain)
        {
            case PREVIOUS_ID -> message.previousId() == lastId;
            case NEXT_ID -> message.firstId() == lastId + 1;
            case NONE -> true;
        };
        if (follows)
        {
            return apply(message);
        }
        return message.lastId() <= lastId ? Action.DROP : gap(message);
    }

    public boolean onRestSnapshot(final long snapshotId)
    {
        if (firstBufferedId != BookFields.NO_ID && snapshotId < firstBufferedId - 1)
        {
            return false;
        }
        live = true;
        firstAfterRestSnapshot = true;
        lastId = snapshotId;
        return true;
    }

    public void reset()
    {
        live = false;
        firstAfterRestSnapshot = false;
        firstBufferedId = BookFields.NO_ID;
    }

    public boolean isLive()
    {
        return live;
    }

    public Resync resync()
    {
        return resync;
    }

    public long restSnapshotDelayMs()
    {
        return restSnapshotDelayMs;
    }

    /** The last id applied: the snapshot's, then each applied delta's. */
    public long lastId()
    {
        return lastId;
    }

    public String gapReason(final BookFields message)
    {
        return switch (chain)
        {
            case PREVIOUS_ID -> "expected previous id " + lastId + ", got " + message.previousId() + " (id " +
                message.lastId() + ")";
            case NEXT_ID, NONE -> "expected id " + (lastId + 1) + ", got " + firstIdOf(message) + ".." +
                message.lastId();
        };
    }

    private Action apply(final BookFields message)
    {
        firstAfterRestSnapshot = false;
        lastId = message.lastId();
        return Action.APPLY;
    }

    private Action gap(final BookFields message)
    {
        live = false;
        firstAfterRestSnapshot = false;
        firstBufferedId = firstIdOf(message);
        return Action.GAP;
    }

    /** The first id a delta covers; with only a previous id known, the one after it. */
    private static long firstIdOf(final BookFields message)
    {
        return message.firstId() != BookFields.NO_ID ? message.firstId() :
            message.previousId() != BookFields.NO_ID ? message.previousId() + 1 : message.lastId();
    }
}
