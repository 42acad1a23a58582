package zvt.crypto.persistence.writer;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import zvt.crypto.persistence.sink.SinkSettings;
import zvt.crypto.persistence.sink.SinkTailer;

/**
 * The database writer: a journal tailer on its own thread that writes every trade, candle, book snapshot and
 * instrument into PostgreSQL/TimescaleDB exactly once ({@link DbSink} on a {@link SinkTailer}). Start it after the
 * schema is migrated; close it after the ring has drained into the journal, with {@link #drainAndClose(Duration)}
 * so it writes what the journal holds before it stops.
 * <p>
 * Thread-safety: start, drain and close from one owner thread; {@link #status()} from any thread.
 */
public final class DbWriter implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(DbWriter.class);

    private final DbWriterStatus status;
    private final SinkTailer tailer;

    private DbWriter(final DbWriterStatus status, final SinkTailer tailer)
    {
        this.status = status;
        this.tailer = tailer;
    }

    /** Starts the writer thread; the first connection attempt happens there (a dead database delays nothing). */
    public static DbWriter start(final DbWriterContext context)
    {
        context.conclude();
        final DbWriterStatus status = new DbWriterStatus(context.counters());
        final SinkSettings settings = new SinkSettings(context.journal(), context.maxBatchRows(),
            context.maxBatchDelayNanos(), context.retryMinNanos(), context.retryMaxNanos(), context.clock());
        final DbWriter writer = new DbWriter(status, SinkTailer.start(new DbSink(context, status), settings, status));
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
        return tailer.awaitCaughtUp(timeout);
    }

    /** Writes what the journal holds (within the timeout), then stops the thread. */
    public void drainAndClose(final Duration timeout)
    {
        tailer.drainAndClose(timeout);
    }

    /** Stops the thread now; whatever is not committed is written on the next start. */
    public void close()
    {
        tailer.close();
    }
}
