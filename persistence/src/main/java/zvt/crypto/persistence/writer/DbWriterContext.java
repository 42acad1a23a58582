package zvt.crypto.persistence.writer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.OffsetEpochNanoClock;

import zvt.crypto.core.counters.CountersRegistry;
import zvt.crypto.core.latency.HopLatencies;
import zvt.crypto.journal.Journal;
import zvt.crypto.persistence.DatabaseContext;

/**
 * Configuration of a {@link DbWriter}: which journal it tails, which database it writes, under which writer id its
 * checkpoint is kept, and when it flushes (by rows or by age of the batch) and retries (capped exponential backoff).
 * <p>
 * Not thread-safe while being configured; safe to share once concluded.
 */
public final class DbWriterContext
{
    private static final Pattern WRITER_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private Journal journal;
    private DatabaseContext database;
    private String writerId = "node";
    private int maxBatchRows = 10_000;
    private long maxBatchDelayNanos = TimeUnit.MILLISECONDS.toNanos(200);
    private long retryMinNanos = TimeUnit.MILLISECONDS.toNanos(100);
    private long retryMaxNanos = TimeUnit.SECONDS.toNanos(5);
    private EpochNanoClock clock;
    private HopLatencies latencies;
    private boolean migrate;
    private CountersRegistry counters;
    private boolean concluded;

    public DbWriterContext journal(final Journal journal)
    {
        checkNotConcluded();
        this.journal = journal;
        return this;
    }

    public Journal journal()
    {
        return journal;
    }

    public DbWriterContext database(final DatabaseContext database)
    {
        checkNotConcluded();
        this.database = database;
        return this;
    }

    public DatabaseContext database()
    {
        return database;
    }

    /**
     * @param writerId names this writer's checkpoint row; one per journal written into the database. Letters, digits,
     *                 {@code . _ -}, at most 64.
     */
    public DbWriterContext writerId(final String writerId)
    {
        checkNotConcluded();
        this.writerId = writerId;
        return this;
    }

    public String writerId()
    {
        return writerId;
    }

    /** @param rows a batch is flushed once it holds this many rows. */
    public DbWriterContext maxBatchRows(final int rows)
    {
        checkNotConcluded();
        this.maxBatchRows = rows;
        return this;
    }

    public int maxBatchRows()
    {
        return maxBatchRows;
    }

    /** @param delay a batch is flushed once its first entry has waited this long. */
    public DbWriterContext maxBatchDelay(final Duration delay)
    {
        checkNotConcluded();
        this.maxBatchDelayNanos = delay.toNanos();
        return this;
    }

    public long maxBatchDelayNanos()
    {
        return maxBatchDelayNanos;
    }

    /** @param min first wait after a failure; doubled per failure up to {@code max}. */
    public DbWriterContext retryBackoff(final Duration min, final Duration max)
    {
        checkNotConcluded();
        this.retryMinNanos = min.toNanos();
        this.retryMaxNanos = max.toNanos();
        return this;
    }

    public long retryMinNanos()
    {
        return retryMinNanos;
    }

    public long retryMaxNanos()
    {
        return retryMaxNanos;
    }

    /**
     * @param migrate whether the writer brings the schema up to date (Flyway) on its first connection, on its own
     *                thread and retried like any database failure, so a node starts even while its database is down.
     */
    public DbWriterContext migrate(final boolean migrate)
    {
        checkNotConcluded();
        this.migrate = migrate;
        return this;
    }

    public boolean migrate()
    {
        return migrate;
    }

    public DbWriterContext clock(final EpochNanoClock clock)
    {
        checkNotConcluded();
        this.clock = clock;
        return this;
    }

    public EpochNanoClock clock()
    {
        return clock;
    }

    /** Where the writer records the receive → database commit hop; null (the default) measures nothing. */
    public DbWriterContext latencies(final HopLatencies latencies)
    {
        checkNotConcluded();
        this.latencies = latencies;
        return this;
    }

    public HopLatencies latencies()
    {
        return latencies;
    }

    /** The node's counters registry, where the writer counts batches, rows and failures; a fresh one if not set. */
    public DbWriterContext counters(final CountersRegistry counters)
    {
        checkNotConcluded();
        this.counters = counters;
        return this;
    }

    public CountersRegistry counters()
    {
        return counters;
    }

    public DbWriterContext conclude()
    {
        if (!concluded)
        {
            Objects.requireNonNull(journal, "journal");
            Objects.requireNonNull(database, "database").conclude();
            if (maxBatchRows < 1 || maxBatchDelayNanos < 0 || retryMinNanos < 1 || retryMaxNanos < retryMinNanos)
            {
                throw new IllegalArgumentException("invalid batch or retry settings: " + this);
            }
            if (writerId == null || !WRITER_ID.matcher(writerId).matches())
            {
                throw new IllegalArgumentException("db writer id must be 1-64 letters, digits, '.', '_' or '-': " +
                    writerId);
            }
            if (clock == null)
            {
                clock = new OffsetEpochNanoClock();
            }
            if (counters == null)
            {
                counters = new CountersRegistry();
            }
            concluded = true;
        }
        return this;
    }

    public String toString()
    {
        return "DbWriterContext{writerId=" + writerId + ", maxBatchRows=" + maxBatchRows +
            ", maxBatchDelayMs=" + TimeUnit.NANOSECONDS.toMillis(maxBatchDelayNanos) + ", database=" + database + '}';
    }

    private void checkNotConcluded()
    {
        if (concluded)
        {
            throw new IllegalStateException("context already concluded");
        }
    }
}
