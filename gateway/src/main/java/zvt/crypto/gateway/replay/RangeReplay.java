package zvt.crypto.gateway.replay;

import org.agrona.DirectBuffer;
import zvt.crypto.gateway.fanout.Subscriber;
import zvt.crypto.journal.replay.JournalReplayer;
import zvt.crypto.journal.replay.ReplayFilter;
import zvt.crypto.journal.replay.ReplayResult;

/**
 * {@code replay}: sends the subscriptions' entries received within a time range, as fast as the client reads or at
 * the recorded pace times a factor, then {@code replay_end}. The session has no live subscription meanwhile, so its
 * journal indexes never go down. Book updates are sent as journaled: the venue's snapshot parts, then its deltas.
 */
public final class RangeReplay extends SocketReplay
{
    private final JournalReplayer replayer;
    private final boolean paced;

    /**
     * @param fromNanos inclusive lower bound on receive time, epoch nanoseconds.
     * @param toNanos   exclusive upper bound; {@code Long.MAX_VALUE} for up to the journal's end.
     * @param speed     {@link JournalReplayer#FULL_SPEED}, or a factor over the recorded pace.
     */
    public RangeReplay(
        final JournalReplays context,
        final Subscriber subscriber,
        final ReplaySession session,
        final long[] keys,
        final long fromNanos,
        final long toNanos,
        final double speed)
    {
        super(context, subscriber, session, keys);
        this.replayer = new JournalReplayer(journal)
            .filter(ReplayFilter.all().from(fromNanos).to(toNanos))
            .speed(speed);
        this.paced = speed != JournalReplayer.FULL_SPEED;
    }

    /** Ends the replay after the entry in hand; the session still gets {@code replay_end}. Any thread. */
    public void stopRequested()
    {
        replayer.stop();
    }

    protected void replay()
    {
        session.replayStarted();
        final ReplayResult result = replayer.replay(this);
        if (flush())
        {
            session.replayEnded(result.end(), delivered, lastDelivered);
        }
    }

    public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long index)
    {
        super.onEvent(buffer, offset, length, index);
        if (stopped)
        {
            replayer.stop();
        }
        else if (paced)
        {
            flush(); // a paced message goes out when it is due, not when a batch fills
        }
    }
}
