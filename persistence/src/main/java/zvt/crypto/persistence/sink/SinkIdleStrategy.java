package zvt.crypto.persistence.sink;

import org.agrona.concurrent.IdleStrategy;

/**
 * How a sink tailer waits between polls of the journal that found nothing: {@code busyMs} apart while events
 * flow (rows wait up to the batch delay anyway, so this costs little latency), {@code quietMs} apart once the journal
 * has been quiet for {@code quietPolls} polls in a row, so an idle node's writer wakes a few times a second instead
 * of a hundred (each wake costs about 100 µs of CPU). It sleeps; it never spins. Used on the tailer thread only.
 */
public final class SinkIdleStrategy implements IdleStrategy
{
    private final long busyMs;
    private final long quietMs;
    private final int quietPolls;
    private int emptyPolls;

    public SinkIdleStrategy(final long busyMs, final long quietMs, final int quietPolls)
    {
        this.busyMs = busyMs;
        this.quietMs = quietMs;
        this.quietPolls = quietPolls;
    }

    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            emptyPolls = 0;
            return;
        }
        idle();
    }

    public void idle()
    {
        try
        {
            Thread.sleep(nextSleepMs());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    public void reset()
    {
        emptyPolls = 0;
    }

    /** How long the next empty poll sleeps; counts it. */
    long nextSleepMs()
    {
        if (emptyPolls < quietPolls)
        {
            emptyPolls++;
            return busyMs;
        }
        return quietMs;
    }
}
