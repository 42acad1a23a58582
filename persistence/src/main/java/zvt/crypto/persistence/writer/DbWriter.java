package zvt.crypto.persistence.writer;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import zvt.crypto.journal.Journal;

/**
 * The database writer: a journal tailer on its own thread that writes every trade, candle, book snapshot and
 * instrument into PostgreSQL/TimescaleDB exactly once (see {@link DbWriterAgent} for how). Start it after the
 * schema is migrated; close it after the ring has drained into the journal, with {@link #drainAndClose(Duration)}
 * so it writes what the journal holds before it stops.
 * <p>
 * Thread-safety: start, drain and close from one owner thread; {@link #status()} from any thread.
 */
public final class DbWriter implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(DbWriter.class);

    private final DbWriterContext context;
    private final DbWriterStatus status = new DbWriterStatus();
    private final AgentRunner runner;

    private DbWriter(final DbWriterContext context)
    {
        this.context = context.conclude();
        final ErrorHandler errorHandler = ex -> LOG.error("db writer {}: unexpected error", context.writerId(), ex);
        // Empty polls a fifth of the batch delay apart (1..50 ms) while events flow; after a quiet second, the whole
        // batch delay apart (a 1 ms poll woke an idle node 1,000 times a second, a 10 ms one cost 1 % of a core).
        final long batchDelayMs = TimeUnit.NANOSECONDS.toMillis(context.maxBatchDelayNanos());
        final long busyMs = Math.clamp(batchDelayMs / 5, 1, 50);
        runner = new AgentRunner(new WriterIdleStrategy(busyMs, Math.max(busyMs, batchDelayMs), (int)(1_000 / busyMs)),
            errorHandler, null, new DbWriterAgent(context, status));
    }

    /** Starts the writer thread; the first connection attempt happens there (a dead database delays nothing). */
    public static DbWriter start(final DbWriterContext context)
    {
        final DbWriter writer = new DbWriter(context);
        AgentRunner.startOnThread(writer.runner, runnable ->
        {
            final Thread thread = new Thread(runnable, "db-writer-" + context.writerId());
            thread.setDaemon(true);
            return thread;
        });
        LOG.info("db writer started: {}", context);
        return writer;
    }

    public DbWriterStatus status()
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
        final Journal journal = context.journal();
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

    /** Writes what the journal holds (within the timeout), then stops the thread. */
    public void drainAndClose(final Duration timeout)
    {
        try
        {
            if (!awaitCaughtUp(timeout))
            {
                LOG.warn("db writer {}: not caught up within {} ms ({}); the rest is written on the next start",
                    context.writerId(), timeout.toMillis(), status);
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
