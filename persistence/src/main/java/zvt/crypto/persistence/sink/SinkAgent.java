package zvt.crypto.persistence.sink;

import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import zvt.crypto.core.event.EventView;
import zvt.crypto.journal.Journal;
import zvt.crypto.journal.JournalEventListener;
import zvt.crypto.journal.JournalHead;
import zvt.crypto.journal.JournalReader;

/**
 * A sink's duty cycle: connect and resume after its checkpoint, read entries into its batch, commit by size or by
 * age, back off on failure, and measure lag. Reads the journal, never the ring, so a slow or dead destination delays
 * only this thread.
 * <p>
 * Thread-safety: every method runs on the tailer thread.
 */
final class SinkAgent implements Agent, JournalEventListener
{
    private static final Logger LOG = LoggerFactory.getLogger(SinkAgent.class);
    private static final long LAG_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final JournalSink sink;
    private final SinkSettings settings;
    private final SinkStatus status;
    private final EpochNanoClock clock;

    private JournalReader reader;
    private JournalHead head;
    private boolean connected;
    private long committedIndex = Journal.NO_INDEX;
    private long committedReceiveNanos;
    private long lastReadIndex = Journal.NO_INDEX;
    private long lastReadReceiveNanos;
    private int pendingEntries;
    private long batchStartNanos;
    private final RetryBackoff backoff;
    private long nextLagNanos;

    SinkAgent(final JournalSink sink, final SinkSettings settings, final SinkStatus status)
    {
        this.sink = sink;
        this.settings = settings;
        this.status = status;
        this.clock = settings.clock();
        this.backoff = new RetryBackoff(settings.retryMinNanos(), settings.retryMaxNanos());
    }

    public String roleName()
    {
        return sink.name();
    }

    public void onStart()
    {
        sink.onStart();
        reader = settings.journal().newReader();
        head = settings.journal().newHead();
    }

    public int doWork()
    {
        final long now = clock.nanoTime();
        if (!connected && !connect(now))
        {
            updateLag(now);
            return 0;
        }
        int work = 0;
        final int limit = settings.maxBatch();
        while (sink.batched() < limit && work < limit && reader.readNext(this))
        {
            work++;
        }
        if (pendingEntries > 0 && (sink.batched() >= limit || now - batchStartNanos >= settings.maxBatchDelayNanos()))
        {
            work += commit(now);
        }
        updateLag(now);
        return work;
    }

    public void onClose()
    {
        CloseHelper.quietCloseAll(reader, head);
        sink.disconnect();
        status.connected(false);
        LOG.info("{} stopped at journal index {} ({})", sink.name(), committedIndex, status);
    }

    public void onEvent(final DirectBuffer buffer, final int offset, final int length, final long index)
    {
        if (pendingEntries++ == 0)
        {
            batchStartNanos = clock.nanoTime();
        }
        lastReadIndex = index;
        if (length >= EventView.MIN_LENGTH)
        {
            lastReadReceiveNanos = EventView.receiveTimeNanos(buffer, offset);
        }
        sink.onEvent(buffer, offset, length, index);
    }

    private int commit(final long now)
    {
        final int items = sink.batched();
        try
        {
            final long checkpoint = sink.commit(lastReadIndex);
            if (checkpoint == JournalSink.REREAD)
            {
                resume();
                return 0;
            }
            committedReceiveNanos = checkpoint == lastReadIndex ? lastReadReceiveNanos : committedReceiveNanos;
            committedIndex = checkpoint;
            pendingEntries = 0;
            status.onBatch(checkpoint, items);
            return Math.max(items, 1);
        }
        catch (final Exception ex)
        {
            onFailure(now, ex);
            return 0;
        }
    }

    private boolean connect(final long now)
    {
        if (!backoff.canTry(now))
        {
            return false;
        }
        try
        {
            sink.connect();
            connected = true;
            final long checkpoint = resume();
            final long outageNanos = backoff.onSuccess(now);
            if (outageNanos >= 0)
            {
                LOG.info("{}: destination reachable again after {} ms; resuming after journal index {}", sink.name(),
                    TimeUnit.NANOSECONDS.toMillis(outageNanos), checkpoint);
            }
            else
            {
                LOG.info("{} connected; resuming after journal index {}", sink.name(), checkpoint);
            }
            status.connected(true);
            return true;
        }
        catch (final Exception ex)
        {
            onFailure(now, ex);
            return false;
        }
    }

    /** Reads the sink's checkpoint and positions the reader after it, dropping whatever was batched. */
    private long resume() throws Exception
    {
        final long checkpoint = sink.resume();
        sink.discard();
        pendingEntries = 0;
        committedIndex = checkpoint;
        lastReadIndex = checkpoint;
        if (checkpoint == Journal.NO_INDEX)
        {
            reader.toStart();
        }
        else if (!reader.moveAfterIndex(checkpoint))
        {
            LOG.warn("{}: checkpoint index {} is no longer in the journal (retention, or a new journal);" +
                " re-reading from the start", sink.name(), checkpoint);
            reader.toStart();
        }
        status.onBatch(checkpoint, 0);
        return checkpoint;
    }

    private void onFailure(final long now, final Exception ex)
    {
        if (backoff.onFailure(now))
        {
            LOG.warn("{}: destination unavailable ({}); the journal keeps everything, retrying with backoff up to" +
                " {} ms", sink.name(), ex.toString(), TimeUnit.NANOSECONDS.toMillis(settings.retryMaxNanos()));
        }
        status.onFailure();
        sink.disconnect();
        sink.discard();
        connected = false;
        status.connected(false);
        pendingEntries = 0;
    }

    private void updateLag(final long now)
    {
        if (now < nextLagNanos)
        {
            return;
        }
        nextLagNanos = now + LAG_INTERVAL_NANOS;
        final long lastIndex = head.lastIndex();
        long behind;
        try
        {
            behind = head.entriesBetween(committedIndex, lastIndex);
        }
        catch (final RuntimeException ex)
        {
            behind = -1; // the checkpoint's cycle is gone; unknown until the sink catches up
        }
        final long lagNanos = behind == 0 ? 0 :
            now - (committedIndex == Journal.NO_INDEX ? batchStartNanos : committedReceiveNanos);
        status.lag(lastIndex, behind, Math.max(0, lagNanos));
    }
}
