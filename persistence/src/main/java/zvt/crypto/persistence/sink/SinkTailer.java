package zvt.crypto.persistence.sink;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import zvt.crypto.journal.Journal;

/**
 * Runs one {@link JournalSink} on a thread of its own: read → batch → commit with checkpoint → back off → report
 * lag (see {@link SinkAgent}). Start it once the journal is open; stop it after the ring has drained into the
 * journal, with {@link #drainAndClose(Duration)} so the sink gets what the journal holds.
 * <p>
 * Thread-safety: start, drain and close from one owner thread; {@link #status()} from any thread.
 */
public final class SinkTailer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(SinkTailer.class);

    private final String name;
    private final Journal journal;
    private final SinkStatus status;
    private final AgentRunner runner;

    private SinkTailer(final JournalSink sink, final SinkSettings settings, final SinkStatus status)
    {
        this.name = sink.name();
        this.journal = settings.journal();
        this.status = status;
        final ErrorHandler errorHandler = ex -> LOG.error("{}: unexpected error", name, ex);
        // Empty polls a fifth of the batch delay apart (1..50 ms) while events flow; after a quiet second, the whole
        // batch delay apart (a 1 ms poll woke an idle node 1,000 times a second, a 10 ms one cost 1 % of a core).
        final long batchDelayMs = TimeUnit.NANOSECONDS.toMillis(settings.maxBatchDelayNanos());
        final long busyMs = Math.clamp(batchDelayMs / 5, 1, 50);
        runner = new AgentRunner(new SinkIdleStrategy(busyMs, Math.max(busyMs, batchDelayMs), (int)(1_000 / busyMs)),
            errorHandler, null, new SinkAgent(sink, settings, status));
    }

    /**
     * Starts the tailer thread; the first connection attempt happens there (a dead destination delays nothing).
     *
     * @param status where the tailer publishes progress; a sink with more to say passes its own subclass.
     */
    public static SinkTailer start(final JournalSink sink, final SinkSettings settings, final SinkStatus status)
    {
        final SinkTailer tailer = new SinkTailer(sink, settings, status);
        AgentRunner.startOnThread(tailer.runner, runnable ->
        {
            final Thread thread = new Thread(runnable, sink.name());
            thread.setDaemon(true);
            return thread;
        });
        return tailer;
    }

    public SinkStatus status()
    {
        return status;
    }

    /**
     * Waits until the checkpoint reaches the journal's last index (as it is now), or the timeout passes.
     *
     * @return true if caught up.
     */
    public boolean awaitCaughtUp(final Duration timeout) throws InterruptedException
    {
        final long target = journal.lastIndex();
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (target != Journal.NO_INDEX && status.committedIndex() < target)
        {
            if (System.nanoTime() - deadline > 0)
            {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Commits what the journal holds (within the timeout), then stops the thread. */
    public void drainAndClose(final Duration timeout)
    {
        try
        {
            if (!awaitCaughtUp(timeout))
            {
                LOG.warn("{}: not caught up within {} ms ({}); the rest is written on the next start", name,
                    timeout.toMillis(), status);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        close();
    }

    /** Stops the thread now; whatever is not committed is written on the next start. */
    public void close()
    {
        runner.close((int)TimeUnit.SECONDS.toMillis(5), thread -> thread.interrupt());
    }
}
