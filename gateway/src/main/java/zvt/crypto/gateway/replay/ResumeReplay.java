package zvt.crypto.gateway.replay;

import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.agrona.DirectBuffer;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.event.EventView;
import zvt.crypto.gateway.fanout.LiveHandoff;
import zvt.crypto.gateway.fanout.Subscriber;
import zvt.crypto.gateway.fanout.SubscriptionCommandQueue;
import zvt.crypto.journal.JournalReader;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code resume_from}: sends the subscriptions' entries after the given journal index up to the journal's end, then
 * hands the session to the fan-out ({@link LiveHandoff}). If the fan-out has handled later entries by then, the
 * replay reads on to where it is and asks again, so the client gets every entry once, in journal order, while
 * events keep arriving. Book updates are not replayed: the fan-out starts each resumed book with a snapshot at the
 * handoff, which supersedes them.
 */
public final class ResumeReplay extends SocketReplay
{
    private static final int BOOK_TEMPLATE_ID = EventType.BOOK_UPDATE.templateId();
    /** The fan-out answers at its next batch, or its idle timeout on a quiet ring. */
    private static final long HANDOFF_TIMEOUT_MS = 10_000;
    private static final long QUEUE_FULL_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final long afterIndex;
    private final Subscriber subscriber;
    private final SubscriptionCommandQueue commands;

    /**
     * @param afterIndex the last journal index the client holds; the replay starts with the entry after it.
     * @param keys       the subscriptions to resume; the fan-out registers them at the handoff.
     */
    public ResumeReplay(
        final JournalReplays context,
        final Subscriber subscriber,
        final ReplaySession session,
        final long[] keys,
        final long afterIndex)
    {
        super(context, subscriber, session, keys);
        this.afterIndex = afterIndex;
        this.subscriber = subscriber;
        this.commands = context.commands();
    }

    protected void replay()
    {
        try (JournalReader reader = journal.newReader())
        {
            if (!reader.moveAfterIndex(afterIndex))
            {
                session.resumeUnavailable();
                return;
            }
            session.replayStarted();
            lastRead = afterIndex;
            while (true)
            {
                while (!stopped && reader.readNext(this))
                {
                    // onEvent sends each selected entry
                }
                if (!flush())
                {
                    return;
                }
                final long answer = handOff(lastRead);
                if (answer == lastRead)
                {
                    session.resumedLive();
                    return;
                }
                if (answer < lastRead)
                {
                    return; // the client went away while waiting, or the fan-out did not answer (already told)
                }
            }
        }
    }

    protected boolean skip(final DirectBuffer buffer, final int offset)
    {
        return EventView.templateId(buffer, offset) == BOOK_TEMPLATE_ID;
    }

    /**
     * @return {@code sentUpTo} when live, the fan-out's position when it is further on, or less than
     * {@code sentUpTo} when the replay must end.
     */
    private long handOff(final long sentUpTo)
    {
        final LiveHandoff handoff = new LiveHandoff(keys, sentUpTo, new CompletableFuture<>());
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HANDOFF_TIMEOUT_MS);
        while (!commands.goLive(subscriber, handoff))
        {
            if (!channel.isActive() || System.nanoTime() > deadline)
            {
                return failHandoff();
            }
            LockSupport.parkNanos(QUEUE_FULL_BACKOFF_NANOS);
        }
        try
        {
            return handoff.answer().get(HANDOFF_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
        catch (final TimeoutException | ExecutionException ex)
        {
            return failHandoff();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return failHandoff();
        }
    }

    private long failHandoff()
    {
        if (channel.isActive())
        {
            session.replayFailed(WebSocketCloseStatus.TRY_AGAIN_LATER, "resume could not join the live stream");
        }
        return Long.MIN_VALUE;
    }
}
