package zvt.crypto.journal;

import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * An open journal: one Chronicle {@link SingleChronicleQueue} in a directory, rolled daily, with optional retention.
 * Each entry is one data document holding the SBE bytes of one event; its Chronicle index is the event's journal index
 * (ordered, unique for the life of the journal, encoding cycle and sequence).
 * <p>
 * Thread-safety: the journal itself may be shared by any number of threads. What it hands out is thread-confined:
 * an {@link ExcerptAppender} or {@link JournalReader} belongs to the thread that first uses it (Chronicle checks
 * this), so the ring's journal thread acquires its own appender and every reader thread creates its own reader.
 * Several appenders, in this or other processes, may write to one journal; Chronicle serialises them with a
 * file lock. Close the ring (which drains it) before closing the journal.
 */
public final class Journal implements AutoCloseable
{
    static
    {
        ChronicleSettings.ensureApplied();
    }

    /** Index value meaning "no entry" (an empty journal's first and last index). */
    public static final long NO_INDEX = -1;

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);

    private final JournalContext context;
    private final SingleChronicleQueue queue;
    private final JournalRetention retention;

    private Journal(final JournalContext context)
    {
        this.context = context.conclude();
        final SingleChronicleQueueBuilder builder = SingleChronicleQueueBuilder
            .binary(context.directory())
            .rollCycle(context.rollCycle())
            .readOnly(context.readOnly());
        if (context.clock() != null)
        {
            builder.timeProvider(new ClockTimeProvider(context.clock()));
        }
        retention = context.retentionCycles() > 0 && !context.readOnly() ?
            new JournalRetention(context.directory(), context.retentionCycles()) : null;
        if (retention != null)
        {
            builder.storeFileListener(retention);
        }
        queue = builder.build();
        if (retention != null)
        {
            retention.attach(queue);
            retention.deleteBefore(queue.cycle());
        }
        LOG.info("journal open: {}", context);
    }

    /**
     * Opens (creating if absent, unless read-only) the journal the context describes; concludes the context.
     */
    public static Journal open(final JournalContext context)
    {
        return new Journal(context);
    }

    public JournalContext context()
    {
        return context;
    }

    public Path directory()
    {
        return context.directory();
    }

    /**
     * The underlying queue, for tools that need Chronicle directly (dumps, pretouchers). Prefer the typed methods.
     */
    public SingleChronicleQueue queue()
    {
        return queue;
    }

    /** @return a new appender, confined to the thread that first writes with it; close it on that thread. */
    public ExcerptAppender newAppender()
    {
        if (context.readOnly())
        {
            throw new IllegalStateException("journal opened read-only: " + context.directory().toAbsolutePath());
        }
        return queue.createAppender();
    }

    /** @return a new raw tailer at the start, confined to the thread that first reads with it. */
    public ExcerptTailer newTailer()
    {
        return queue.createTailer();
    }

    /** @return a new zero-copy reader at the start of the journal, confined to the thread that first uses it. */
    public JournalReader newReader()
    {
        return new JournalReader(this);
    }

    /** @return a reusable probe of the last index, confined to the thread that first uses it. */
    public JournalHead newHead()
    {
        return new JournalHead(this);
    }

    /** @return index of the first entry still on disk, or {@link #NO_INDEX} if the journal is empty. */
    public long firstIndex()
    {
        final long index = queue.firstIndex();
        return index == Long.MAX_VALUE ? NO_INDEX : index;
    }

    /**
     * @return index of the last entry written, or {@link #NO_INDEX} if the journal is empty. Creates a tailer per
     * call: a thread that asks often uses a {@link JournalHead}.
     */
    public long lastIndex()
    {
        final long index = queue.lastIndex();
        return index < 0 ? NO_INDEX : index;
    }

    /**
     * Applies retention now against the cycle the clock says is current (it also runs on open and on every roll).
     *
     * @return cycle files deleted; 0 when retention is off or the journal is read-only.
     */
    public int applyRetention()
    {
        return retention == null ? 0 : retention.deleteBefore(queue.cycle());
    }

    /** @return cycle files retention has deleted since the journal was opened. */
    public long retentionDeletedFiles()
    {
        return retention == null ? 0 : retention.deletedFiles();
    }

    public void close()
    {
        try
        {
            if (retention != null)
            {
                retention.close();
            }
        }
        finally
        {
            queue.close();
            LOG.info("journal closed: {}", context.directory());
        }
    }
}
