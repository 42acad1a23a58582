package zvt.crypto.journal;

import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.RollCycles;
import org.agrona.concurrent.EpochNanoClock;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Configuration of a {@link Journal}: where it lives, how it rolls, how long it keeps old cycles. Defaults come from
 * the documented system properties; fluent setters override them; {@link #conclude()} validates once and freezes the
 * context (later setters throw).
 * <p>
 * Not thread-safe while being configured; safe to share once concluded.
 */
public final class JournalContext
{
    static
    {
        ChronicleSettings.ensureApplied();
    }

    /** Directory holding the Chronicle cycle files and metadata. */
    public static final String DIRECTORY_PROP_NAME = "zvt.journal.dir";
    public static final String DIRECTORY_DEFAULT = "./data/journal";

    /** How many cycles (days, with the default roll cycle) to keep, the current one included; 0 keeps all. */
    public static final String RETENTION_CYCLES_PROP_NAME = "zvt.journal.retention.cycles";
    public static final int RETENTION_CYCLES_DEFAULT = 0;

    /**
     * How much earlier than the requested time a time seek starts. Several producer threads stamp receive time
     * before they claim a ring slot, so journal order is receive-time order only to within a few microseconds (more
     * across a GC pause); an event can be missed by a time seek only if it was journaled after an event stamped more
     * than this slack later than itself.
     */
    public static final String TIME_SEEK_SLACK_NANOS_PROP_NAME = "zvt.journal.time.seek.slack.nanos";
    public static final long TIME_SEEK_SLACK_NANOS_DEFAULT = TimeUnit.SECONDS.toNanos(1);

    /** One file per UTC day. */
    public static final RollCycle ROLL_CYCLE_DEFAULT = RollCycles.FAST_DAILY;

    private Path directory = Path.of(System.getProperty(DIRECTORY_PROP_NAME, DIRECTORY_DEFAULT));
    private RollCycle rollCycle = ROLL_CYCLE_DEFAULT;
    private int retentionCycles = Integer.getInteger(RETENTION_CYCLES_PROP_NAME, RETENTION_CYCLES_DEFAULT);
    private long timeSeekSlackNanos = Long.getLong(TIME_SEEK_SLACK_NANOS_PROP_NAME, TIME_SEEK_SLACK_NANOS_DEFAULT);
    private EpochNanoClock clock;
    private boolean readOnly;
    private boolean concluded;

    public JournalContext directory(final Path directory)
    {
        checkNotConcluded();
        this.directory = directory;
        return this;
    }

    public Path directory()
    {
        return directory;
    }

    /** @param rollCycle when Chronicle starts a new file; retention counts these cycles. Daily by default. */
    public JournalContext rollCycle(final RollCycle rollCycle)
    {
        checkNotConcluded();
        this.rollCycle = rollCycle;
        return this;
    }

    public RollCycle rollCycle()
    {
        return rollCycle;
    }

    /**
     * @param retentionCycles cycles to keep, the current one included (2 keeps today and yesterday); 0 keeps all.
     *                        Older cycle files are deleted when a newer cycle starts and when the journal opens.
     */
    public JournalContext retentionCycles(final int retentionCycles)
    {
        checkNotConcluded();
        this.retentionCycles = retentionCycles;
        return this;
    }

    public int retentionCycles()
    {
        return retentionCycles;
    }

    /** @see #TIME_SEEK_SLACK_NANOS_PROP_NAME */
    public JournalContext timeSeekSlackNanos(final long timeSeekSlackNanos)
    {
        checkNotConcluded();
        this.timeSeekSlackNanos = timeSeekSlackNanos;
        return this;
    }

    public long timeSeekSlackNanos()
    {
        return timeSeekSlackNanos;
    }

    /**
     * @param clock the clock Chronicle reads to decide the current cycle; null (the default) is the system clock.
     *              Tests inject one to move a journal across days.
     */
    public JournalContext clock(final EpochNanoClock clock)
    {
        checkNotConcluded();
        this.clock = clock;
        return this;
    }

    public EpochNanoClock clock()
    {
        return clock;
    }

    /**
     * @param readOnly open an existing journal for reading only (tools beside a running node): nothing is created,
     *                 appenders are refused and retention is not applied.
     */
    public JournalContext readOnly(final boolean readOnly)
    {
        checkNotConcluded();
        this.readOnly = readOnly;
        return this;
    }

    public boolean readOnly()
    {
        return readOnly;
    }

    public boolean isConcluded()
    {
        return concluded;
    }

    /**
     * Validates the configuration once and freezes it; calling it again returns at once.
     *
     * @throws IllegalArgumentException naming the first invalid setting.
     */
    public JournalContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (directory == null)
        {
            throw new IllegalArgumentException("journal directory must be set");
        }
        if (Files.exists(directory) && !Files.isDirectory(directory))
        {
            throw new IllegalArgumentException("journal directory is a file: " + directory.toAbsolutePath());
        }
        if (readOnly && !Files.isDirectory(directory))
        {
            throw new IllegalArgumentException("no journal to read at " + directory.toAbsolutePath());
        }
        if (rollCycle == null)
        {
            throw new IllegalArgumentException("journal roll cycle must be set");
        }
        if (retentionCycles < 0)
        {
            throw new IllegalArgumentException(
                "journal retention must be >= 0 cycles (0 keeps all): " + retentionCycles);
        }
        if (timeSeekSlackNanos < 0)
        {
            throw new IllegalArgumentException("journal time seek slack must be >= 0 ns: " + timeSeekSlackNanos);
        }
        concluded = true;
        return this;
    }

    public String toString()
    {
        return "JournalContext{directory=" + directory +
            ", rollCycle=" + rollCycle +
            ", retentionCycles=" + retentionCycles +
            ", timeSeekSlackNanos=" + timeSeekSlackNanos +
            ", readOnly=" + readOnly +
            '}';
    }

    private void checkNotConcluded()
    {
        if (concluded)
        {
            throw new IllegalStateException("journal context already concluded");
        }
    }
}
