package zvt.crypto.gateway.replay;

import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import zvt.crypto.core.candle.CandleBar;
import zvt.crypto.core.candle.CandleIntervals;
import zvt.crypto.core.candle.TradeCandles;
import zvt.crypto.core.codec.CandleInterval;
import zvt.crypto.core.event.EventType;
import zvt.crypto.core.event.EventView;
import zvt.crypto.gateway.fanout.LiveHandoff;
import zvt.crypto.gateway.fanout.Subscriber;
import zvt.crypto.gateway.fanout.SubscriptionCommandQueue;
import zvt.crypto.gateway.fanout.SubscriptionKey;
import zvt.crypto.journal.JournalReader;
import zvt.crypto.journal.replay.JournalReplayer;
import zvt.crypto.journal.replay.ReplayFilter;

import java.util.List;
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
 * <p>
 * Candles built from trades are rebuilt as the fan-out built them: a {@link TradeCandles} primed with the day's trades
 * up to the resume point (every bar, up to 1d, starts within that UTC day), then fed the replayed trades, sends each
 * bar that closes, with the journal index of the trade that closed it, right after that trade. The forming bar is
 * left to the live stream.
 */
public final class ResumeReplay extends SocketReplay
{
    private static final int BOOK_TEMPLATE_ID = EventType.BOOK_UPDATE.templateId();
    /** The fan-out answers at its next batch, or its idle timeout on a quiet ring. */
    private static final long HANDOFF_TIMEOUT_MS = 10_000;
    private static final long QUEUE_FULL_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private static final int CANDLE_TEMPLATE_ID = EventType.CANDLE.templateId();
    /** Priming seeks by receive time: start this much before midnight, for trades received early (clocks apart). */
    private static final long RECEIVED_BEFORE_MIDNIGHT_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final long afterIndex;
    private final Subscriber subscriber;
    private final SubscriptionCommandQueue commands;
    /** Null unless a candle subscription is resumed. */
    private final TradeCandles candles;
    private final UnsafeBuffer closedBar = new UnsafeBuffer(new byte[256]);
    /** Journal index of the entry being replayed: the one a bar closed by it carries. */
    private long replaying;

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
        this.candles = resumesCandles(keys) ? new TradeCandles(this::onClosed) : null;
    }

    private static boolean resumesCandles(final long[] keys)
    {
        for (final long key : keys)
        {
            if (SubscriptionKey.isCandle(key))
            {
                return true;
            }
        }
        return false;
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
            if (candles != null)
            {
                primeCandles();
            }
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

    public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long index)
    {
        super.onEvent(buffer, offset, length, index);
        if (candles != null && !stopped && length >= EventView.MIN_LENGTH)
        {
            replaying = index;
            candles.onEvent(buffer, offset); // sends the bars this trade closes
        }
    }

    private void onClosed(final CandleBar bar)
    {
        if (selects(SubscriptionKey.of(bar.instrumentId(), bar.venue().value(), CANDLE_TEMPLATE_ID)) ||
            selects(SubscriptionKey.candleIntervalKey(bar.instrumentId(), bar.venue().value(), bar.interval())))
        {
            send(closedBar, 0, bar.encode(closedBar, 0), replaying);
        }
    }

    /** The trades of the resume point's UTC day up to it, into the candles, sending nothing. */
    private void primeCandles()
    {
        final long receivedAt;
        try (JournalReader reader = journal.newReader())
        {
            receivedAt = reader.moveToIndex(afterIndex) ? receiveTimeOfNext(reader) : Long.MIN_VALUE;
        }
        if (receivedAt == Long.MIN_VALUE)
        {
            return;
        }
        final long startOfDay = CandleIntervals.bucketStart(receivedAt, CandleInterval.D1);
        final JournalReplayer primer = new JournalReplayer(journal)
            .filter(ReplayFilter.all()
                .from(startOfDay - RECEIVED_BEFORE_MIDNIGHT_NANOS)
                .types(List.of(EventType.TRADE)));
        primer.replay((buffer, offset, length, index) ->
        {
            if (index > afterIndex)
            {
                primer.stop();
            }
            else if (EventView.exchangeTimeNanos(buffer, offset) >= startOfDay)
            {
                candles.onEvent(buffer, offset);
            }
        });
    }

    private static long receiveTimeOfNext(final JournalReader reader)
    {
        final long[] receivedAt = {Long.MIN_VALUE};
        reader.readNext((buffer, offset, length, index) ->
        {
            if (length >= EventView.MIN_LENGTH)
            {
                receivedAt[0] = EventView.receiveTimeNanos(buffer, offset);
            }
        });
        return receivedAt[0];
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
